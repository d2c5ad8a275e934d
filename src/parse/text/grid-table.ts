/**
 * Ruled tables of the layout stage read by column family: a row of label cells whose words belong to the
 * lexicon's column families (src/lexicon/tables.ts) is a header, and every grid row under it is a record, each
 * column's cell whole however many text lines it holds (a wrapped cell, two registration numbers, a vertically
 * centred cell beside a two-line one). A table carried over to the next page without its header goes on where
 * its columns stand where the header's did. The cells' text is the document lines' own characters inside each
 * cell box (the same cleaning and per-character confidences the line readers see).
 */
import type { Bbox } from "../../domain/geometry.ts";
import type { LayoutCell, LayoutTable } from "../../domain/layout.ts";
import type { OcrPage } from "../../domain/ocr.ts";
import { isAsciiAlnum } from "./chars.ts";
import type { DocLine } from "./lines.ts";
import { type Cell, type ColumnSpec, cellMatches } from "./table.ts";

export interface GridRow {
  page: number;
  /** The document line the row's text starts on (provenance; the team vote skips it as a place). */
  line: DocLine;
  cells: Record<string, Cell>;
  /** The row's layout cells by column key (their boxes and the layout's own reading). */
  layoutCells: Record<string, LayoutCell>;
  bbox: Bbox;
}

export interface GridTableRead {
  page: number;
  keys: string[];
  rows: GridRow[];
}

interface HeaderColumn {
  key: string;
  col: number;
  colSpan: number;
  x0: number;
  x1: number;
}

interface Header {
  row: number;
  rowSpan: number;
  columns: HeaderColumn[];
}

