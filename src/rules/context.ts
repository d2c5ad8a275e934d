import type { Field } from "../domain/field.ts";
import type { Evidence, Flag, Severity } from "../domain/flag.ts";
import type { AuditRecord, CheckboxGroup, Report, Section, SectionLine } from "../domain/record.ts";
import { gradedListFamilies, levelInLabel } from "../lexicon/options.ts";
import type { RulesConfig } from "./config.ts";

/** What a rule sees: one record whose report is present, the validated config, and its own id,
 * description and effective severity (catalogue severity or the configured override). */
export interface RuleContext {
  record: AuditRecord & { report: Report };
  report: Report;
  config: RulesConfig;
  rule: { id: string; severity: Severity; description: string; minInputConfidence?: number };
}

export type RuleFamily = "DATE" | "CHK" | "NC" | "TIME" | "TEAM" | "SCOPE" | "REQ" | "PII" | "XDOC";

/** What a rule reads, declared in the catalogue (docs, review page) and named in its could-not-check notes. */
export interface RuleInputs {
  fields?: readonly string[];
  groups?: readonly string[];
  sections?: readonly string[];
}

export interface RuleDef {
  id: string;
  family: RuleFamily;
  severity: Severity;
  description: string;
  inputs: RuleInputs;
  check: (ctx: RuleContext) => Flag[];
}

/** Message prefix of could-not-check notes, for people reading a CSV; code reads `status`. */
export const UNCHECKED_PREFIX = "无法核查：";

export function isUncheckedFlag(flag: Flag): boolean {
  return flag.status === "unchecked";
}

/** One input a finding compared: a field, a tick group or a section, with the name a note gives it. */
export type Compared =
  | { name: string; field: Field<unknown> | undefined }
  | { name: string; group: CheckboxGroup }
  | { name: string; section: Section };

export const fieldInput = (name: string, field: Field<unknown> | undefined): Compared => ({ name, field });
export const groupInput = (group: CheckboxGroup): Compared => ({ name: `勾选项“${group.label}”`, group });
export const sectionInput = (section: Section): Compared => ({ name: `第 ${section.id} 部分`, section });

/** Fields a finding compared, named as its note would name them: `fieldsIn({ 报告日期: r.reportDate })`. */
export function fieldsIn(fields: Record<string, Field<unknown> | undefined>): Compared[] {
  return Object.entries(fields).map(([name, field]) => ({ name, field }));
}

/** A field whose value is null by design (an impossible date keeps only its text): read means its raw text was. */
export function rawIn(name: string, field: Field<unknown>): Compared {
  return { name, field: { ...field, value: field.raw } };
}

/** The shared gate: why an input cannot carry a finding, or null when it was read with confidence and
 * located. A value the parser could not fill, a doubtful reading and a value with no place on the page
 * (nothing a reviewer can look at) all leave the comparison unverified. */
export function unreadReason(
  input: Compared,
  config: RulesConfig,
  minConfidence = config.minInputConfidence,
): string | null {
  if ("field" in input) {
    const f = input.field;
    if (f === undefined || f.value === null) return "未读出";
    if (f.confidence < minConfidence) return `置信度 ${f.confidence.toFixed(2)}`;
    if (f.page === null || f.bbox === null) return "未定位";
    return null;
  }
  if ("group" in input) return groupUnread(input.group, config);
  return input.section.page === null ? "未定位" : null;
}

/** A tick group carries a finding only when its boxes were found with every option of the printed option
 * family, each read with confidence: an option not found may be the one ticked. */
export function groupUnread(group: CheckboxGroup, config: RulesConfig): string | null {
  if (group.options.length === 0) return "未找到勾选框";
  // A box the layout stage did not find in the pixels (a bracketed tick, a circled word, a glyph in running text).
  if (group.options.some((o) => o.located === false)) return "勾选框未在图像中找到";
  const doubtful = group.options.filter(
    (o) => o.state === "unclear" || o.confidence < config.checkboxMinConfidence,
  );
  if (doubtful.length > 0) return `勾选状态不确定（${doubtful.map((o) => o.label).join("、")}）`;
  if (!optionsComplete(group, config)) return "选项未全部找到";
  return null;
}

/** Every option of the group's family (config lexicon) was located; a group of a family the lexicon does not
 * know is judged by its size alone (an exclusive choice needs two options at least). A group of a listed graded
 * family (the recommendation) needs an option of every grade: two of three found may have lost the ticked one. */
