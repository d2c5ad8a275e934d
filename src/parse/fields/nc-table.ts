/** Nonconformity tables: a ruled table of the layout stage headed by NC column families (each grid row one NC,
 * its wrapped description and vertically centred cells whole), else a table of word boxes under a header line,
 * over as many pages as it repeats its header on. */
import { missingField } from "../../domain/field.ts";
import type { OcrPage } from "../../domain/ocr.ts";
import type { NcItem } from "../../domain/record.ts";
import { NC_TABLE_COLUMNS } from "../../lexicon/tables.ts";
import { toHalfWidth } from "../normalize/numbers.ts";
import { severityOf } from "../normalize/severity.ts";
import { fieldBox } from "../provenance.ts";
import { readGridTables } from "../text/grid-table.ts";
import { opensWithLabel } from "../text/labels.ts";
import type { DocLine } from "../text/lines.ts";
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

/** One NC from a row's cells (column key -> cell). */
function itemOf(l: DocLine, c: Record<string, Cell>, lines: readonly DocLine[]): NcItem {
  const clause = c.clause ? clauseOfCell(toHalfWidth(c.clause.text), lines) : { value: null, quality: 1 };
  const sev = c.severity ? severityOf(c.severity.text) : null;
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

/** The first NC table of word boxes, over as many pages as it repeats its header on. */
export function fromTable(lines: readonly DocLine[]): NcItem[] {
  for (const first of lines) {
    if (!isNcHeader(first)) continue;
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
export function fromGrid(pages: readonly OcrPage[], lines: readonly DocLine[]): NcItem[] {
  const tables = readGridTables(
    pages,
    lines,
    NC_COLUMNS,
    3,
    (keys) => keys.has("clause") && (keys.has("severity") || keys.has("text")),
  );
  const items: NcItem[] = [];
  for (const table of tables) {
    for (const row of table.rows) {
      const clause = toHalfWidth(row.cells.clause?.text ?? "");
      const numbered =
        /^(?:NC)?[-－]?\d{1,2}$/i.test(row.cells.seq?.text.trim() ?? "") &&
        !!(row.cells.dept?.text || row.cells.text?.text);
      if (CLAUSE.test(clause) || numbered) items.push(itemOf(row.line, row.cells, lines));
    }
  }
  return items;
}
