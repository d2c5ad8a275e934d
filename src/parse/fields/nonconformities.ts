import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import type { OcrPage } from "../../domain/ocr.ts";
import type { NcItem } from "../../domain/record.ts";
import { NC_COUNT_WORDS, NC_SEVERITY, NONCONFORMITY_STEMS_EN } from "../../lexicon/nc-counts.ts";
import {
  NC_DEPARTMENT_LABELS,
  NC_FINDING_LABELS,
  NC_PART_LABELS,
  NC_SUMMARY_LABELS,
  NONCONFORMITY_WORDS,
} from "../../lexicon/tables.ts";
import { confusions } from "../../noise/confusions.ts";
import type { TickRow } from "../checkbox/types.ts";
import { parseInteger, toHalfWidth } from "../normalize/numbers.ts";
import { severityOf } from "../normalize/severity.ts";
import { fieldAt } from "../provenance.ts";
import { findLabels } from "../text/labels.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation } from "../text/pattern.ts";
import { fieldInWindow, type TextWindow, windowFrom } from "../text/window.ts";
import { clauseCitedFor, clauseFromFinding, clauseOfCell, implausibleClause } from "./nc-clause.ts";
import { fromForms, type NcKind } from "./nc-forms.ts";
import { DEPT_SUFFIX, fromNumberedList } from "./nc-list.ts";
import { fromGrid, fromTable } from "./nc-table.ts";

export interface NcFields {
  ncMajor: Field<number>;
  ncMinor: Field<number>;
  ncItems: NcItem[];
}

// A count's digits as OCR reads them: the letters the noise model measures read for digits (O for 0) are digits here.
const COUNT = `([${confusions().digitClass()}]+|[零〇一二两三四五六七八九十]+)`;
const W = NC_COUNT_WORDS;
const UNIT = `(?:${alternation(W.units)})`;
const NC = `(?:${alternation(NONCONFORMITY_WORDS)})`;
const AMOUNT = `(?:${alternation(W.amount)})`;
// The count's brackets as OCR reads them (the noise model's: （ as 〈 or 《), sometimes two (严重不符合项〈《0)项).
const OPEN = `[${confusions().bracketClass("（")}]{0,2}`;
const CLOSE = `[${confusions().bracketClass("）")}]{0,2}`;
const MAJOR_WORDS = alternation([...NC_SEVERITY.major, ...NC_SEVERITY.majorInCountLabel]);
const MINOR_WORDS = alternation(NC_SEVERITY.minor);
const countOfKind = (kind: string) =>
  new RegExp(`(${kind})${NC}?${W.item}?${AMOUNT}?[:：]?\\s*${OPEN}\\s*${COUNT}\\s*${CLOSE}\\s*${UNIT}`);
const MAJOR = countOfKind(MAJOR_WORDS);
const MINOR = countOfKind(MINOR_WORDS);
const NONE = alternation(W.none);
/** 严重不符合：无 / 严重不符合项：0 / 一般：2 (a cell of a count row) — a labelled count with no unit; 无严重不符合 /
 * 未发现严重不符合 — none of the kind. */
const LABELLED_OF = (kind: string) =>
  new RegExp(
    `(${kind})${NC}?${W.item}?${AMOUNT}?\\s*[:：]\\s*(${NONE}|${COUNT})(?![0-9a-z.年月日/-])|(?:${alternation([...W.none, ...W.notFound])})(${kind})${NC}`,
  );
/** No nonconformity at all: 未发现不符合项, 无不符合项, 不符合项：无. */
const NONE_AT_ALL = new RegExp(
  `(?:${alternation(W.notFound)})(?:${W.any})?${NC}|(?:${NONE})${NC}${W.item}|${NC}${W.item}${AMOUNT}?\\s*[:：]\\s*(?:${alternation([...W.none, ...W.zero])})(?![0-9.])`,
);
/** 不符合项共 2 项，均为一般不符合 / 共发现不符合项 2 项，均为一般: every one of a total is of one kind. */
const ALL_OF_ONE_KIND = new RegExp(
  `(?:${W.total}\\s*(?:${alternation(W.found)})?|(?:${alternation(W.found)}))\\s*(?:${NC}${W.item}?)?\\s*${COUNT}\\s*${UNIT}[^。]{0,6}(?:${alternation(W.allOf)})(${alternation([...NC_SEVERITY.major, ...NC_SEVERITY.minor])})`,
);
/** A line that speaks of nonconformities (一般 alone is an everyday word). */
const ABOUT_NCS = new RegExp(
  `${NC}|${alternation(NONCONFORMITY_STEMS_EN)}|${alternation(NC_SEVERITY.distinctive)}`,
  "i",
);

