import type { Field } from "../domain/field.ts";
import type { Evidence, Flag, Severity } from "../domain/flag.ts";
import type { AuditRecord, Report, Section } from "../domain/record.ts";
import type { RulesConfig } from "./config.ts";

/** What a rule sees: one record whose report is present, the validated config, and its own id and
 * effective severity (catalogue severity or the configured override). */
export interface RuleContext {
  record: AuditRecord & { report: Report };
  report: Report;
  config: RulesConfig;
  rule: { id: string; severity: Severity };
}

export type RuleFamily = "DATE" | "CHK" | "NC" | "TIME" | "TEAM" | "SCOPE" | "REQ" | "PII" | "XDOC";

export interface RuleDef {
  id: string;
  family: RuleFamily;
  severity: Severity;
  description: string;
  check: (ctx: RuleContext) => Flag[];
}

/** Every "could not check" message starts with this, so exports and the review page can set them apart. */
export const UNCHECKED_PREFIX = "无法核查：";

export function isUncheckedFlag(flag: Flag): boolean {
  return flag.message.startsWith(UNCHECKED_PREFIX);
}

export function finding(ctx: RuleContext, message: string, evidence: Evidence[]): Flag {
  return { rule: ctx.rule.id, severity: ctx.rule.severity, message, evidence };
}

/** The one low note a rule leaves when its inputs were not read: never a guess, never silence. */
export function unchecked(
  ctx: RuleContext,
  what: string,
  missing: readonly string[],
  evidence: Evidence[] = [],
): Flag {
  return {
    rule: ctx.rule.id,
    severity: "low",
    message: `${UNCHECKED_PREFIX}${what}，缺少${[...new Set(missing)].join("、")}`,
    evidence,
  };
}

/** Names (Chinese labels) of the fields whose value was not read. */
export function missingOf(fields: Record<string, Field<unknown> | undefined>): string[] {
  return Object.entries(fields)
    .filter(([, f]) => f === undefined || f.value === null)
    .map(([name]) => name);
}

export function fieldEvidence(field: Field<unknown> | undefined, fallback?: string): Evidence[] {
  if (!field) return [];
  const text = field.raw ?? (field.value === null ? fallback : display(field.value)) ?? null;
  if (text === null && field.page === null) return [];
  return [{ page: field.page, bbox: field.bbox, text: text ?? "" }];
}

export function evidenceOf(...fields: (Field<unknown> | undefined)[]): Evidence[] {
  return fields.flatMap((f) => fieldEvidence(f));
}

export function sectionEvidence(section: Section, snippet: string): Evidence {
  return { page: section.page, bbox: section.bbox, text: snippet };
}

function display(v: unknown): string {
  if (Array.isArray(v)) return v.join("、");
  return String(v);
}

/** NFKC (full-width digits, letters and brackets to ASCII) and no whitespace: OCR spaces Chinese text at random. */
export function compact(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "");
}

/** Narrative compacted for phrase matching. A long line that wraps is prose and joins its next line (a
 * phrase may be cut by the wrap); a short line is a table cell or a label and stays apart, so
 * "体系运行" and a cell "有效" below it never read as "体系运行有效". */
export function narrativeCompact(text: string, config: RulesConfig): string {
  let out = "";
  for (const line of text.split(/\r?\n/)) {
    if (isTemplateLine(line, config)) continue;
    const c = compact(line);
    if (c.length === 0) continue;
    out += c + (c.length >= PROSE_LINE ? "" : "\n");
  }
  return out;
}

const PROSE_LINE = 20;

const optionRows = [
  ["符合", "基本符合", "不符合"],
  ["有效", "基本有效", "无效"],
  ["满足", "基本满足", "不满足"],
  ["达到", "基本达到", "未达到"],
];

function count(text: string, word: string): number {
  return text.split(word).length - 1;
}

export function isTemplateLine(line: string, config: RulesConfig): boolean {
  const c = compact(line);
  if (config.lexicons.templateLines.some((t) => c.includes(compact(t)))) return true;
  // A printed option list names all three options on one line: the plain one also on its own, besides
  // inside "基本符合"/"不符合". Narrative ("基本符合要求，提出一项不符合") does not.
  return optionRows.some(([plain, partial, negative]) => {
    if (!c.includes(partial!) || !c.includes(negative!)) return false;
    const inside = count(c, partial!) + (negative!.includes(plain!) ? count(c, negative!) : 0);
    return count(c, plain!) - inside >= 1;
  });
}

/** A short window of `text` around `index`, for evidence and messages. */
export function snippet(text: string, index: number, length: number, pad = 15): string {
  const from = Math.max(0, index - pad);
  const to = Math.min(text.length, index + length + pad);
  // One line: messages and evidence end up in CSV cells and one-line review rows.
  const body = text.slice(from, to).replace(/\s*\n\s*/g, " ");
  return `${from > 0 ? "…" : ""}${body}${to < text.length ? "…" : ""}`;
}

/** A section by its printed id ("二", "第五部分") or a word of its title. Ids compare whole: "二" must not
 * catch a title such as "第二阶段审核情况". */
export function sectionMatches(
  section: Section,
  titleWords: readonly string[],
  ids: readonly string[] = [],
): boolean {
  return ids.includes(section.id) || titleWords.some((w) => section.title.includes(w));
}

/** The parser nests sections (三 holds 3.1…3.5, 3.2 holds its 1) 2) items): innermost first, so a finding
 * is reported once, on the most precise section, and later duplicates are skipped. */
export function innermostFirst(sections: readonly Section[]): Section[] {
  return [...sections].sort((a, b) => a.text.length - b.text.length);
}

const STRUCTURAL =
  /^(\d{1,2}(\.\d{1,2})+|[一二三四五六七八九十]{1,3}|第[一二三四五六七八九十]{1,3}(部分|章|节))$/;

/** How a message names a section: list items ("5)", "3") the parser also cuts out are named by the smallest
 * numbered section (3.2, 二) that holds them, which is what a reviewer finds in the report. */
export function sectionLabel(section: Section, all: readonly Section[]): string {
  if (STRUCTURAL.test(section.id)) return section.id;
  const holder = innermostFirst(all).find(
    (s) =>
      s !== section &&
      STRUCTURAL.test(s.id) &&
      s.text.length >= section.text.length &&
      s.text.includes(section.text),
  );
  return holder ? holder.id : section.id;
}
