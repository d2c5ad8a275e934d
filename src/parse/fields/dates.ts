import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import { AUDIT_TYPE_WORDS } from "../../lexicon/audit-types.ts";
import {
  DATE_LABEL_HEADS,
  OTHER_AUDIT_DATE_WORDS,
  RANGE_FILLERS,
  RANGE_OPENERS,
  RANGE_TO_WORDS,
} from "../../lexicon/labels.ts";
import { type DateKind, DEADLINE_SENTENCE, SENTENCE_ENDS } from "../../lexicon/prose.ts";
import { SIGNING_WORDS } from "../../lexicon/tables.ts";
import {
  type DateRange,
  findDateRange,
  findDates,
  leadingDate,
  rangeDays,
  statedDays,
  unglued,
} from "../normalize/dates.ts";
import { derived, fieldAt } from "../provenance.ts";
import { matchForm } from "../text/chars.ts";
import {
  familyLabelAtStart,
  findLabels,
  type LabelHit,
  type LabelKey,
  opensWithLabel,
} from "../text/labels.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation, anyWord, escapeRegExp, spaced } from "../text/pattern.ts";
import { headingOf } from "../text/sections.ts";
import { fieldInWindow, type TextWindow, windowFrom } from "../text/window.ts";
import {
  amongOtherDates,
  gated,
  labelAmongOtherDates,
  MIXED_DATE_FACTOR,
  readAmongOthers,
} from "./dates-mixed.ts";
import {
  auditDatesInProse,
  coverageInProse,
  foundedInProse,
  implementedInProse,
  type ProseRange,
  stage1InProse,
} from "./dates-prose.ts";

export interface DateFields {
  reportDate: Field<string>;
  auditStart: Field<string>;
  auditEnd: Field<string>;
  auditDays: Field<number>;
  stage1Start: Field<string>;
  stage1End: Field<string>;
  stage1Days: Field<number>;
  coverageFrom: Field<string>;
  coverageTo: Field<string>;
  foundedDate: Field<string>;
  systemImplementedDate: Field<string>;
  rectificationDeadline: Field<string>;
  nextAuditDue: Field<string>;
  impossibleDates: Field<string>[];
}

function byQuality(hits: LabelHit[]): LabelHit[] {
  return [...hits].sort((a, b) => b.quality - a.quality || a.line.index - b.line.index);
}

const DEADLINE_ABOUT = anyWord(DEADLINE_SENTENCE.about);
const DEADLINE_NOT_ABOUT = anyWord(DEADLINE_SENTENCE.notAbout);
const DEADLINE_BEFORE = new RegExp(`^\\s*(?:${alternation(DEADLINE_SENTENCE.before)})`);
/** The Chinese words of the two stages (一阶段 of 第一阶段), from the audit-type lexicon. */
const stageWords = (type: "stage1" | "stage2") =>
  (AUDIT_TYPE_WORDS.find((t) => t.type === type)?.words ?? []).filter((w) => /^\p{Script=Han}+$/u.test(w));
const STAGE1 = anyWord(stageWords("stage1"));
const STAGE2 = anyWord(stageWords("stage2"));
/** Stage 1's words as printed, spaces between their characters allowed (一 阶 段). */
const STAGE1_SPACED = new RegExp(stageWords("stage1").map(spaced).join("|"));

const ENDS_DATE_LABEL_HEAD = new RegExp(`(?:${alternation(DATE_LABEL_HEADS)})\\s*$`);
const OTHER_AUDIT_DATE = new RegExp(alternation(OTHER_AUDIT_DATE_WORDS));

/** Rejects a hit when a word before the label gives it another meaning (下次审核日期 is not the audit date). */
function precededBy(hit: LabelHit, words: RegExp | null): boolean {
  return !!words?.test(matchForm(hit.line.text.slice(Math.max(0, hit.start - 8), hit.start)));
}

function labeledDate(
  lines: readonly DocLine[],
  synonyms: readonly string[] | LabelKey,
  kind: DateKind,
  where: (hit: LabelHit) => boolean = () => true,
): Field<string> {
  for (const hit of byQuality(findLabels(lines, synonyms))) {
    if (!where(hit)) continue;
    const win = windowFrom(lines, hit.line, hit.end);
    const d = leadingDate(win.text, 4);
    if (d && !answersAnotherLabel(win, d.start)) {
      const before = hit.line.text.slice(0, hit.start);
      const mixed = labelAmongOtherDates(before, win.text, [d.start, d.end], lineEnd(win, d.end), kind);
      return gated(fieldInWindow(win, d.start, d.end, d.iso, hit.quality), mixed);
    }
  }
  return missingField();
}