/** A count as read: letters measured as digit readings are those digits. */
function countOf(read: string): number | null {
  return parseInteger([...read].map((ch) => confusions().digit(ch) ?? ch).join(""));
}

/** The count of one kind: a printed count first, then a total said to be all of one kind, then a statement that
 * there are none; each pass over the whole report, so template text early on cannot pre-empt a printed count. */
function countField(lines: readonly DocLine[], re: RegExp, kind: "major" | "minor"): Field<number> {
  const labelled = LABELLED_OF(kind === "major" ? MAJOR_WORDS : MINOR_WORDS);
  const ncLines = lines
    .map((line) => ({ line, text: toHalfWidth(line.text) }))
    .filter(({ text }) => ABOUT_NCS.test(text));
  for (const { line, text } of ncLines) {
    const m = text.match(re) ?? text.match(labelled);
    if (!m || m.index === undefined) continue;
    const n = m[2] === undefined || W.none.some((w) => w === m[2]) ? 0 : countOf(m[2]);
    // A count read through a letter (O for 0) is as sure as the model's reading of it, not as a printed digit.
    const sure = m[2] !== undefined && /[A-Za-z]/.test(m[2]) ? 0.8 : 0.95;
    if (n !== null) return fieldAt(line, m.index, m.index + m[0].length, n, sure);
  }
  for (const { line, text } of ncLines) {
    const all = text.match(ALL_OF_ONE_KIND);
    if (!all || all.index === undefined) continue;
    const total = countOf(all[1]!);
    const allKind = severityOf(all[2]!);
    if (total === null || allKind === null) continue;
    return fieldAt(line, all.index, all.index + all[0].length, allKind === kind ? total : 0, 0.85);
  }
  for (const { line, text } of ncLines) {
    const none = text.match(NONE_AT_ALL);
    if (none && none.index !== undefined)
      return fieldAt(line, none.index, none.index + none[0].length, 0, 0.85);
  }
  return missingField();
}

const DEPT = new RegExp(`([\\u4e00-\\u9fa5]{1,10}?${DEPT_SUFFIX})`);
/** A part of an NC paragraph that is only a department, labelled or not (部门：品质部, 仓库). */
const DEPT_PART = new RegExp(
  `^(?:${alternation(NC_DEPARTMENT_LABELS)})?\\s*[:：]?\\s*([\\u4e00-\\u9fa5]{0,10}?${DEPT_SUFFIX})$`,
);

const CLAUSE_ANYWHERE = /(?<![\d.])\d{1,2}(?:\.\d{1,2}){1,4}(?![\d.])/g;

/** A summary part holds one department and its clause: where OCR read the separator between two pairs as another
 * mark (物资设备部7.5.3：安全部9.3, ； read as ：), the part is cut after each clause that a department follows. */
function onePairEach(part: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (const m of part.matchAll(CLAUSE_ANYWHERE)) {
    const end = (m.index ?? 0) + m[0].length;
    if (!DEPT.test(part.slice(end))) break;
    out.push(part.slice(from, end));
    from = end;
  }
  out.push(part.slice(from));
  return out;
}

/** Without a table: the summary's "涉及部门/条款: 人力行政部 7.3；财务部 8.5.1" (severity from `severityFromCounts`). */
function fromSummary(lines: readonly DocLine[]): NcItem[] {
  const items: NcItem[] = [];
  for (const hit of findLabels(lines, NC_SUMMARY_LABELS)) {
    // The list may wrap onto the next line; it ends at the sentence's end.
    const win = windowFrom(lines, hit.line, hit.end);
    const text = toHalfWidth(win.text).split(/[。\n]/)[0] ?? "";
    const body = text.replace(/^[\s:：]+/, "");
    const offset = text.length - body.length;
    let cursor = 0;
    for (const part of body.split(/[；;，,、]/).flatMap(onePairEach)) {
      const at = offset + body.indexOf(part, cursor);
      cursor = at - offset + part.length;
      const clauseM = part.match(/(?<![\d.])(\d{1,2}(?:\.\d{1,2}){1,4})(?![\d.])/);
      const deptM = part.match(DEPT);
      // A department whose clause OCR garbled (综合部了3 for 综合部7.3) is still an NC, its clause unread.
      if (!clauseM && !(deptM && /\d/.test(part.slice(deptM.index! + deptM[0].length)))) continue;
      const dAt = deptM ? at + deptM.index! : at;
      items.push({
        clause: clauseM
          ? deptM && implausibleClause(clauseM[1]!)
            ? clauseCitedFor(deptM[1]!, (c) => c.split(".")[0] === clauseM[1]!.split(".")[0], lines)
            : fieldInWindow(
                win,
                at + clauseM.index!,
                at + clauseM.index! + clauseM[1]!.length,
                clauseM[1]!,
                0.9,
              )
          : deptM
            ? garbledClause(
                win,
                lines,
                at + deptM.index! + deptM[0].length,
                part.slice(deptM.index! + deptM[0].length),
                deptM[1]!,
              )
            : missingField(),
        department: deptM ? fieldInWindow(win, dAt, dAt + deptM[1]!.length, deptM[1]!, 0.85) : missingField(),
        severity: missingField(),
        text: missingField(),
      });
    }
    if (items.length > 0) break;
  }
  return items;
}

