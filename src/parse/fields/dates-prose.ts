/** Dates stated in sentences (prose reports), read sentence by sentence so that a sentence about another audit on
 * the same line (…实施了现场审核。第一阶段审核已于…完成。) never lends its dates:
 * - this audit: 审核组于2024年3月12日至14日对…进行了现场审核 / 本次监督审核的现场审核时间为… (one date: one day);
 * - stage 1: 第一阶段审核已于A完成 / 此前，审核组于A实施了第一阶段审核;
 * - the period covered: the two dates of a sentence about coverage, whatever words stand between them
 *   (自上次审核末次会议（A）起至本次审核末次会议（B）止 / 审核覆盖了…自A以来至B的…).
 * Which sentences count is the lexicon's (src/lexicon/prose.ts). */
import { type Field, missingField } from "../../domain/field.ts";
import type { DateKind } from "../../lexicon/prose.ts";
import { PROSE_AUDIT_DATES, PROSE_COVERAGE, PROSE_ORGANISATION, PROSE_STAGE1 } from "../../lexicon/prose.ts";
import {
  type DateMatch,
  type DateRange,
  findDateRange,
  findDates,
  leadingDate,
  unglued,
} from "../normalize/dates.ts";
import { matchForm } from "../text/chars.ts";
import type { DocLine } from "../text/lines.ts";
import { headingOf } from "../text/sections.ts";
import { type Sentence, sentencesOf } from "../text/sentences.ts";
import { fieldInWindow, type TextWindow } from "../text/window.ts";
import { amongOtherDates, gated } from "./dates-mixed.ts";

export interface ProseRange {
  win: TextWindow;
  /** Positions in `win.text`. */
  range: DateRange;
  /** The sentence also holds dates of other kinds (dates-mixed.ts): the reading is unsure. */
  mixed: boolean;
}

const has = (form: string, words: readonly string[]) => words.some((w) => form.includes(w));

/** Whether the sentence's reading at [from, to) (positions in `s.text`) stands among dates of other kinds, within
 * the sentence as far as it is one: a heading line inside it (1.5.6审核中发现的…, after a full stop OCR read as ".")
 * starts other text, whose dates are no part of this sentence. */
function mixedIn(s: Sentence, from: number, to: number, kind: DateKind): boolean {
  let [a, b] = [0, s.text.length];
  for (const p of s.win.parts) {
    const at = p.offset - s.start;
    if (at <= 0 || at >= s.text.length || headingOf(p.line) === null) continue;
    if (at <= from) a = at;
    else if (at < b) b = at;
  }
  return amongOtherDates(s.text.slice(a, b), [[from - a, to - a]], kind);
}

/** The clauses the range stands in: from the clause end before it to the first one after it. */
function ownClauses(text: string, range: DateRange): string {
  const ends = PROSE_AUDIT_DATES.clauseEnds;
  const from = Math.max(-1, ...ends.map((e) => text.lastIndexOf(e, range.start - 1))) + 1;
  const after = ends.map((e) => text.indexOf(e, range.end)).filter((k) => k >= 0);
  return text.slice(from, after.length > 0 ? Math.min(...after) : text.length);
}

function inWindow(s: Sentence, range: DateRange, kind: DateKind): ProseRange {
  const at = (d: DateMatch): DateMatch => ({ ...d, start: d.start + s.start, end: d.end + s.start });
  return {
    win: s.win,
    range: { from: at(range.from), to: at(range.to), start: range.start + s.start, end: range.end + s.start },
    mixed: mixedIn(s, range.start, range.end, kind),
  };
}

/** The first sentence saying this audit was done on site, with its dates (a range, or one date for one day). */
export function auditDatesInProse(lines: readonly DocLine[]): ProseRange | null {
  for (const s of sentencesOf(lines)) {
    const form = matchForm(s.text);
    if (!has(form, PROSE_AUDIT_DATES.cues) || has(form, PROSE_AUDIT_DATES.notThisAudit)) continue;
    // Two dates glued where OCR dropped the dash are their range; glued dates that make none are no reading.
    const range = unglued(s.text, findDateRange(s.text));
    if (range === "unread") continue;
    if (range && !has(matchForm(ownClauses(s.text, range)), PROSE_AUDIT_DATES.otherEvents))
      return inWindow(s, range, "audit");
  }
  return null;
}

/** The sentence that says stage 1 was done, with its dates. */
export function stage1InProse(lines: readonly DocLine[]): ProseRange | null {
  for (const s of sentencesOf(lines)) {
    const form = matchForm(s.text);
    if (!has(form, PROSE_STAGE1.cues) || has(form, PROSE_STAGE1.not) || !has(form, PROSE_STAGE1.done))
      continue;
    // Only a sentence that ends: a run of label rows without a full stop is a form's, not a sentence.
    if (!s.text.trimEnd().endsWith("。")) continue;
    const range = findDateRange(s.text);
    if (range) return inWindow(s, range, "stage1");
  }
  return null;
}

/** The sentence about the period covered with exactly two dates in it: the first opens the period, the second
 * closes it. More or fewer dates are no reading. */
export function coverageInProse(lines: readonly DocLine[]): ProseRange | null {
  for (const s of sentencesOf(lines)) {
    if (!has(matchForm(s.text), PROSE_COVERAGE.cues)) continue;
    const dates = findDates(s.text);
    if (dates.length !== 2) continue;
    const [from, to] = dates as [DateMatch, DateMatch];
    const read = inWindow(s, { from, to, start: from.start, end: to.end }, "coverage");
    // Two dates with another kind's date and words between them (审核覆盖期 A至2024年05月 下次审核 B前: the period's
    // end lost its day, B is the next audit's) are no period: B may be the other label's.
    const split = amongOtherDates(s.text.slice(from.end, to.start), [], "coverage");
    return { ...read, mixed: read.mixed || split };
  }
  return null;
}

/** The founding date told in a sentence: the date right after the lexicon's words (成立于). */
export function foundedInProse(lines: readonly DocLine[]): Field<string> {
  for (const s of sentencesOf(lines)) {
    for (const w of PROSE_ORGANISATION.founded) {
      const at = s.text.indexOf(w);
      if (at < 0) continue;
      const d = leadingDate(s.text.slice(at + w.length), 1);
      if (!d) continue;
      const from = s.start + at + w.length;
      const own = at + w.length;
      const mixed = mixedIn(s, own + d.start, own + d.end, "founded");
      return gated(fieldInWindow(s.win, from + d.start, from + d.end, d.iso, 0.7), mixed);
    }
  }
  return missingField();
}

/** The system's start told in a sentence about running it: its one date followed by 起. */
export function implementedInProse(lines: readonly DocLine[]): Field<string> {
  const P = PROSE_ORGANISATION;
  for (const s of sentencesOf(lines)) {
    if (!has(matchForm(s.text), P.implemented)) continue;
    const since = findDates(s.text).filter((d) =>
      P.since.some((w) => s.text.slice(d.end).trimStart().startsWith(w)),
    );
    if (since.length !== 1) continue;
    const d = since[0]!;
    const mixed = mixedIn(s, d.start, d.end, "implemented");
    return gated(fieldInWindow(s.win, s.start + d.start, s.start + d.end, d.iso, 0.7), mixed);
  }
  return missingField();
}