/** Where the window's line holding position `at` ends. */
function lineEnd(win: TextWindow, at: number): number {
  const next = win.parts.find((p) => p.offset >= at);
  return next ? next.offset : win.text.length;
}

/** A date on the next line behind a label of its own (审核类型：第一次监督审核 / 审核日期：2024年7月15日) is that
 * label's value, not the value of a label that ended the line above. */
function answersAnotherLabel(win: TextWindow, start: number): boolean {
  const part = win.parts.findLast((p) => p.offset <= start)!;
  return part !== win.parts[0] && opensWithLabel(win.text.slice(part.offset, start + 1));
}

interface RangeFields {
  from: Field<string>;
  to: Field<string>;
  days: Field<number>;
}

const NO_RANGE: RangeFields = { from: missingField(), to: missingField(), days: missingField() };

function rangeFields(win: TextWindow, range: DateRange, quality: number): RangeFields {
  const from = fieldInWindow(win, range.from.start, range.from.end, range.from.iso, quality);
  const to = fieldInWindow(win, range.to.start, range.to.end, range.to.iso, quality);
  const days = statedDays(win.text.slice(range.end), range) ?? rangeDays(range);
  const whole = fieldInWindow<number>(win, range.start, range.end, null, quality);
  return { from, to, days: days === null ? missingField() : derived(whole, days, 0.95) };
}

/** The window's text with the lexicon's range fillers (and an opening bracket right after one) blanked out, so
 * 自上次审核结束（A）至本次审核结束（B） reads as the range A 至 B; positions are kept. */
export function withoutFillers(text: string): { text: string; blanked: (upTo: number) => number } {
  let out = text;
  for (const filler of RANGE_FILLERS) {
    const re = new RegExp(`${escapeRegExp(filler)}\\s*[（(]?`, "g");
    out = out.replace(re, (m) => " ".repeat(m.length));
  }
  const blanked = (upTo: number) => {
    let n = 0;
    for (let i = 0; i < upTo; i++) if (out[i] === " " && text[i] !== " ") n++;
    return n;
  };
  return { text: out, blanked };
}

/** A label's words that end a sentence (…进行了现场第二阶段审核。) are prose, not a label: a value follows a label. */
function endsSentence(hit: LabelHit): boolean {
  // (A label matched loosely may take in the full stop and the next word: 第二阶段审核。此.)
  const words =
    hit.line.text.slice(hit.start, hit.end) + hit.line.text.slice(hit.end).trimStart().slice(0, 1);
  return SENTENCE_ENDS.some((e) => words.includes(e));
}

function labeledRange(
  lines: readonly DocLine[],
  synonyms: readonly string[] | LabelKey,
  kind: DateKind,
  reject: RegExp | null,
  single = true,
): RangeFields {
  for (const hit of byQuality(findLabels(lines, synonyms))) {
    if (precededBy(hit, reject) || endsSentence(hit)) continue;
    const form = matchForm(hit.line.text);
    if (STAGE1.test(form) && !STAGE2.test(form)) continue;
    const win = windowFrom(lines, hit.line, hit.end);
    const plain = withoutFillers(win.text);
    const range = unglued(plain.text, findDateRange(plain.text, single) ?? findDateRange(plain.text));
    if (range === "unread") return NO_RANGE;
    if (!range || range.start - plain.blanked(range.start) > 6) continue;
    if (opensOtherLabel(win, range.start, synonyms)) continue;
    const before = hit.line.text.slice(0, hit.start);
    const quality = labelAmongOtherDates(
      before,
      plain.text,
      [range.start, range.end],
      lineEnd(win, range.end),
      kind,
    )
      ? hit.quality * MIXED_DATE_FACTOR
      : hit.quality;
    if (!single && range.from === range.to) {
      // A period with one readable date: its start when words say an end follows (自A至本次审核结束（…）), else nothing.
      const after = plain.text.slice(range.end);
      if (!RANGE_TO_WORDS.some((w) => after.includes(w))) continue;
      return {
        ...NO_RANGE,
        from: fieldInWindow(win, range.from.start, range.from.end, range.from.iso, quality),
      };
    }
    return rangeFields(win, range, quality);
  }
  return NO_RANGE;
}

