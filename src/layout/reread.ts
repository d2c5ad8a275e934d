/**
 * Doubtful cells read again on their own. Page OCR reads a table row across its rules, so a cell whose glyphs it
 * was unsure of (a rare character of a name, a second registration number under the first, a vertically centred
 * cell beside a two-line one) is cropped inside its rules and given to the engine alone; the reading is kept on
 * the cell (`reread`) for the field readers, who take it where it reads more surely than the page did.
 * The cost is one OCR call per cell, at most MAX_CELLS a page, the least sure first; measured per page
 * (`rereads`, `rereadMs`).
 */
import { performance } from "node:perf_hooks";
import { EnvironmentError } from "../domain/errors.ts";
import type { Bbox } from "../domain/geometry.ts";
import type { LayoutCell, LayoutTable, PageLayout } from "../domain/layout.ts";
import type { OcrLine, OcrWord } from "../domain/ocr.ts";
import type { PageImage } from "../domain/page.ts";
import type { EngineResult } from "../ocr/engine.ts";
import { cropBox } from "../ocr/pixels.ts";
import { joinLines, joinWords } from "./cells.ts";

/** A word read below this makes its cell doubtful (tesseract's chi_sim puts most misread glyphs below it). */
const DOUBT_BELOW = 0.6;
/** Cells read again per page at most. */
const MAX_CELLS = 24;
/** Characters of a short value (a name, a department, a registration number). */
const SHORT_VALUE = 20;
/** Cells of more lines than this are running text (a finding), not a value worth a crop. */
const MAX_LINES = 4;
/** Inset from the cell's rules (mm), so no stroke of them is read as a character. */
const INSET_MM = 0.6;
/** White margin around the crop (px): the engine finds no text flush against the image edge. */
const MARGIN = 12;

export type CellReader = (crop: PageImage, signal?: AbortSignal) => Promise<EngineResult>;

const inside = (b: Bbox, w: OcrWord) => {
  const x = (w.bbox[0] + w.bbox[2]) / 2;
  const y = (w.bbox[1] + w.bbox[3]) / 2;
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
};

/** A short value of a list table (a name, a department, a number): a page misreads such a word with confidence as
 * often as without, and nothing else on the page may print it, so a second reading is its only check. */
const isListValue = (t: LayoutTable, c: LayoutCell) =>
  t.rows >= 3 && t.cols >= 3 && c.row > 0 && c.lines.length <= 2 && [...c.text].length <= SHORT_VALUE;

/** The cells worth a second reading, the least sure first: a cell with a word read unsurely, and a short value of a
 * list table. */
export function doubtfulCells(layout: PageLayout, lines: readonly OcrLine[]): LayoutCell[] {
  const words = lines.flatMap((l) => l.words).filter((w) => w.text.trim() !== "");
  const out: { cell: LayoutCell; weakest: number }[] = [];
  for (const table of layout.tables) {
    for (const cell of table.cells) {
      if (cell.text === "" || cell.lines.length > MAX_LINES) continue;
      const own = words.filter((w) => inside(cell.bbox, w));
      const weakest = Math.min(...own.map((w) => w.confidence));
      if (weakest < DOUBT_BELOW || isListValue(table, cell)) out.push({ cell, weakest });
    }
  }
  return out
    .sort((a, b) => a.weakest - b.weakest)
    .slice(0, MAX_CELLS)
    .map((d) => d.cell);
}

/** The cell's pixels inside its rules, on a white margin. */
function cropOf(image: PageImage, cell: LayoutCell): PageImage {
  const inset = (INSET_MM / 25.4) * image.dpi;
  const [x0, y0, x1, y1] = cell.bbox;
  const inner = cropBox(image, [x0 + inset, y0 + inset, x1 - inset, y1 - inset]);
  const w = inner.width + 2 * MARGIN;
  const h = inner.height + 2 * MARGIN;
  const data = new Uint8Array(w * h).fill(255);
  for (let y = 0; y < inner.height; y++) {
    data.set(inner.data.subarray(y * inner.width, (y + 1) * inner.width), (y + MARGIN) * w + MARGIN);
  }
  return { width: w, height: h, channels: 1, data, dpi: image.dpi };
}

/** The reading as one cell text, each character with its word's confidence. */
function cellReading(result: EngineResult): NonNullable<LayoutCell["reread"]> {
  const lineTexts = result.lines
    .map((l) => ({ top: l.bbox[1], words: [...l.words].sort((a, b) => a.bbox[0] - b.bbox[0]) }))
    .sort((a, b) => a.top - b.top)
    .map((l) => ({ text: joinWords(l.words), words: l.words }))
    .filter((l) => l.text !== "");
  const text = joinLines(lineTexts.map((l) => l.text));
  // Each character of the joined text with its word's confidence (spaces between Latin words count as sure).
  const confs: number[] = [];
  const queue = lineTexts.flatMap((l) => l.words.flatMap((w) => [...w.text.trim()].map(() => w.confidence)));
  for (const ch of text) confs.push(/\s/.test(ch) ? 1 : (queue.shift() ?? 0));
  return { text, charConfidences: confs.map((c) => Math.round(Math.max(0, Math.min(1, c)) * 1000) / 1000) };
}

/** Reads the doubtful cells of the page's tables again, each on its own; a cell the reader fails on keeps its
 * first reading (a broken environment or an aborted page is the page's). */
export async function rereadCells(
  image: PageImage,
  layout: PageLayout,
  lines: readonly OcrLine[],
  read: CellReader,
  signal?: AbortSignal,
): Promise<PageLayout> {
  const t0 = performance.now();
  const cells = doubtfulCells(layout, lines);
  if (cells.length === 0) return layout;
  const readings = new Map<LayoutCell, NonNullable<LayoutCell["reread"]>>();
  // All at once: the engine's queue hands them to whichever worker is free. Read one at a time, each crop waited
  // behind the other pages' whole readings, and a page of tables held its page slot through 10-24 such waits
  // while the workers ran short of work (docs/performance.md, 2026-12-05). A reading depends only on its crop.
  await Promise.all(
    cells.map(async (cell) => {
      try {
        readings.set(cell, cellReading(await read(cropOf(image, cell), signal)));
      } catch (error) {
        if (error instanceof EnvironmentError || signal?.aborted) throw error;
      }
    }),
  );
  const tables = layout.tables.map((t) => ({
    ...t,
    cells: t.cells.map((c) => {
      const reread = readings.get(c);
      return reread ? { ...c, reread } : c;
    }),
  }));
  return { ...layout, tables, rereads: readings.size, rereadMs: Math.round(performance.now() - t0) };
}
