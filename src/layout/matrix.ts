/**
 * Evaluation matrices: a ruled table whose heading row names the options of one option vocabulary, one per column
 * (符合 | 基本符合 | 不符合, 有效 | 基本有效 | 无效, 是 | 否, the audit types, the systems), and whose body rows hold
 * the marks in those columns' cells with no printed box. Each body row is a row of options: its boxes are the cells
 * under the option columns, each option the column's heading, its state the ink inside the cell (pixels, never the
 * glyph OCR read there), its lead the text of the row's cells left of the option columns (the process, criterion or
 * question). A row whose cells hold words, or a printed box in every cell, is left to the other readers.
 */
import type { Bbox } from "../domain/geometry.ts";
import type { LayoutCell, LayoutTable, OptionBox, OptionRow } from "../domain/layout.ts";
import type { PageImage } from "../domain/page.ts";
import { isSpace } from "../parse/checkbox/chars.ts";
import { isBoxGlyph, type Term, termOf } from "../parse/checkbox/vocab.ts";
import type { FoundBox } from "./boxes.ts";

/** Ink (stroke pixels) over the cell interior's height squared: a √ or pen tick gives 0.15 or more, a ■ far more, an
 * empty cell on a scan under 0.01. Between the two bounds the state is unclear. */
const CHECKED_INK = 0.06;
const EMPTY_INK = 0.025;
/** The interior read for ink: the cell less this share of its height at each edge (ruling lines, their blur). */
const INSET = 0.2;
/** Brightness under which a pixel is print or pen ink (0–255). */
const DARK = 115;

interface Heading {
  row: number;
  /** The first row under the heading (a heading cell may span two grid rows where a scan doubled a rule). */
  below: number;
  /** Option columns: the heading cell and the term its words name. */
  columns: { cell: LayoutCell; term: Term }[];
}

/** The option rows of every evaluation matrix of the page. `boxes` are the printed boxes the page holds. */
export function matrixRows(
  image: PageImage,
  tables: readonly LayoutTable[],
  boxes: readonly FoundBox[],
): OptionRow[] {
  const out: OptionRow[] = [];
  for (const t of tables) {
    const headings = headingRows(t);
    for (const [i, head] of headings.entries()) {
      const end = headings[i + 1]?.row ?? t.rows;
      const rows: OptionRow[] = [];
      for (let r = head.below; r < end; r++) {
        const row = bodyRow(image, t, r, head, boxes);
        if (row) rows.push(row);
      }
      if (rows.length === 0) continue;
      const matrix = union([...head.columns.map((c) => c.cell.bbox), ...rows.map((r) => r.bbox)]);
      for (const row of rows) out.push({ ...row, matrix });
    }
  }
  return out;
}

/** Option rows of the page less the boxes that lie in a matrix's mark cells (a ■ passes for a filled box). */
export function outsideMatrices(rows: readonly OptionRow[], matrices: readonly OptionRow[]): OptionRow[] {
  const cells = matrices.flatMap((m) => m.boxes.map((b) => b.bbox));
  return rows
    .map((r) => ({ ...r, boxes: r.boxes.filter((b) => !cells.some((c) => centreIn(b.bbox, c))) }))
    .filter((r) => r.boxes.length > 0);
}

/** Rows whose cells name two options or more of one vocabulary, each cell one option and nothing else. */
function headingRows(t: LayoutTable): Heading[] {
  const out: Heading[] = [];
  for (let r = 0; r < t.rows; r++) {
    const cells = t.cells.filter((c) => c.row === r).sort((a, b) => a.col - b.col);
    const named = cells.flatMap((cell) => {
      const term = optionOfCell(cell.text);
      return term && cell.colSpan === 1 ? [{ cell, term }] : [];
    });
    const family = mostCommon(named.map((n) => n.term.family));
    const columns = named.filter((n) => n.term.family === family);
    if (columns.length >= 2 && new Set(columns.map((c) => c.term.value)).size === columns.length)
      out.push({ row: r, below: Math.max(...columns.map((c) => c.cell.row + c.cell.rowSpan)), columns });
  }
  return out;
}

/** The option a heading cell names: its words are one option word, whole, or that option in both languages
 * (符合 Conform); a cell of prose naming one is no heading. */
function optionOfCell(text: string): Term | null {
  const chars = Array.from(text.normalize("NFKC")).filter((c) => !isSpace(c));
  const term = termOf(chars.join(""));
  if (!term || term.needsBox) return null;
  const n = Array.from(term.text).length;
  if (n >= 0.7 * chars.length) return term;
  const other = termOf(chars.slice(n).join(""));
  return other?.value === term.value && n + Array.from(other.text).length >= 0.7 * chars.length ? term : null;
}