const OPENER = new RegExp(`^\\s*(?:${alternation(RANGE_OPENERS)})\\s*`, "i");

/** Whether the text at `at` lies on a later line of the window that opens with another family's label
 * (本次审核日期 with its own cell unread, then 自上次审核结束（2024-03-11）…): that line's dates are its own label's. */
function opensOtherLabel(win: TextWindow, at: number, synonyms: readonly string[] | LabelKey): boolean {
  const part = win.parts.findLast((p) => p.offset <= at);
  if (!part || part === win.parts[0]) return false;
  const label = familyLabelAtStart(part.line.text.replace(OPENER, ""));
  return label !== null && label.family !== synonyms;
}

/** Stage 1 is stated in prose as often as under a label: a date range next to the words 一阶段. */
function stage1(lines: readonly DocLine[]): RangeFields {
  const stated = stage1InProse(lines);
  if (stated) return prose(stated, 0.85);
  for (const line of lines) {
    const form = matchForm(line.text);
    if (!STAGE1.test(form) || STAGE2.test(form)) continue;
    const own = windowFrom(lines, line, 0, 0, 0);
    const range = unglued(own.text, findDateRange(own.text));
    if (range === "unread") return NO_RANGE;
    if (range) return rangeFields(own, range, 0.9);
    // Wrapped prose: "于 A 至 B 进行了第" / "一阶段审核" — the range must end right before the words. A line
    // that prints its own (unreadable) dates after the words is a label row ("第一阶段审核 Stage 1 自…"): the
    // range on the line above is another row's (审核日期), never stage 1's.
    const after = form.slice(form.search(STAGE1));
    if (/年|\d{4}|[-./]\d{1,2}[-./]/.test(after)) continue;
    const prev = windowFrom(lines, line, 0, 0, 1);
    const words = prev.text.length - line.text.length + line.text.search(STAGE1_SPACED);
    const before = findDateRange(prev.text);
    if (prev.parts.length === 2 && before && before.end <= words && words - before.end <= 12) {
      return rangeFields(prev, before, 0.85);
    }
    // A heading or label line ("1.5.4 一阶段审核情况：") with the dates on the next line.
    if (/[:：]\s*$/.test(line.text) || headingOf(line)) {
      const next = windowFrom(lines, line, line.text.length, 1, 0);
      const after = findDateRange(next.text);
      if (after && after.start <= 12) return rangeFields(next, after, 0.85);
    }
  }
  return NO_RANGE;
}

/** Every printed date that names no real day, wherever it is. */
function impossibleDates(lines: readonly DocLine[]): Field<string>[] {
  const out: Field<string>[] = [];
  for (const line of lines) {
    for (const d of findDates(line.text)) {
      if (d.iso === null) out.push(fieldAt<string>(line, d.start, d.end, null, 1));
    }
  }
  return out;
}

/** The labelled reading, else the fallback's. A label read among dates of other kinds (a label's words inside a
 * sentence: 本次审核所覆盖的体系运行时段起于A，止于B) yields to a sentence reader that found a value: that reader
 * binds its date to its own words (…自A起建立并运行…). */
function orElse<T>(field: Field<T>, fallback: () => Field<T>): Field<T> {
  if (field.value === null && field.raw === null) return fallback();
  if (!readAmongOthers(field)) return field;
  const other = fallback();
  return other.value !== null ? other : field;
}

/** Without a 报告日期 label: a bare 日期 beside the closing signatures on the last page, at lower confidence. */
function closingDate(lines: readonly DocLine[]): Field<string> {
  const lastPage = lines[lines.length - 1]?.page;
  // The whole document goes in, not the last page's lines: windows index lines by their place in the document.
  // 日期 beside a signature, not the end of another date's label (审核日期, 起止日期, 成立日期 …). The line's text has
  // no spaces between Chinese characters, so a name may run into it (周敏日期：…).
  const bare = (hit: LabelHit) => !ENDS_DATE_LABEL_HEAD.test(hit.line.text.slice(0, hit.start));
  const found = labeledDate(
    lines,
    ["日期", "Date"],
    "report",
    (hit) => hit.line.page === lastPage && bare(hit),
  );
  if (found.value !== null || found.raw !== null)
    return { ...found, confidence: Math.round(found.confidence * 0.7 * 1000) / 1000 };
  return signedDate(lines.filter((l) => l.page === lastPage));
}