export function optionsComplete(group: CheckboxGroup, config: RulesConfig): boolean {
  const listed = gradedListFamilies().find((f) => group.id === f || group.id.startsWith(`${f}.`));
  if (listed) {
    const levels = new Set(group.options.map((o) => levelInLabel(listed, o.label)));
    return (["full", "partial", "negative"] as const).every((l) => levels.has(l));
  }
  const labels = group.options.map((o) => compact(o.label));
  const families = config.lexicons.optionFamilies.filter((fam) =>
    labels.some((l) => fam.some((o) => sameOption(l, o))),
  );
  if (families.length === 0) return group.options.length >= 2;
  return families.some((fam) => fam.every((o) => labels.some((l) => sameOption(l, o))));
}

/** A printed option may carry its English half (符合 Conformity) or lose a character to OCR; the label of
 * the group's box is compared whole first, then as a prefix. */
function sameOption(label: string, option: string): boolean {
  const o = compact(option);
  return label === o || (label.startsWith(o) && !/^[\u4e00-\u9fff]/.test(label.slice(o.length)));
}

/** What the gate needs: the rule (id, severity, description) and the config; rule and cross-rule contexts both. */
export type GateContext = Pick<RuleContext, "rule" | "config">;

export interface FindingOptions {
  /** What the finding is about (flag.ts): a tick group id, a member's name, a field name, a clause. */
  subject?: string | null;
  /** The inputs compared; the finding stands only when every one of them passes the gate. */
  compared?: readonly Compared[];
}

/** A finding at the rule's severity, or, when an input it compared was not read with confidence and
 * located, the low could-not-check note naming that input instead. */
export function finding(
  ctx: GateContext,
  message: string,
  evidence: Evidence[],
  options: FindingOptions = {},
): Flag {
  const subject = options.subject ?? null;
  const unread = (options.compared ?? []).flatMap((input) => {
    const why = unreadReason(input, ctx.config, ctx.rule.minInputConfidence);
    return why === null ? [] : [`${input.name}（${why}）`];
  });
  if (unread.length > 0) return unchecked(ctx, ctx.rule.description, unread, evidence, subject);
  return { rule: ctx.rule.id, severity: ctx.rule.severity, status: "finding", subject, message, evidence };
}

/** The one low note a rule leaves when its inputs were not read: never a guess, never silence. */
export function unchecked(
  ctx: Pick<GateContext, "rule">,
  what: string,
  missing: readonly string[],
  evidence: Evidence[] = [],
  subject: string | null = null,
): Flag {
  return {
    rule: ctx.rule.id,
    severity: "low",
    status: "unchecked",
    subject,
    message: `${UNCHECKED_PREFIX}${what}，缺少${[...new Set(missing)].join("、")}`,
    evidence,
  };
}

/** Every audit team has a leader (17021-1 9.2.2): a team read with none was read in part (a row the table
 * reader lost, a wrapped cell), so whatever it says as a whole (its auditor-days, that nobody holds a code) is
 * unverified. Names the missing input for a could-not-check note, or null when a leader was read. */
export function teamPartReason(report: Pick<Report, "team">): string | null {
  if (report.team.length === 0) return null;
  return report.team.some((m) => m.role.value === "leader") ? null : "审核组长（审核组未读全）";
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

/** Evidence for words quoted from a section: the page and box of the line they stand on (`focus`, the matched
 * words, locates it when given; else the quote), or the section's start when the record kept no lines. */
export function sectionEvidence(section: Section, snippet: string, focus?: string): Evidence {
  const line = quotedLine(section, snippet, focus);
  if (line) return { page: line.page, bbox: line.bbox, text: snippet };
  return { page: section.page, bbox: section.bbox, text: snippet };
}

function windows(s: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  return out;
}

/** The line of a section that holds a quote: the first line containing it whole, else (a quote across a wrapped
 * line, OCR reading a character differently in the rule's normalised text) the line sharing most of its 3-character
 * windows, the first of equals. Null when no line shares any. */
export function quotedLine(section: Section, quote: string, focus?: string): SectionLine | null {
  const lines = section.lines ?? [];
  const target = compact(focus ?? "") || compact(quote.replace(/…/g, ""));
  if (lines.length === 0 || target.length === 0) return null;
  const forms = lines.map((l) => compact(l.text));
  const whole = forms.findIndex((f) => f.includes(target));
  if (whole >= 0) return lines[whole] ?? null;
  const grams = windows(target, Math.min(3, target.length));
  let best = -1;
  let bestScore = 0;
  forms.forEach((f, i) => {
    const score = grams.filter((g) => f.includes(g)).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best >= 0 ? (lines[best] ?? null) : null;
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
