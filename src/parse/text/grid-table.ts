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
import { trimCellEdges } from "./cell-edge.ts";
import { isAsciiAlnum, nfkcChar } from "./chars.ts";
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
  /** Columns named by their cells' content, the header not read. */
  typed: boolean;
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
    const { text: kept, lead } = trimCellEdges(text);
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

/** A character the page read below this is unclear (text/vote.ts's CLEAR). */
const UNCLEAR = 0.7;
/** A second reading is trusted for a character, or whole, from this confidence. */
const SURE = 0.6;

/** The cell's second reading (a crop of it read alone), cleaned like the document lines. */
function rereadCell(lc: LayoutCell): { text: string; confs: number[] } | null {
  const r = lc.reread;
  if (!r) return null;
  let text = "";
  const confs: number[] = [];
  [...r.text].forEach((raw, i) => {
    const ch = nfkcChar(raw);
    // A space stays only between Latin or digit runs, as on the document lines.
    if (/\s/.test(ch) && !(isAsciiAlnum(text.at(-1)) && isAsciiAlnum(r.text[i + 1]))) return;
    text += /\s/.test(ch) ? " " : ch;
    confs.push(r.charConfidences[i] ?? 0);
  });
  const { text: kept, lead } = trimCellEdges(text);
  return kept === "" ? null : { text: kept, confs: confs.slice(lead, lead + kept.length) };
}

/** A reading without punctuation and spaces: specks read as 、 or . at a cell's edge are no disagreement. */
const core = (t: string) => t.replace(/[\p{P}\s]/gu, "");

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** The page's reading of a cell, with its second reading taken where it is surer: character by character where
 * the two are of one length (a character the page read unclearly, the crop clearly), whole where they differ and
 * the crop reads every word surely and on the whole more surely (a second number the page garbled). Where a sure
 * second reading still differs from what is kept, the cell is disputed. */
export function withReread(first: Cell | null, lc: LayoutCell): Cell | null {
  const again = rereadCell(lc);
  if (!again) return first;
  const sure = again.confs.every((c) => c >= SURE);
  const whole: Cell = {
    text: again.text,
    bbox: lc.bbox,
    confidence: mean(again.confs),
    charConfidences: again.confs,
  };
  if (!first) return sure ? whole : null;
  const fair = mean(again.confs) >= SURE;
  const a = [...first.text];
  const b = [...again.text];
  if (a.length === b.length) {
    const chars = a.map((ch, i) => {
      const mine = first.charConfidences[i] ?? first.confidence;
      const theirs = again.confs[i] ?? 0;
      return ch !== b[i] && mine < UNCLEAR && theirs >= SURE && theirs > mine
        ? { ch: b[i]!, conf: theirs }
        : { ch, conf: mine };
    });
    const charConfidences = chars.map((c) => c.conf);
    const text = chars.map((c) => c.ch).join("");
    return {
      ...first,
      text,
      charConfidences,
      confidence: mean(charConfidences),
      disputed: fair && core(text) !== core(again.text),
    };
  }
  if (sure && whole.confidence > mean(first.charConfidences) + 0.1) return whole;
  return { ...first, disputed: fair && core(first.text) !== core(again.text) };
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
    const cell = withReread(cellFromLines(page, lc.bbox, lines), lc);
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

/** What a column's cells hold, for a table whose header cannot be read (white on a dark band, a header the
 * engine garbled, none printed): per column key, whether a cell's text is of that kind. */
export interface ContentTypes {
  readonly of: Readonly<Record<string, (text: string) => boolean>>;
  /** A cell printed empty (—, /, N/A): it counts for no column and against none. */
  readonly blank: (text: string) => boolean;
}

/** Share of a column's filled cells that must be of a kind for the column to be taken for it. */
const TYPED_SHARE = 0.6;

/** Columns named by what their cells hold: each grid column whose filled cells are mostly of one kind, the surest first, one column per kind. Every row is then a data row (the unread header fails the row test
 * of its reader). */
function typedHeader(
  page: number,
  table: LayoutTable,
  lines: readonly DocLine[],
  types: ContentTypes,
  minColumns: number,
): Header | null {
  const scored: { key: string; col: HeaderColumn; share: number }[] = [];
  for (let c = 0; c < table.cols; c++) {
    const cells = table.cells.filter((x) => x.col === c && x.colSpan === 1);
    const texts = cells
      .map((x) => withReread(cellFromLines(page, x.bbox, lines), x)?.text ?? "")
      .filter((t) => t !== "" && !types.blank(t));
    // Two filled cells at least, or one where the rest of the column is printed empty (N/A under codes).
    if (cells.length < 2 || texts.length === 0) continue;
    const col = {
      col: c,
      colSpan: 1,
      x0: Math.min(...cells.map((x) => x.bbox[0])),
      x1: Math.max(...cells.map((x) => x.bbox[2])),
    };
    const kinds = Object.entries(types.of);
    for (const [key, is] of kinds) {
      const share = texts.filter(is).length / texts.length;
      // A column of few values among cells read as nothing (N/A garbled) is still of the one kind its values are,
      // where none of its cells is of another kind.
      const alone = texts.every((t) => kinds.every(([k, other]) => k === key || !other(t)));
      if (share >= TYPED_SHARE || (alone && share >= TYPED_SHARE / 2))
        scored.push({ key, col: { ...col, key }, share });
    }
  }
  scored.sort((a, b) => b.share - a.share);
  const columns: HeaderColumn[] = [];
  for (const s of scored) {
    if (columns.some((c) => c.key === s.key || c.col === s.col.col)) continue;
    columns.push(s.col);
  }
  return columns.length >= minColumns
    ? { row: -1, rowSpan: 1, columns: columns.sort((a, b) => a.col - b.col) }
    : null;
}

/** Every table of the document whose header names at least `minColumns` of the families and passes `accept`,
 * with its rows (a table carried over to the next page's top included). Where no header is read, `types` may
 * name the columns by what their cells hold. */
export function readGridTables(
  pages: readonly OcrPage[],
  lines: readonly DocLine[],
  specs: readonly ColumnSpec[],
  minColumns: number,
  accept: (keys: ReadonlySet<string>) => boolean,
  types?: ContentTypes,
): GridTableRead[] {
  const out: GridTableRead[] = [];
  const ordered = [...pages].sort((a, b) => a.page - b.page);
  for (const [pi, page] of ordered.entries()) {
    const tables = page.layout?.tables ?? [];
    for (const [ti, table] of tables.entries()) {
      const named = headerOf(table, specs, minColumns);
      const header = named ?? (types ? typedHeader(page.page, table, lines, types, minColumns) : null);
      if (!header || !accept(new Set(header.columns.map((c) => c.key)))) continue;
      const read: GridTableRead = {
        page: page.page,
        keys: header.columns.map((c) => c.key),
        typed: !named,
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
