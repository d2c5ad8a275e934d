/** Nonconformity report forms (不符合项报告), one per NC, as many bodies attach them instead of an NC table: a title
 * line, then labelled parts — the department (受审核部门), the finding (不符合事实描述, often on the lines below its
 * label), the clause (不符合 GB/T 19001-2016 标准 7.1.3 条款 / 不符合条款：7.1.3) and the kind (不符合性质：一般).
 * A kind printed as options (☑一般 □严重) is read from the boxes (pixels); without them the words name both kinds and
 * say nothing, and the counts may still give it (severityFromCounts). */
import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import { unionBbox } from "../../domain/geometry.ts";
import type { NcItem } from "../../domain/record.ts";
import { OPTION_GROUPS, optionWords } from "../../lexicon/options.ts";
import {
  NC_BREACH_STATEMENT,
  NC_FORM_LABELS,
  NC_FORM_NEXT_LABELS,
  NC_FORM_PART_OPENERS,
  NC_FORM_TITLE_LEADS,
  NC_FORM_TITLE_NOUNS,
  NC_FORM_TITLES_EN,
  NONCONFORMITY_WORDS,
} from "../../lexicon/tables.ts";
import { confusions } from "../../noise/confusions.ts";
import type { TickRow } from "../checkbox/types.ts";
import { CHINESE_NUMERAL_CLASS, toHalfWidth } from "../normalize/numbers.ts";
import { severityOf } from "../normalize/severity.ts";
import { fieldAt, fieldBox } from "../provenance.ts";
import { matchForm } from "../text/chars.ts";
import { findLabels, opensWithLabel, valueAfter } from "../text/labels.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation } from "../text/pattern.ts";

/** 不符合项报告 / 不合格报告单 / 不符合项记录, alone or followed by its number (编号：NCR-01, No.1, (1)). */
const TITLE = new RegExp(
  `^(?:${alternation(NONCONFORMITY_WORDS)})项?(?:${alternation(NC_FORM_TITLE_NOUNS)})(?:$|编号|No|NO|[:：(（]|[-－]?\\d)`,
);

const DEPT_LABELS = NC_FORM_LABELS.department;
const FINDING_LABELS = NC_FORM_LABELS.finding;
/** A department as a form labels it: a short run of Chinese (注塑车间, 行政人事部, 财务/采购). */
const DEPT_WORD = /^[\u4e00-\u9fa5][\u4e00-\u9fa5、/]{1,15}$/;
/** Where the department's cell ends when OCR ran it into the next one (注塑车间审核员：何丽). */
// (The next label's colon as OCR reads it, from the noise model: 注塑车间审核员;何丽.)
const NEXT_PART = new RegExp(
  `\\s|(?=(?:${alternation(NC_FORM_NEXT_LABELS)})\\s*[${confusions().classBody(":")}])`,
);
const KIND_LABELS = NC_FORM_LABELS.kind;
/** The words that name a kind, from the lexicon's NC kind options (严重, 一般, Major, Minor …). */
const KIND_WORDS: readonly string[] = OPTION_GROUPS.ncKind.options.flatMap((o) =>
  optionWords(o).map(matchForm),
);

/** A line that starts another part of the form, so the finding above it has ended. */
const B = NC_BREACH_STATEMENT;
const PART_START = new RegExp(
  `^(?:${B.word}\\s*(?:${alternation(B.prefixes)}|[^\\s]{0,12}${B.standard}|[^\\s]{0,6}${B.clause})|${alternation(NC_FORM_PART_OPENERS)})`,
);

/** Standard designations (GB/T 19001-2016, ISO 9001:2015) blanked out, same length, so their digits are no clause. */
function blankStandards(text: string): string {
  return text.replace(/(?:GB\/T|GB|ISO(?:\/IEC)?|IATF|RB\/T)\s*[\d.\s]+(?:[-:：]\s*\d{4})?/gi, (m) =>
    " ".repeat(m.length),
  );
}

const CLAUSE_BEFORE = /(?<![\d.])(\d{1,2}(?:\.\d{1,2}){0,4})\s*(?:条款|条)/;
const CLAUSE_AFTER = /条款\s*[:：]?\s*(?:第\s*)?(\d{1,2}(?:\.\d{1,2}){0,4})(?![\d.])/;

/** The clause from the form's own statement of it; a line that says 条款 before one that only names a standard. */
function clauseOf(lines: readonly DocLine[]): Field<string> {
  const said = [...lines].sort((a, b) => Number(/条款/.test(b.text)) - Number(/条款/.test(a.text)));
  for (const line of said) {
    if (!/条款|标准/.test(line.text)) continue;
    const text = blankStandards(toHalfWidth(line.text));
    const m = CLAUSE_AFTER.exec(text) ?? CLAUSE_BEFORE.exec(text);
    if (!m) continue;
    const at = m.index + m[0].indexOf(m[1]!);
    return fieldAt(line, at, at + m[1]!.length, m[1]!, 0.85);
  }
  return missingField();
}