function bodyRow(
  image: PageImage,
  t: LayoutTable,
  r: number,
  head: Heading,
  boxes: readonly FoundBox[],
): OptionRow | null {
  const cells = t.cells.filter((c) => c.row === r);
  const found: OptionBox[] = [];
  let printed = 0;
  for (const { cell: h, term } of head.columns) {
    const cell = cells.find((c) => c.col === h.col && c.colSpan === 1);
    // A column whose cell is missing or merged here: the row has one option fewer (never a guess at its state).
    if (!cell) continue;
    if (hasWords(cell.text)) return null;
    if (boxes.some((b) => centreIn(b.bbox, cell.bbox))) printed++;
    // The option's words stand in the column heading, not beside the box: no text box on the row.
    found.push({ ...inkState(image, cell.bbox), text: words(h.text) || term.display, textBbox: null });
  }
  // A box printed in every cell is a row of printed boxes (the box reader's); a ■ in the ticked cell alone is a mark.
  if (found.length < 2 || printed === found.length) return null;
  const first = Math.min(...head.columns.map((c) => c.cell.col));
  const lead = cells
    .filter((c) => c.col < first && c.row === r)
    .sort((a, b) => a.col - b.col)
    .map((c) => c.text)
    .join("");
  return { bbox: union(found.map((b) => b.bbox)), boxes: found, labelFirst: false, lead };
}

function words(text: string): string {
  return Array.from(text.normalize("NFKC"))
    .filter((c) => !isSpace(c))
    .join("");
}

/** Words in a mark cell make it a cell of text: marks OCR read as glyphs (√ ■ V) do not count. */
function hasWords(text: string): boolean {
  const chars = Array.from(text.normalize("NFKC")).filter((c) => !isSpace(c) && !isBoxGlyph(c));
  return chars.filter((c) => /[\p{Script=Han}]/u.test(c)).length >= 2 || chars.length >= 4;
}

/** The cell's state from the ink inside it (its ruling lines left out). */
export function inkState(image: PageImage, cell: Bbox): Pick<OptionBox, "bbox" | "state" | "confidence"> {
  const h = cell[3] - cell[1];
  const d = Math.max(2, Math.round(INSET * h));
  const inner: Bbox = [cell[0] + d, cell[1] + d, cell[2] - d, cell[3] - d].map(Math.round) as Bbox;
  const side = Math.max(1, Math.min(inner[2] - inner[0], inner[3] - inner[1]));
  const ink = darkStrokes(image, inner) / (side * side);
  if (ink >= CHECKED_INK) return { bbox: inner, state: "checked", confidence: Math.min(0.99, 0.8 + ink) };
  if (ink <= EMPTY_INK) return { bbox: inner, state: "unchecked", confidence: 0.95 };
  return { bbox: inner, state: "unclear", confidence: 0.4 };
}

/** Pixels darker than print and pen ink are, with two such neighbours at least (a stroke, not grain). Brightness is
 * the red channel of a colour scan, so a red seal stamped over the cell vanishes; on a grey scan the seal is a mid
 * grey, lighter than DARK. */
function darkStrokes(image: PageImage, b: Bbox): number {
  const x0 = Math.max(1, b[0]);
  const y0 = Math.max(1, b[1]);
  const x1 = Math.min(image.width - 1, b[2]);
  const y1 = Math.min(image.height - 1, b[3]);
  const ch = image.channels;
  const dark = (x: number, y: number) => (image.data[(y * image.width + x) * ch]! < DARK ? 1 : 0);
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (!dark(x, y)) continue;
      const nb =
        dark(x - 1, y) +
        dark(x + 1, y) +
        dark(x, y - 1) +
        dark(x, y + 1) +
        dark(x - 1, y - 1) +
        dark(x + 1, y + 1) +
        dark(x - 1, y + 1) +
        dark(x + 1, y - 1);
      if (nb >= 2) n++;
    }
  }
  return n;
}

function mostCommon<T>(xs: readonly T[]): T | undefined {
  const n = new Map<T, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function centreIn(b: Bbox, c: Bbox): boolean {
  const x = (b[0] + b[2]) / 2;
  const y = (b[1] + b[3]) / 2;
  return x >= c[0] && x <= c[2] && y >= c[1] && y <= c[3];
}

function union(bs: readonly Bbox[]): Bbox {
  return [
    Math.min(...bs.map((b) => b[0])),
    Math.min(...bs.map((b) => b[1])),
    Math.max(...bs.map((b) => b[2])),
    Math.max(...bs.map((b) => b[3])),
  ];
}
