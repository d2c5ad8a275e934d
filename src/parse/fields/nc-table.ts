/** Nonconformity tables: a ruled table of the layout stage headed by NC column families (each grid row one NC,
 * its wrapped description and vertically centred cells whole), else a table of word boxes under a header line,
 * over as many pages as it repeats its header on. */
import { type Field, missingField } from "../../domain/field.ts";
import type { OcrPage } from "../../domain/ocr.ts";
import type { NcItem } from "../../domain/record.ts";
import { NC_EARLIER_AUDIT_WORDS, NC_TABLE_COLUMNS } from "../../lexicon/tables.ts";
import type { TickRow } from "../checkbox/types.ts";
import { toHalfWidth } from "../normalize/numbers.ts";
import { namesBothKinds, severityOf } from "../normalize/severity.ts";
import { fieldBox } from "../provenance.ts";
import { type ContentTypes, type GridRow, readGridTables } from "../text/grid-table.ts";
import { opensWithLabel } from "../text/labels.ts";
import type { DocLine } from "../text/lines.ts";
import { anyWord } from "../text/pattern.ts";
import {
  type Cell,
  type ColumnSpec,
  isPageFurniture,
  matchHeader,
  type RowVerdict,
  readTable,
  type TableRow,
} from "../text/table.ts";
import { clauseOfCell } from "./nc-clause.ts";
import type { NcKind } from "./nc-forms.ts";
import { DEPT_SUFFIX } from "./nc-list.ts";

const NC_COLUMNS: readonly ColumnSpec[] = NC_TABLE_COLUMNS;

const CLAUSE = /^(?:[A-Z]\s?)?(\d{1,2}(?:\.\d{1,2}){0,4})/;

function isNcHeader(line: DocLine): boolean {
  const cols = matchHeader(line, NC_COLUMNS, 3);
  return (
    !!cols?.some((c) => c.key === "clause") && cols.some((c) => c.key === "severity" || c.key === "text")
  );
}

