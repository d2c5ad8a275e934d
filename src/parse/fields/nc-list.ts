/** Nonconformities written as a numbered list under a sentence or heading about them, as many short reports do:
 *
 *   本次审核发现不符合项2项，均为一般不符合。
 *   1. 生产部：未按规定对注塑机进行日常点检（8.5.1）。
 *   2. 采购部：未对新增供应商进行评价，不符合标准8.4.1条款。
 *
 * An item is an NC when it cites a clause; its department is the label it opens with, the finding the rest. A
 * numbered list that follows no mention of nonconformities (observations, good practice) is not read. */
import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import type { NcItem } from "../../domain/record.ts";
import { NC_COUNT_WORDS, NC_SEVERITY } from "../../lexicon/nc-counts.ts";
import { DEPARTMENT_ENDINGS, NONCONFORMITY_WORDS } from "../../lexicon/tables.ts";
import { CONFUSABLE_SHARE, confusions } from "../../noise/confusions.ts";
import { toHalfWidth } from "../normalize/numbers.ts";
import { severityOf } from "../normalize/severity.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation, anyWord } from "../text/pattern.ts";
import { headingOf } from "../text/sections.ts";
import { fieldInWindow, windowFrom } from "../text/window.ts";

export const DEPT_SUFFIX = `(?:${alternation(DEPARTMENT_ENDINGS)})`;

const NUMBERED = /^\s*(?:第?\d{1,2}\s*[.、)）．](?!\d)|[（(]\d{1,2}[)）])\s*/;
// Items are read half-width (toHalfWidth: （ and 〈 are "(", ： is ":"). A clause's dots as OCR reads them (the noise
// model's readings of a dot, of any measured share: digits on both sides make the context: 8,4.1) are made dots
// again when read.
const DOT = confusions().classBody(".", { minShare: CONFUSABLE_SHARE, kinds: ["mark"] });
const CLAUSE = String.raw`(\d{1,2}(?:[${DOT}]\d{1,2}){1,4})`;
const READ_DOT = new RegExp(`[${DOT}]`, "g");
/** A clause cited in brackets (（8.5.1）, （条款 8.5.1）, 〈8.4.1) as OCR reads one) or in words (不符合标准8.4.1条款,
 * 条款：7.2). */
const CLAUSE_REFS = [
  // (The standard may come first: （GB/T 27341 5.5）.)
  new RegExp(
    String.raw`\(\s*(?:(?:GB/T|GB|ISO|IATF)\s*[\d.:-]+\s+)?(?:(?:标准)?条款\s*:?\s*)?${CLAUSE}\s*(?:条款?)?\s*\)`,
  ),
  new RegExp(String.raw`(?:不符合|违反)[^,。]{0,30}?${CLAUSE}\s*条`),
  new RegExp(String.raw`条款\s*:?\s*${CLAUSE}`),
];
const LEAD_DEPT = new RegExp(String.raw`^([\u4e00-\u9fa5]{1,10}?${DEPT_SUFFIX})\s*:\s*`);
/** What is said of nonconformities in the line that leads the list, and what makes the list something else: none
 * were found, or the items are observations and suggestions. */
const ABOUT_NCS = anyWord(NONCONFORMITY_WORDS);
// (未发现严重不符合，发现一般不符合1项 and 严重不符合项0项 still lead a list of NCs: only a denial of all of them
// does not.)
const W = NC_COUNT_WORDS;
const NC = `(?:${alternation(NONCONFORMITY_WORDS)})`;
const SEVERITY = alternation([...NC_SEVERITY.major, ...NC_SEVERITY.minor, ...NC_SEVERITY.majorInCountLabel]);
const NOT_NCS = new RegExp(
  `(?:${alternation([...W.notFound, ...W.denials])})(?:${W.any})?${NC}|(?<!${SEVERITY})${NC}${W.item}?\\s*[:：]?\\s*(?:${alternation([...W.none, ...W.zero])})|${alternation(W.notNcs)}`,
);

function clauseOf(
  sentence: string,
): { value: string; start: number; end: number; whole: [number, number] } | null {
  for (const re of CLAUSE_REFS) {
    const m = re.exec(sentence);
    if (!m) continue;
    const start = m.index + m[0].indexOf(m[1]!);
    const value = m[1]!.replace(READ_DOT, ".");
    return { value, start, end: start + m[1]!.length, whole: [m.index, m.index + m[0].length] };
  }
  return null;
}

/** Lines below an item that carry on its sentence: not numbered, not a heading, on the same page. */
function continuationCount(lines: readonly DocLine[], item: DocLine): number {
  let n = 0;
  for (let i = item.index + 1; i < lines.length && n < 4; i++) {
    const l = lines[i]!;
    if (l.page !== item.page || NUMBERED.test(l.text) || headingOf(l) || /[。.]\s*$/.test(lines[i - 1]!.text))
      break;
    n++;
  }
  return n;
}

function itemOf(lines: readonly DocLine[], line: DocLine, head: number): NcItem | null {
  const win = windowFrom(lines, line, head, continuationCount(lines, line));
  const text = toHalfWidth(win.text);
  const sentence = text.split(/。/)[0] ?? "";
  const clause = clauseOf(sentence);
  if (!clause) return null;
  const dept = LEAD_DEPT.exec(sentence);
  // After the department's label, what OCR made of its colon (生产车间：; 未对…) is no part of the finding.
  const from = dept
    ? dept[0].length + (/^[;,:、.\s]*/.exec(sentence.slice(dept[0].length))?.[0].length ?? 0)
    : 0;
  // The finding without the citation when it closes the sentence: （8.5.1） or ，不符合标准8.4.1条款.
  const lastPart = Math.max(...[...",;"].map((c) => sentence.lastIndexOf(c)));
  const tail = sentence.slice(clause.whole[0]).trim();
  const to =
    tail.startsWith("(") && clause.whole[1] >= sentence.trimEnd().length
      ? clause.whole[0]
      : lastPart >= 0 &&
          clause.whole[0] > lastPart &&
          /^[,;]\s*(?:不符合|违反)/.test(sentence.slice(lastPart))
        ? lastPart
        : sentence.length;
  const finding = sentence.slice(from, to).replace(/[,;\s]+$/, "");
  if (finding.length < 4) return null;
  const severity = severityOf(sentence);
  const field = <T>(start: number, end: number, value: T, q: number): Field<T> =>
    fieldInWindow(win, start, end, value, q);
  return {
    clause: field(clause.start, clause.end, clause.value, 0.85),
    department: dept ? field(0, dept[1]!.length, dept[1]!, 0.8) : missingField(),
    severity: severity ? field(0, sentence.length, severity, 0.8) : missingField(),
    text: field(from, from + finding.length, finding, 0.8),
  };
}

export function fromNumberedList(lines: readonly DocLine[]): NcItem[] {
  for (const line of lines) {
    if (!NUMBERED.test(line.text)) continue;
    const lead = lines[line.index - 1];
    if (!lead || NUMBERED.test(lead.text) || !ABOUT_NCS.test(lead.text) || NOT_NCS.test(lead.text)) continue;
    const items: NcItem[] = [];
    let at = line.index;
    for (let head = NUMBERED.exec(line.text); head; ) {
      const item = itemOf(lines, lines[at]!, head[0].length);
      if (!item) break;
      items.push(item);
      at += 1 + continuationCount(lines, lines[at]!);
      const next = lines[at];
      head = next && next.page === line.page ? NUMBERED.exec(next.text) : null;
    }
    if (items.length > 0) return items;
  }
  return [];
}
