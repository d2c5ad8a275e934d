/** The clause of an NC table's clause cell, repaired from the findings' own wording where OCR damaged it. */

import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import { toHalfWidth } from "../normalize/numbers.ts";
import type { DocLine } from "../text/lines.ts";
import { escapeRegExp, spaced } from "../text/pattern.ts";
import { fieldInWindow, windowFrom } from "../text/window.ts";

export interface ClauseReading {
  value: string | null;
  quality: number;
}

const cited = new WeakMap<readonly DocLine[], string[]>();

/** Clauses the report's findings cite in its own words (不符合标准7.2条款), chapters up to 20. Read once per
 * document's lines, not once per NC row. */
function citedClauses(lines: readonly DocLine[]): string[] {
  const known = cited.get(lines);
  if (known) return known;
  const found = new Set<string>();
  for (const line of lines) {
    const text = toHalfWidth(line.text);
    if (!/条款|不符合|clause/i.test(text)) continue;
    for (const m of text.matchAll(/(?<![\d.])(\d{1,2}(?:\.\d{1,2}){1,3})(?![\d.])/g))
      if (Number(m[1]!.split(".")[0]) <= 20) found.add(m[1]!);
  }
  const clauses = [...found];
  cited.set(lines, clauses);
  return clauses;
}

/** Management-system standards number their chapters 1–10 (a few sector ones up to the teens; annexes have
 * letters): a clause of two digits with no dot beyond that ("72") is OCR losing the dot. The document's own wording of its findings
 * (不符合标准7.2条款) tells where the dot goes; without a single such mention the clause is unknown, not guessed. */
function repairClause(clause: string, lines: readonly DocLine[]): ClauseReading {
  if (clause.includes(".") || Number(clause) <= 20) return { value: clause, quality: 1 };
  const found = citedClauses(lines).filter((c) => c.replace(/\./g, "") === clause);
  return found.length === 1 ? { value: found[0]!, quality: 0.8 } : { value: null, quality: 1 };
}

const CLAUSE = /^(?:[A-Z]\s?)?(\d{1,2}(?:\.\d{1,2}){0,4})/;

/** A clause cell (half-width text) to its clause. OCR may garble a clause inside: 7本.5 or 7寺每 for 7.1.5
 * (characters no clause holds right after its digits, where a clause word such as 条 or a separator before
 * another clause would be fine), or 93.2 for 9.1.2 (no management-system standard has a chapter 93). Such a cell
 * is not cut short to its first digits: the clause the findings cite that fits the cell's digits and dots (a garbled
 * run standing for up to four of them) is taken where exactly one fits; else none. */
export function clauseOfCell(cell: string, lines: readonly DocLine[]): ClauseReading {
  // Every dot lost (753 for 7.5.3): the digits are all there, only where the dots go is unknown.
  const dotless = cell.match(/^(?:[A-Z]\s?)?(\d{3,6})(?![\d.])/);
  if (dotless) return repairClause(dotless[1]!, lines);
  const m = cell.match(CLAUSE);
  if (!m) return { value: null, quality: 1 };
  const printed = m[1]!;
  const token = cell.slice(m.index! + m[0].length).match(/^\S*/)![0];
  const junk = /^[^\sA-Za-z/、,，;；&+()（）条款章节项]/.test(token);
  const chapter = printed.split(".")[0]!;
  let shape: string | null = null;
  if (junk) shape = printed + token.replace(/[条款章节项].*$/, "");
  else if (printed.includes(".") && Number(chapter) > 20)
    shape = `${chapter[0]}?${printed.slice(chapter.length)}`;
  if (shape === null) return repairClause(printed, lines);
  const pattern = shape
    .split(/([\d.]+)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\./g, "\\.") : part ? "[.\\d]{1,4}" : ""))
    .join("");
  const fits = citedClauses(lines).filter((c) => new RegExp(`^${pattern}$`).test(c));
  return fits.length === 1 ? { value: fits[0]!, quality: 0.8 } : { value: null, quality: 1 };
}

/** Characters of a finding that must be found written out in the narrative, in order, to take its clause there. */
const FINDING_ANCHOR = 6;
const CITED_AFTER = /^[^。；;]{0,40}?不符合[^。；;\d]{0,12}?(\d{1,2}(?:\.\d{1,2}){1,3})(?![\d.])/;

/**
 * The clause the report's own narrative gives a finding (行政部部分岗位人员能力评价记录不全，不符合标准7.2条款要求), for a
 * table row whose clause cell OCR lost or garbled past repair. The finding's first characters must appear in the
 * text (spaces aside), followed in the same sentence by 不符合 … and a clause; where the narrative gives the finding
 * two different clauses, none is taken.
 */
export function clauseFromFinding(finding: string, lines: readonly DocLine[]): Field<string> {
  const chars = Array.from(finding.replace(/\s/g, ""));
  if (chars.length < FINDING_ANCHOR) return missingField();
  const anchor = new RegExp(spaced(chars.slice(0, FINDING_ANCHOR).join("")), "g");
  const found: Field<string>[] = [];
  for (const line of lines) {
    // Table rows ("\t" between cells) are the finding's own row or another finding's, never its narrative.
    if (!line.text.includes(chars[0]!) || line.text.includes("\t")) continue;
    const next = lines[line.index + 1];
    const win = windowFrom(lines, line, 0, next && !next.text.includes("\t") ? 1 : 0);
    // The finding may start on this line and wrap onto the next.
    for (const m of win.text.matchAll(anchor)) {
      if (m.index >= line.text.length) continue;
      const after = m.index + m[0].length;
      const cited = toHalfWidth(win.text.slice(after)).match(CITED_AFTER);
      if (!cited) continue;
      const start = after + cited[0].length - cited[1]!.length;
      found.push(fieldInWindow(win, start, start + cited[1]!.length, cited[1]!, 0.8));
    }
  }
  const values = new Set(found.map((f) => f.value));
  return values.size === 1 ? found[0]! : missingField();
}

/**
 * The clause the narrative cites for a department's finding (品控部部分员工对质量方针不清楚，不符合标准7.3条款要求)
 * that fits what was read: for a summary list whose clause OCR cut short where it wrapped (品控部 / 3 for 7.3) or
 * garbled past reading (8.54 for 8.5.1). Exactly one such clause, else none.
 */
export function clauseCitedFor(
  department: string,
  fits: (clause: string) => boolean,
  lines: readonly DocLine[],
): Field<string> {
  const dept = escapeRegExp(department);
  const pattern = new RegExp(
    `${dept}[^。；;]{0,60}?不符合[^。；;\\d]{0,12}?(\\d{1,2}(?:\\.\\d{1,2}){1,3})(?![\\d.])`,
    "g",
  );
  const found: Field<string>[] = [];
  for (const line of lines) {
    if (!line.text.includes(department) || line.text.includes("\t")) continue;
    const next = lines[line.index + 1];
    const win = windowFrom(lines, line, 0, next && !next.text.includes("\t") ? 1 : 0);
    const text = toHalfWidth(win.text);
    for (const m of text.matchAll(pattern)) {
      if (m.index >= line.text.length || !fits(m[1]!)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      found.push(fieldInWindow(win, start, start + m[1]!.length, m[1]!, 0.8));
    }
  }
  return new Set(found.map((f) => f.value)).size === 1 ? found[0]! : missingField();
}

/** No management-system standard numbers a clause's part past the chapter beyond 20 (8.54 is 8.5.1 misread). */
export function implausibleClause(clause: string): boolean {
  return clause
    .split(".")
    .slice(1)
    .some((part) => Number(part) > 20);
}