/** A bilingual cell's Chinese name, without the English one before it (Production 生产部). */
function chineseOnly(text: string): string {
  return text.replace(/^[A-Za-z][A-Za-z .&'/-]*(?=[\u4e00-\u9fa5])/, "");
}

function judge(cells: Record<string, Cell>, line: DocLine): RowVerdict {
  // A labelled line under the table (纠正措施完成期限:2024年9月13日) ends it: its 13日 is no clause.
  const colon = line.text.search(/[:：]/);
  if (opensWithLabel(line.text) && !line.text.slice(0, colon).includes("\t")) return "stop";
  const clause = toHalfWidth(cells.clause?.text ?? "");
  if (CLAUSE.test(clause)) return "row";
  if (!cells.seq?.text && !clause && cells.text?.text) return "continuation";
  // A numbered row whose clause OCR could not read (2 冤记 人事部 …) is still an NC, its clause unread.
  if (/^(?:NC)?[-－]?\d{1,2}$/i.test(cells.seq?.text.trim() ?? "") && (cells.dept?.text || cells.text?.text))
    return "row";
  return "stop";
}

/** The header a table repeats at the top of the next page, right after its last row (page furniture between). */
function repeatedHeader(lines: readonly DocLine[], last: DocLine): DocLine | null {
  for (const line of lines.slice(last.index + 1, last.index + 6)) {
    if (isPageFurniture(line)) continue;
    return line.page > last.page && isNcHeader(line) ? line : null;
  }
  return null;
}

const isSeq = (t: string) => /^(?:NC)?[-－]?\d{1,2}$/i.test(t.trim());
const DEPT_CELL = new RegExp(`^[\u4e00-\u9fa5]{1,10}${DEPT_SUFFIX}$`);
const isDept = (t: string) => DEPT_CELL.test(chineseOnly(t));
/** A management-system clause (7.1.5, 10.2): chapters 1–10; a technical code (33.03.01) is none. */
const isClause = (t: string) => {
  const m = CLAUSE.exec(toHalfWidth(t).trim());
  return t.length <= 12 && /\d[.．:]\d/.test(t) && Number((m?.[1] ?? "99").split(".")[0]) <= 10;
};
const isFinding = (t: string) => (t.match(/[\u4e00-\u9fa5]/g) ?? []).length >= 8;

/** NC columns by what their cells hold, where the header cannot be read: a number, a clause, a department, a kind
 * (严重/一般, Major/Minor) and the finding (a sentence). */
const NC_CONTENT: ContentTypes = {
  of: {
    seq: isSeq,
    clause: isClause,
    dept: isDept,
    severity: (t) => t.length <= 16 && severityOf(t) !== null,
    text: isFinding,
  },
  blank: (t) => /^[\s—–\-/无]*$/.test(t),
};

/** One NC from a row's cells (column key -> cell); `ticked` is the kind ticked among boxes in its kind cell. */
function itemOf(
  l: DocLine,
  c: Record<string, Cell>,
  lines: readonly DocLine[],
  ticked: Field<NcKind> | null = null,
): NcItem {
  const clause = c.clause ? clauseOfCell(toHalfWidth(c.clause.text), lines) : { value: null, quality: 1 };
  // A kind cell printing both kinds as options (□严重 / ☑一般) says by its words nothing of which was chosen.
  const sev = c.severity && !namesBothKinds(c.severity.text) ? severityOf(c.severity.text) : null;
  if (ticked?.value) return { ...itemOf(l, c, lines), severity: ticked };
  return {
    clause: c.clause
      ? fieldBox(l, c.clause.bbox, c.clause.text, clause.value, c.clause.confidence, clause.quality)
      : missingField(),
    department: c.dept?.text
      ? fieldBox(l, c.dept.bbox, c.dept.text, chineseOnly(c.dept.text), c.dept.confidence, 1)
      : missingField(),
    severity:
      c.severity && sev
        ? fieldBox(l, c.severity.bbox, c.severity.text, sev, c.severity.confidence, 1)
        : missingField(),
    text: c.text?.text
      ? fieldBox(l, c.text.bbox, c.text.text, c.text.text, c.text.confidence, 1)
      : missingField(),
  };
}

const EARLIER = anyWord(NC_EARLIER_AUDIT_WORDS);
/** A table of an earlier audit's NCs: its header line, or the heading line just over it, names that audit. */
function ofEarlierAudit(header: DocLine, lines: readonly DocLine[]): boolean {
  const before = lines[header.index - 1];
  const heading = before && before.page === header.page && !before.text.includes("\t") ? before : null;
  return [header, heading].some((l) => l !== null && EARLIER.test(l.text.replace(/\s/g, "")));
}

/** The kind ticked among the option boxes the checkbox reader found inside a row's kind cell, if exactly one is. */
function tickedKindIn(row: GridRow, kinds: readonly TickRow<NcKind>[]): Field<NcKind> | null {
  const cell = row.layoutCells.severity?.bbox;
  if (!cell) return null;
  const inside = kinds.filter((k) => {
    const [x, y] = [(k.bbox[0] + k.bbox[2]) / 2, (k.bbox[1] + k.bbox[3]) / 2];
    return k.page === row.page && x >= cell[0] && x <= cell[2] && y >= cell[1] && y <= cell[3];
  });
  const chosen = inside.filter((k) => k.field.value !== null);
  return chosen.length === 1 && new Set(chosen.map((k) => k.field.value)).size === 1
    ? chosen[0]!.field
    : null;
}

/** The first NC table of word boxes, over as many pages as it repeats its header on. */
export function fromTable(lines: readonly DocLine[]): NcItem[] {
  for (const first of lines) {
    if (!isNcHeader(first) || ofEarlierAudit(first, lines)) continue;
    const rows: TableRow[] = [];
    for (let header: DocLine | null = first; header; ) {
      const at: DocLine = header;
      const table = readTable(lines, at, NC_COLUMNS, 3, judge, (l) => l !== at && isNcHeader(l));
      rows.push(...(table?.rows ?? []));
      const last = table?.rows.at(-1)?.lines.at(-1);
      header = last ? repeatedHeader(lines, last) : null;
    }
    const items = rows.map((row) => itemOf(row.lines[0]!, row.cells, lines));
    if (items.length > 0) return items;
  }
  return [];
}

/** NC rows of the layout's ruled tables headed by a clause column and a kind or finding column (a repeated header
 * on the next page heads another table: its rows follow on). A row is an NC where its clause cell starts with a
 * clause, or its number cell holds a number and the row a department or finding. */
export function fromGrid(
  pages: readonly OcrPage[],
  lines: readonly DocLine[],
  kinds: readonly TickRow<NcKind>[] = [],
): NcItem[] {
  const tables = readGridTables(
    pages,
    lines,
    NC_COLUMNS,
    3,
    (keys) => keys.has("clause") && (keys.has("severity") || keys.has("text")),
    NC_CONTENT,
  );
  const items: NcItem[] = [];
  // Where earlier tables read their rows: one table reads each of its grid rows once.
  const seen: Place[] = [];
  for (const table of tables) {
    const here: Place[] = [];
    // A table named by its cells' content is the NC table only where both clauses and kinds are in it.
    if (table.typed && !(table.keys.includes("clause") && table.keys.includes("severity"))) continue;
    if (earlierAuditGrid(table.rows[0], lines)) continue;
    for (const row of table.rows) {
      const clause = toHalfWidth(row.cells.clause?.text ?? "");
      // A numbered row whose clause OCR could not read is still an NC where it names a department or a finding.
      const numbered =
        isSeq(row.cells.seq?.text ?? "") &&
        (isDept(row.cells.dept?.text ?? "") || isFinding(row.cells.text?.text ?? ""));
      // (A typed table's first row is its unread header: only a real clause makes it a row.)
      const cited = table.typed ? isClause(clause) : CLAUSE.test(clause);
      if (!cited && !numbered) continue;
      // A row read again at the same place (a table found both by its header and by its cells' content, as one
      // continued across a page break is) is the same NC.
      const item = itemOf(row.line, row.cells, lines, tickedKindIn(row, kinds));
      const at = placeOf(item);
      if (seen.some((s) => samePlace(s, at))) continue;
      here.push(at);
      items.push(item);
    }
    seen.push(...here);
  }
  return items;
}

/** Where an NC row was read: the page and box of its clause and of its finding cell (null where not read). */
type Place = readonly (string | null)[];

function placeOf(item: NcItem): Place {
  return [item.clause, item.text].map((f) =>
    f.page === null || f.bbox === null ? null : `${f.page}:${f.bbox.join(",")}`,
  );
}

/** One row read twice: every cell both readings placed is at the same place, and at least one is (a table named by
 * its content may not have found the finding column the headed one read). */
function samePlace(a: Place, b: Place): boolean {
  const both = a.map((x, i) => [x, b[i] ?? null] as const).filter(([x, y]) => x !== null && y !== null);
  return both.length > 0 && both.every(([x, y]) => x === y);
}

/** A ruled table under a header or heading naming an earlier audit (二、上次审核不符合项验证 | 上次审核不符合项). */
function earlierAuditGrid(first: GridRow | undefined, lines: readonly DocLine[]): boolean {
  if (!first) return false;
  const above = lines
    .filter((l) => l.page === first.page && l.bbox[3] <= first.bbox[1] + 2)
    .sort((a, b) => b.bbox[3] - a.bbox[3])
    .slice(0, 2);
  return above.some((l) => EARLIER.test(l.text.replace(/\s/g, "")));
}