/** Header cells hold words: a digit run (a date, a number, a code) says a data cell. */
const DATA_LIKE = /\d{3,}|\d+\.\d+/;
/** Below this a cell's words name no column (table.ts's header matching uses the same floor). */
const MIN_SCORE = 0.5;
/** Rules and quotes a cell's edge is read as: no part of the cell. */
const EDGE_START = /^[\s“”"'‘’|丨]+/;
const EDGE_END = /[\s“”"'‘’|丨]+$/;

/** The header of a table: the first of its top rows whose cells name at least `minColumns` column families. */
function headerOf(table: LayoutTable, specs: readonly ColumnSpec[], minColumns: number): Header | null {
  for (let r = 0; r < Math.min(table.rows, 3); r++) {
    const cells = table.cells.filter((c) => c.row === r);
    if (cells.some((c) => DATA_LIKE.test(c.text))) continue;
    const scored = cells.flatMap((cell) =>
      specs.map((spec) => ({ cell, spec, score: cellMatches(cell.text, spec.synonyms) })),
    );
    scored.sort((a, b) => b.score - a.score);
    const columns: HeaderColumn[] = [];
    for (const s of scored) {
      if (s.score <= MIN_SCORE) break;
      if (columns.some((c) => c.key === s.spec.key || c.col === s.cell.col)) continue;
      columns.push({
        key: s.spec.key,
        col: s.cell.col,
        colSpan: s.cell.colSpan,
        x0: s.cell.bbox[0],
        x1: s.cell.bbox[2],
      });
    }
    if (columns.length >= minColumns) {
      const rowSpan = Math.max(...cells.map((c) => c.rowSpan));
      return { row: r, rowSpan, columns: columns.sort((a, b) => a.col - b.col) };
    }
  }
  return null;
}

const centre = (b: Bbox): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
const inside = (b: Bbox, [x, y]: [number, number]) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];

/** The document lines' characters inside a box, line by line, as one cell. */
export function cellFromLines(page: number, bbox: Bbox, lines: readonly DocLine[]): Cell | null {
  const parts: { text: string; confs: number[]; top: number }[] = [];
  for (const line of lines) {
    if (line.page !== page || line.bbox[3] < bbox[1] || line.bbox[1] > bbox[3]) continue;
    let text = "";
    const confs: number[] = [];
    let top = Number.POSITIVE_INFINITY;
    [...line.text].forEach((ch, i) => {
      const box = line.charBoxes[i];
      if (ch === "\t" || !box || !inside(bbox, centre(box))) return;
      text += ch;
      confs.push(line.charConfidences[i] ?? line.confidence);
      top = Math.min(top, box[1]);
    });
    const lead = text.length - text.replace(EDGE_START, "").length;
    const kept = text.replace(EDGE_START, "").replace(EDGE_END, "");
    if (kept !== "") parts.push({ text: kept, confs: confs.slice(lead, lead + kept.length), top });
  }
  if (parts.length === 0) return null;
  // Top to bottom within the cell: a document line is a whole row of the page, which may start higher up.
  parts.sort((a, b) => a.top - b.top);
  let text = "";
  const charConfidences: number[] = [];
  for (const p of parts) {
    // A wrapped cell reads on without a break, but between two Latin or digit runs (2020-N1EMS-1 2021-…).
    if (text !== "" && isAsciiAlnum(text.at(-1)) && isAsciiAlnum(p.text[0])) {
      text += " ";
      charConfidences.push(1);
    }
    text += p.text;
    charConfidences.push(...p.confs);
  }
  const confidence = charConfidences.reduce((a, b) => a + b, 0) / charConfidences.length;
  return { text, bbox, confidence, charConfidences };
}

/** The first document line on the page that crosses the box (else the page's first line). */
function lineAt(page: number, bbox: Bbox, lines: readonly DocLine[]): DocLine | null {
  const onPage = lines.filter((l) => l.page === page);
  return (
    onPage.find(
      (l) => l.bbox[1] < bbox[3] && l.bbox[3] > bbox[1] && l.bbox[0] < bbox[2] && l.bbox[2] > bbox[0],
    ) ??
    onPage[0] ??
    null
  );
}

function rowOf(
  page: number,
  cellsByKey: Record<string, LayoutCell>,
  lines: readonly DocLine[],
): GridRow | null {
  const boxes = Object.values(cellsByKey).map((c) => c.bbox);
  if (boxes.length === 0) return null;
  const bbox: Bbox = [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
  const cells: Record<string, Cell> = {};
  for (const [key, lc] of Object.entries(cellsByKey)) {
    const cell = cellFromLines(page, lc.bbox, lines);
    if (cell) cells[key] = cell;
  }
  const firstText = Object.values(cells)
    .map((c) => c.bbox)
    .sort((a, b) => a[1] - b[1])[0];
  const line = lineAt(page, firstText ?? bbox, lines);
  return line ? { page, line, cells, layoutCells: cellsByKey, bbox } : null;
}

/** Rows of a headed table: each grid row below the header, a column's cell the one covering its header column. */
function headedRows(page: number, table: LayoutTable, header: Header, lines: readonly DocLine[]): GridRow[] {
  const rows: GridRow[] = [];
  for (let r = header.row + header.rowSpan; r < table.rows; r++) {
    const byKey: Record<string, LayoutCell> = {};
    let starts = false;
    for (const col of header.columns) {
      const cell = table.cells.find(
        (c) => c.row <= r && c.row + c.rowSpan > r && c.col <= col.col && c.col + c.colSpan > col.col,
      );
      if (!cell) continue;
      byKey[col.key] = cell;
      if (cell.row === r) starts = true;
    }
    // A row whose every cell is still the row above's (a tall merged cell) is no new record.
    if (!starts) continue;
    const row = rowOf(page, byKey, lines);
    if (row) rows.push(row);
  }
  return rows;
}

/** Rows of a table carried over from the page before without a header: only where every header column has a
 * column of this table with the same left and right rules (within `tol` pixels); cells go by column. */
function carriedRows(
  page: number,
  table: LayoutTable,
  header: Header,
  lines: readonly DocLine[],
  tol: number,
): GridRow[] {
  const colKey = new Map<number, string>();
  for (const col of header.columns) {
    const same = table.cells.find(
      (c) => Math.abs(c.bbox[0] - col.x0) <= tol && Math.abs(c.bbox[2] - col.x1) <= tol,
    );
    if (!same) return [];
    colKey.set(same.col, col.key);
  }
  const rows: GridRow[] = [];
  for (let r = 0; r < table.rows; r++) {
    const byKey: Record<string, LayoutCell> = {};
    for (const cell of table.cells.filter((c) => c.row === r)) {
      const key = colKey.get(cell.col);
      if (key && !byKey[key]) byKey[key] = cell;
    }
    const row = rowOf(page, byKey, lines);
    if (row) rows.push(row);
  }
  return rows;
}

/** Every table of the document whose header names at least `minColumns` of the families and passes `accept`,
 * with its rows (a table carried over to the next page's top included). */
export function readGridTables(
  pages: readonly OcrPage[],
  lines: readonly DocLine[],
  specs: readonly ColumnSpec[],
  minColumns: number,
  accept: (keys: ReadonlySet<string>) => boolean,
): GridTableRead[] {
  const out: GridTableRead[] = [];
  const ordered = [...pages].sort((a, b) => a.page - b.page);
  for (const [pi, page] of ordered.entries()) {
    const tables = page.layout?.tables ?? [];
    for (const [ti, table] of tables.entries()) {
      const header = headerOf(table, specs, minColumns);
      if (!header || !accept(new Set(header.columns.map((c) => c.key)))) continue;
      const read: GridTableRead = {
        page: page.page,
        keys: header.columns.map((c) => c.key),
        rows: headedRows(page.page, table, header, lines),
      };
      // The last table of a page may go on at the top of the next one, without its header.
      const next = ordered[pi + 1];
      const carried = next?.layout?.tables[0];
      if (ti === tables.length - 1 && next && carried && !headerOf(carried, specs, minColumns)) {
        read.rows.push(...carriedRows(next.page, carried, header, lines, 0.01 * next.width));
      }
      out.push(read);
    }
  }
  return out;
}
