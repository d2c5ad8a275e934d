/** OCR words into the cells of ruled tables: each word goes to the cell holding its centre; a cell's words form
 * its lines (one per OCR line, top to bottom) and its text. */
import type { Bbox } from "../domain/geometry.ts";
import type { LayoutCell, LayoutTable } from "../domain/layout.ts";
import type { OcrLine, OcrWord } from "../domain/ocr.ts";
import type { GridTable } from "./grid.ts";

const inside = (b: Bbox, x: number, y: number) => x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
const asciiEdge = (s: string, end: boolean) => /[A-Za-z0-9]/.test(end ? s.slice(-1) : s.slice(0, 1));

/** Words of one line joined as printed: nothing between Chinese characters, a space between Latin words or
 * numbers only where the boxes leave a gap (engines box Latin by word or by character). */
export function joinWords(words: readonly OcrWord[]): string {
  let out = "";
  let prev: OcrWord | null = null;
  for (const w of words) {
    const t = w.text.trim();
    if (t === "") continue;
    const gap = prev ? w.bbox[0] - prev.bbox[2] : 0;
    const height = Math.max(1, w.bbox[3] - w.bbox[1]);
    const spaced = prev !== null && asciiEdge(out, true) && asciiEdge(t, false) && gap > 0.25 * height;
    out += spaced ? ` ${t}` : t;
    prev = w;
  }
  return out;
}

/** Lines of a cell joined: nothing where Chinese meets, a space between Latin words. */
export function joinLines(lines: readonly string[]): string {
  let out = "";
  for (const t of lines) out += out !== "" && asciiEdge(out, true) && asciiEdge(t, false) ? ` ${t}` : t;
  return out;
}

interface Placed {
  word: OcrWord;
  line: number;
}

function cellOf(grid: GridTable["cells"][number], words: readonly Placed[]): LayoutCell {
  const byLine = new Map<number, OcrWord[]>();
  for (const p of words) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p.word]);
  const lines = [...byLine.values()]
    .map((ws) => [...ws].sort((a, b) => a.bbox[0] - b.bbox[0]))
    .sort((a, b) => a[0]!.bbox[1] - b[0]!.bbox[1])
    .map(joinWords)
    .filter((t) => t !== "");
  const confidence = words.length === 0 ? 0 : words.reduce((a, p) => a + p.word.confidence, 0) / words.length;
  return { ...grid, text: joinLines(lines), lines, confidence: Math.round(confidence * 1000) / 1000 };
}

/** The tables with their cells' text; words outside every cell are left to the page's lines. */
export function fillCells(tables: readonly GridTable[], ocrLines: readonly OcrLine[]): LayoutTable[] {
  return tables.map((t) => {
    const per = t.cells.map(() => [] as Placed[]);
    ocrLines.forEach((line, li) => {
      for (const word of line.words) {
        const cx = (word.bbox[0] + word.bbox[2]) / 2;
        const cy = (word.bbox[1] + word.bbox[3]) / 2;
        if (!inside(t.bbox, cx, cy)) continue;
        const i = t.cells.findIndex((c) => inside(c.bbox, cx, cy));
        if (i >= 0) per[i]!.push({ word, line: li });
      }
    });
    return { bbox: t.bbox, rows: t.rows, cols: t.cols, cells: t.cells.map((c, i) => cellOf(c, per[i]!)) };
  });
}