function departmentOf(form: readonly DocLine[], lines: readonly DocLine[]): Field<string> {
  for (const hit of findLabels(form, DEPT_LABELS)) {
    const value = valueAfter(hit, lines, false);
    const word = value?.text.split(NEXT_PART)[0] ?? "";
    if (!value || !DEPT_WORD.test(word)) continue;
    return fieldAt(value.line, value.start, value.start + word.length, word, 0.85 * hit.quality);
  }
  return missingField();
}

/** The finding after its label, with the lines below it up to the next part of the form. */
function findingOf(
  form: readonly DocLine[],
  lines: readonly DocLine[],
): { field: Field<string>; lines: DocLine[] } {
  const none = { field: missingField<string>(), lines: [] };
  const hit = findLabels(form, FINDING_LABELS)[0];
  if (!hit) return none;
  const parts: { line: DocLine; text: string }[] = [];
  const own = valueAfter(hit, lines, false);
  if (own) parts.push({ line: own.line, text: own.text });
  for (const line of form.slice(form.indexOf(hit.line) + 1)) {
    if (opensWithLabel(line.text) || PART_START.test(line.text.trim()) || line.text.includes("\t")) break;
    parts.push({ line, text: line.text.trim() });
  }
  if (parts.length === 0) return none;
  const text = parts.map((p) => p.text).join("");
  const box = unionBbox(parts.map((p) => p.line.bbox))!;
  const confidence = Math.min(...parts.map((p) => p.line.confidence));
  return {
    field: fieldBox(parts[0]!.line, box, text, text, confidence, 0.8),
    lines: parts.map((p) => p.line),
  };
}

export type NcKind = "major" | "minor";

/** The tick row printed on this line, if the checkbox reader found one: its boxes' centres within the line's height. */
function tickRowOn(line: DocLine, rows: readonly TickRow<NcKind>[]): TickRow<NcKind> | null {
  const [, top, , bottom] = line.bbox;
  return (
    rows.find((r) => {
      const cy = (r.bbox[1] + r.bbox[3]) / 2;
      return r.page === line.page && cy >= top && cy <= bottom;
    }) ?? null
  );
}

/** The kind: ticked boxes where the line prints options (☑一般 □严重, read from pixels), else the one kind the
 * line writes (不符合性质：一般). Options with no tick row read nothing: the words name both kinds. */
function kindOf(
  form: readonly DocLine[],
  lines: readonly DocLine[],
  rows: readonly TickRow<NcKind>[],
): Field<NcKind> {
  for (const hit of findLabels(form, KIND_LABELS)) {
    const ticks = tickRowOn(hit.line, rows);
    if (ticks) return ticks.field;
    const value = valueAfter(hit, lines, false);
    if (!value) continue;
    const form = matchForm(value.text);
    const kinds = new Set(KIND_WORDS.filter((w) => form.includes(w)).flatMap((w) => severityOf(w) ?? []));
    if (kinds.size !== 1) continue;
    return fieldAt(value.line, value.start, value.end, [...kinds][0]!, 0.85 * hit.quality);
  }
  return missingField();
}

/** The English title before the Chinese one, or alone (Nonconformity Report 不符合项报告 (1/3), NCR No. 2). */
const TITLE_EN = NC_FORM_TITLES_EN.map((t) => t.replace(/\s/g, "").toLowerCase());
const AFTER_TITLE = /^(?:$|No|NO|[:：(（#]|[-－]?\d)/;

/** An attachment's word and number before the title (附件2 不符合项报告): the form's place in the report, not its title. */
const LEAD = new RegExp(
  `^(?:${alternation(NC_FORM_TITLE_LEADS)})[\\d${CHINESE_NUMERAL_CLASS}]{0,3}[:：、.．-]?`,
);

function isTitle(line: DocLine): boolean {
  const text = line.text.replace(/\s/g, "").replace(LEAD, "");
  if (TITLE.test(text)) return true;
  const en = TITLE_EN.find((t) => text.toLowerCase().startsWith(t));
  if (!en) return false;
  const rest = text.slice(en.length);
  return TITLE.test(rest) || AFTER_TITLE.test(rest);
}

/** Each form: its title line up to the next title, on the title's page. */
export function fromForms(lines: readonly DocLine[], kindRows: readonly TickRow<NcKind>[] = []): NcItem[] {
  const items: NcItem[] = [];
  lines.forEach((line, i) => {
    if (!isTitle(line)) return;
    const form: DocLine[] = [];
    for (const next of lines.slice(i + 1)) {
      if (next.page !== line.page || isTitle(next)) break;
      form.push(next);
    }
    const finding = findingOf(form, lines);
    // The finding may quote another standard's article (违反公司标准第5条): the form's own statement comes first.
    const own = clauseOf(form.filter((l) => !finding.lines.includes(l)));
    const item: NcItem = {
      clause: own.value !== null ? own : clauseOf(finding.lines),
      department: departmentOf(form, lines),
      severity: kindOf(form, lines, kindRows),
      text: finding.field,
    };
    // A title with neither a finding nor a clause under it is a mention (an attachment list), not a form.
    if (item.text.value !== null || item.clause.value !== null) items.push(item);
  });
  return items;
}