/** A summary clause OCR garbled after its department (dots dropped, a digit misread: 综合部了3 for 7.3): with the
 * letters the noise model measured read for digits taken as those digits, the digits are repaired from the
 * findings' own wording like a table cell's (else unread). */
const look = confusions();
const GARBLED_CLAUSE = new RegExp(`^\\s*([${look.digitClass()}][.${look.digitClass()}]{0,8})`);

function garbledClause(
  win: TextWindow,
  lines: readonly DocLine[],
  at: number,
  rest: string,
  department: string,
): Field<string> {
  const m = rest.match(GARBLED_CLAUSE);
  if (!m) return missingField();
  const read = look.readDigits(m[1]!);
  // A chapter alone (3 for 7.3 cut where the list wrapped) is no NC's clause: the narrative's, if it fits.
  if (/^\d{1,2}$/.test(read))
    return clauseCitedFor(department, (c) => c.replace(/\./g, "").endsWith(read), lines);
  const clause = clauseOfCell(read, lines);
  if (clause.value === null) return missingField();
  const start = at + m[0].length - m[1]!.length;
  return fieldInWindow(win, start, start + m[1]!.length, clause.value, 0.9 * clause.quality);
}

/** A report without an NC table may write each NC as a paragraph: "不符合项 1：条款 7.1.5，质检部，计量器具未按期
 *校准。" (or 不符合项编号/NC 1/不符合报告 1). Parts that are a clause or a department are read as such; the rest is the
 * finding. Severity from the paragraph's own words (else `severityFromCounts`). */
// After an item's number: its colon as OCR reads it (the noise model's class of :), or . or 、 as printed.
const ITEM_HEAD = new RegExp(
  String.raw`^\s*(?:(?:不符合项|不符合报告|不符合|NC)\s*(?:编号)?\s*(?:No\.?)?\s*[-－]?\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[${confusions().classBody(":")}.、]|(?:不符合项|不符合报告|不合格项?)\s*编号\s*[:：]\s*[A-Za-z]{0,5}\s*[-－]?\s*\d{1,3}\s*[，,;；]|(?:第?[0-9]{1,2}\s*[.、)）]|[（(][0-9]{1,2}[)）])\s*(?=(?:不符合)?条款\s*[:：]))`,
  "i",
);
/** The finding's own label inside the paragraph (…，事实：…). */
const FINDING_LABEL = new RegExp(`^(?:${alternation(NC_FINDING_LABELS)})\\s*[:：]\\s*`);

/** A part's label whose colon OCR misread (the noise model's misreadings of :, e.g. ;): made a colon again. */
const PART_LABEL_SEMICOLON = new RegExp(
  `(${alternation(NC_PART_LABELS)})\\s*[${confusions().classBody(":", { misreadOnly: true })}]`,
  "g",
);

