/** The gate for dates read among dates of other kinds: a date taken from a sentence (or a label's clause) that also
 * holds another date and names another kind of date (…成立于A，自B起运行…，于C取得认证证书，本次审核于D至E实施…)
 * keeps its value, but at reduced confidence: which date is whose is a guess there. Rules compare only inputs read
 * with confidence (src/rules/context.ts), so a date rule fed such a reading says "could not check" at low severity
 * instead of a high or medium finding. Which words name which kind is the lexicon's (DATE_KINDS). */
import type { Field } from "../../domain/field.ts";
import { DATE_KINDS, type DateKind } from "../../lexicon/prose.ts";
import { findDates, leadingDate } from "../normalize/dates.ts";
import { matchForm } from "../text/chars.ts";
import { familyLabelAtStart } from "../text/labels.ts";

/** A reading among dates of other kinds keeps this share of its confidence (below the rules' input threshold). */
export const MIXED_DATE_FACTOR = 0.4;

/** A year and month with no day after them (下次监督审核计划于2025年5月进行): a date of its own kind too. */
const MONTH_ONLY = /\d{4}\s*年\s*\d{1,2}\s*月(?!\s*\d)/g;

type Span = readonly [number, number];

/** Whether `text` holds a date besides the spans read from it and a word naming a kind of date other than `own`. */
export function amongOtherDates(text: string, used: readonly Span[], own: DateKind): boolean {
  const outside = (s: number, e: number) => !used.some(([a, b]) => s < b && a < e);
  const others =
    findDates(text).some((d) => outside(d.start, d.end)) ||
    [...text.matchAll(MONTH_ONLY)].some((m) => outside(m.index, m.index + m[0].length));
  if (!others) return false;
  const form = matchForm(text);
  return (Object.keys(DATE_KINDS) as DateKind[]).some(
    (k) => k !== own && DATE_KINDS[k].some((w) => form.includes(w)),
  );
}

const unsure = new WeakSet<Field<unknown>>();

/** The field at reduced confidence when `mixed`, else unchanged. */
export function gated<T>(field: Field<T>, mixed: boolean): Field<T> {
  if (!mixed || field.value === null) return field;
  const out = { ...field, confidence: Math.round(field.confidence * MIXED_DATE_FACTOR * 1000) / 1000 };
  unsure.add(out);
  return out;
}

/** Whether the field was read among dates of other kinds (gated). */
export function readAmongOthers(field: Field<unknown>): boolean {
  return unsure.has(field);
}

const CLAUSE_END = /[。；;]/;

/** The clause a labelled value stands in: the words before the label back to the last clause end on its line
 * or gap (`before`: 本次审核所覆盖的体系运行时段 for a label read inside a sentence), then from the label's end (position 0 of
 * `text`) to the first clause end after the value, the end of the value's line (`lineEnd`), or the next label,
 * whichever comes first. `shift` is where position 0 of `text` lies in the clause. */
export function labelClause(
  before: string,
  text: string,
  valueEnd: number,
  lineEnd: number,
): { clause: string; shift: number } {
  // A gap before the label is a cell's edge (下次监督审核截止日期 2026年7月2日之前 报告签发日期 …): the lead stops there.
  const lead = ownLead(before);
  let end = Math.min(text.length, Math.max(lineEnd, valueEnd));
  const stop = CLAUSE_END.exec(text.slice(valueEnd));
  if (stop) end = Math.min(end, valueEnd + stop.index);
  for (let i = valueEnd; i < end; i++) {
    if (/\s/.test(text[i] ?? "")) continue;
    if (familyLabelAtStart(text.slice(i, end)) !== null) {
      end = i;
      break;
    }
  }
  return { clause: lead + text.slice(0, end), shift: lead.length };
}

/** The words before a label that belong to its clause: back to the last clause end or gap, and never back past
 * another label's value (组织成立时间：2017年09月29日体系实施时间：…, the gap lost to OCR). */
function ownLead(before: string): string {
  let lead = before.slice(before.search(/[^。；;\s]*$/));
  for (let i = lead.length - 1; i >= 0; i--) {
    const label = familyLabelAtStart(lead.slice(i));
    if (label === null) continue;
    // The label's own value: a date right after it (本次审核抽样覆盖A: A is no value of 本次审核).
    const value = leadingDate(lead.slice(i + label.end), 1);
    if (value) lead = lead.slice(i + label.end + value.end);
    break;
  }
  return lead;
}

/** Whether a labelled value (positions in the window's `text`) stands among dates of other kinds in its clause. */
export function labelAmongOtherDates(
  before: string,
  text: string,
  value: Span,
  lineEnd: number,
  own: DateKind,
): boolean {
  const { clause, shift } = labelClause(before, text, value[1], lineEnd);
  return amongOtherDates(clause, [[value[0] + shift, value[1] + shift]], own);
}