/** A signing place's words: the leader's label or a word of signing. */
const SIGNING = anyWord([...SIGNING_WORDS.leader, ...SIGNING_WORDS.sign]);

/** Last resort: the one date written beside a signature on the last page (审核组长：罗文斌  2024年5月14日). */
function signedDate(lastPage: readonly DocLine[]): Field<string> {
  for (const line of [...lastPage].reverse()) {
    const sign = SIGNING.exec(line.text);
    if (!sign) continue;
    const dates = findDates(line.text.slice(sign.index));
    if (dates.length !== 1) continue;
    const at = sign.index + dates[0]!.start;
    return fieldAt(line, at, at + dates[0]!.raw.length, dates[0]!.iso, 0.6);
  }
  return missingField();
}

/** Without a deadline label: the sentence that sets it, a date followed by 前 in a sentence about corrective action
 * (组织应在2024年8月15日前完成纠正措施 / 请于…之前提交整改材料). Two such dates in one sentence are no reading. */
function deadlineInSentence(lines: readonly DocLine[]): Field<string> {
  for (const line of lines) {
    const win = windowFrom(lines, line, 0, 1);
    let at = 0;
    for (const sentence of win.text.split(/[。；;]/)) {
      const from = at;
      at += sentence.length + 1;
      if (from >= line.text.length) break;
      if (!DEADLINE_ABOUT.test(sentence) || DEADLINE_NOT_ABOUT.test(sentence)) continue;
      const due = findDates(sentence).filter((d) => DEADLINE_BEFORE.test(sentence.slice(d.end)));
      if (due.length !== 1) continue;
      const d = due[0]!;
      const mixed = amongOtherDates(sentence, [[d.start, d.end]], "deadline");
      return gated(fieldInWindow(win, from + d.start, from + d.end, d.iso, 0.7), mixed);
    }
  }
  return missingField();
}

/** A range read from a sentence, at the quality of prose (dates-prose.ts). */
function prose(found: ProseRange | null, quality: number): RangeFields {
  if (!found) return NO_RANGE;
  return rangeFields(found.win, found.range, found.mixed ? quality * MIXED_DATE_FACTOR : quality);
}

/** The labelled range, else the one a sentence states. */
function orProse(labelled: RangeFields, stated: () => ProseRange | null, quality: number): RangeFields {
  if (labelled.from.value !== null && labelled.to.value !== null) return labelled;
  // A label that gave one end only (its other date unread, or words matched loosely for a label) yields to a
  // sentence that states both.
  const found = prose(stated(), quality);
  return found.from.value !== null && found.to.value !== null ? found : labelled;
}

export function readDates(lines: readonly DocLine[]): DateFields {
  // Dates of an audit still to come are plans (建议二阶段审核时间 in a stage-1 report), not this audit's.
  const audit = orProse(
    labeledRange(lines, "auditDates", "audit", OTHER_AUDIT_DATE),
    () => auditDatesInProse(lines),
    0.8,
  );
  const stage = stage1(lines);
  // A period covered has two ends: one date under its label is no reading of it.
  const coverage = orProse(
    labeledRange(lines, "coverage", "coverage", null, false),
    () => coverageInProse(lines),
    0.8,
  );
  return {
    reportDate: orElse(labeledDate(lines, "reportDate", "report"), () => closingDate(lines)),
    auditStart: audit.from,
    auditEnd: audit.to,
    auditDays: audit.days,
    stage1Start: stage.from,
    stage1End: stage.to,
    stage1Days: stage.days,
    coverageFrom: coverage.from,
    coverageTo: coverage.to,
    foundedDate: orElse(labeledDate(lines, "founded", "founded"), () => foundedInProse(lines)),
    systemImplementedDate: orElse(labeledDate(lines, "implemented", "implemented"), () =>
      implementedInProse(lines),
    ),
    rectificationDeadline: orElse(labeledDate(lines, "rectification", "deadline"), () =>
      deadlineInSentence(lines),
    ),
    nextAuditDue: labeledDate(lines, "nextAudit", "nextAudit"),
    impossibleDates: impossibleDates(lines),
  };
}