function fromItemParagraphs(lines: readonly DocLine[]): NcItem[] {
  const items: NcItem[] = [];
  for (const line of lines) {
    const head = ITEM_HEAD.exec(line.text);
    if (!head) continue;
    const win = windowFrom(lines, line, head[0].length);
    // A part's label whose colon OCR read as ; (部门;品质部) would split it from its value: made a colon again,
    // which keeps every position.
    const sentence = (win.text.split(/[。\n]/)[0] ?? "").replace(PART_LABEL_SEMICOLON, "$1:");
    let clause: Field<string> = missingField();
    let department: Field<string> = missingField();
    const rest: [number, string][] = [];
    let cursor = 0;
    for (const part of sentence.split(/[，,；;]/)) {
      const at = sentence.indexOf(part, cursor);
      cursor = at + part.length;
      const trimmed = part.trim();
      const clauseM = /^(?:条款|标准条款|不符合条款)?\s*[:：]?\s*(\d{1,2}(?:\.\d{1,2}){0,4})$/.exec(trimmed);
      if (clauseM && clause.value === null) {
        const cAt = at + part.indexOf(clauseM[1]!);
        clause = fieldInWindow(win, cAt, cAt + clauseM[1]!.length, clauseM[1]!, 0.85);
        continue;
      }
      const deptM = DEPT_PART.exec(trimmed);
      if (deptM && deptM[1]!.length >= 2 && department.value === null) {
        const dAt = at + part.indexOf(deptM[1]!);
        department = fieldInWindow(win, dAt, dAt + deptM[1]!.length, deptM[1]!, 0.8);
        continue;
      }
      if (trimmed.length > 0) rest.push([at, part]);
    }
    if (rest.length === 0 || (clause.value === null && department.value === null)) continue;
    const [lastAt, lastPart] = rest[rest.length - 1]!;
    const untrimmed = sentence.slice(rest[0]![0], lastAt + lastPart.length);
    const lead = untrimmed.length - untrimmed.trimStart().length;
    const label = FINDING_LABEL.exec(untrimmed.trimStart())?.[0].length ?? 0;
    const tStart = rest[0]![0] + lead + label;
    const text = sentence.slice(tStart, lastAt + lastPart.length).trim();
    // The kind may follow the sentence in brackets: …仍在使用。（一般）
    const after = /^。?\s*[（(]([^）)]{2,8})[）)]/.exec(win.text.slice(sentence.length));
    const severity = severityOf(sentence) ?? (after ? severityOf(after[1]!) : null);
    items.push({
      clause,
      department,
      severity: severity
        ? fieldInWindow(win, 0, sentence.length + (after?.[0].length ?? 0), severity, 0.85)
        : missingField(),
      text: fieldInWindow(win, tStart, tStart + text.length, text, 0.8),
    });
  }
  return items;
}

export function readNonconformities(
  lines: readonly DocLine[],
  kindRows: readonly TickRow<NcKind>[] = [],
  pages: readonly OcrPage[] = [],
): NcFields {
  const ncMajor = countField(lines, MAJOR, "major");
  const ncMinor = countField(lines, MINOR, "minor");
  return {
    ncMajor,
    ncMinor,
    ncItems: severityFromCounts(
      firstFound(
        () => fromGrid(pages, lines, kindRows),
        () => fromTable(lines),
        () => fromItemParagraphs(lines),
        () => fromForms(lines, kindRows),
        () => fromNumberedList(lines),
        () => fromSummary(lines),
      ).map((item) => {
        // A chapter alone (7 for 7.3, where OCR lost the rest of the cell) is as good as unread: NCs cite clauses.
        const own = item.clause.value;
        const bare = own !== null && /^\d{1,2}$/.test(own);
        // The narrative's clause for a finding whose own clause went unread (the unread raw is kept otherwise), or
        // whose cell lost its first part (5.3 where the finding cites 7.5.3).
        const cited = item.text.value ? clauseFromFinding(item.text.value, lines) : null;
        if (
          cited?.value &&
          (own === null || bare || (cited.value !== own && cited.value.endsWith(`.${own}`)))
        )
          return { ...item, clause: cited };
        // Chapters 1-3 of a management-system standard (scope, references, terms) hold no requirement to break.
        if (bare && Number(item.clause.value) <= 3)
          return { ...item, clause: { ...item.clause, value: null, confidence: 0 } };
        return item;
      }),
      ncMajor,
      ncMinor,
    ),
  };
}

function firstFound(...readers: (() => NcItem[])[]): NcItem[] {
  for (const read of readers) {
    const items = read();
    if (items.length > 0) return items;
  }
  return [];
}

/** Items read without their severity (a table with no 性质 column, a summary list, a paragraph not naming it) take
 * it from the counts, but only when the counts name one kind and as many NCs as are listed (严重 0 项，一般 2 项
 * over two rows). */
function severityFromCounts(items: NcItem[], major: Field<number>, minor: Field<number>): NcItem[] {
  const kinds = [
    ["major", major],
    ["minor", minor],
  ] as const;
  const only = kinds.filter(([, count]) => (count.value ?? 0) > 0);
  const none = kinds.filter(([, count]) => count.value === 0);
  if (only.length !== 1 || none.length !== 1 || only[0]![1].value !== items.length) return items;
  const [kind, count] = only[0]!;
  return items.map((item) =>
    item.severity.value !== null
      ? item
      : {
          ...item,
          severity: { ...count, value: kind, confidence: Math.min(count.confidence, 0.7), method: "derived" },
        },
  );
}
