/** A generator table block (its rows as the family prints them) laid out on a page the way the renderer does: column
 * widths in proportion, every row as tall as its tallest cell, shorter cells centred vertically (valign middle),
 * wrapped cells over several text lines. OCR reads each cell line as its own line of words; the layout stage's
 * grid is the table's rules and its cells' text comes from those words (src/layout/cells.ts). */
import type { Block, Inline } from "../../../fixtures/generator/render.ts";
import type { Bbox } from "../../../src/domain/geometry.ts";
import type { LayoutTable } from "../../../src/domain/layout.ts";
import type { OcrLine, OcrPage, OcrWord } from "../../../src/domain/ocr.ts";
import { fillCells } from "../../../src/layout/cells.ts";
import type { GridCell } from "../../../src/layout/grid.ts";

export type TableBlock = Extract<Block, { kind: "table" }>;

const PAGE_W = 1654;
const PAGE_H = 2339;
const LEFT = 150;
const TEXT_W = 1354;
const CJK_W = 30;
const LATIN_W = 15;
const LINE_H = 30;
const STEP = 40;
const PAD = 12;

const width = (s: string) => [...s].reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? LATIN_W : CJK_W), 0);

/** A cell's printed text lines: strings, English halves and option labels in order, a line break at "\n". */
function cellText(items: readonly Inline[]): string[] {
  let text = "";
  for (const it of items) {
    if (typeof it === "string") text += it;
    else if ("small" in it) text += it.small;
    else if ("box" in it) text += it.checked ? `☑${it.label}` : `口${it.label}`;
    else text += it.scribble;
  }
  return text.split("\n").map((s) => s.trim());
}

/** Lines broken where the cell ends (Latin runs kept whole, as the renderer does). */
function wrap(lines: readonly string[], room: number): string[] {
  const out: string[] = [];
  for (const line of lines) {
    let cur = "";
    for (const tok of line.match(/[A-Za-z0-9.\-:/;,]+|\s+|./gu) ?? []) {
      if (cur !== "" && width(cur + tok) > room) {
        out.push(cur.trim());
        cur = tok.trim() === "" ? "" : tok;
      } else cur += tok;
    }
    if (cur.trim() !== "") out.push(cur.trim());
  }
  return out.filter((l) => l !== "");
}

/** Words as tesseract gives them: each Chinese character alone, a Latin run as one word. */
function wordsOf(text: string, x: number, y: number, confidence: number): OcrWord[] {
  const words: OcrWord[] = [];
  let at = x;
  for (const tok of text.match(/[A-Za-z0-9.\-:/;,()]+|\s+|./gu) ?? []) {
    const w = width(tok);
    if (tok.trim() !== "") words.push({ text: tok, bbox: [at, y, at + w, y + LINE_H], confidence });
    at += w;
  }
  return words;
}

export interface GridPage {
  page: OcrPage;
  /** Where the table ends on the page. */
  bottom: number;
}

/** The table block drawn from `top` on page `pageNo`; each cell line one OCR line. */
export function gridPage(block: TableBlock, pageNo: number, top = 200, confidence = 0.92): GridPage {
  const total = block.widths.reduce((a, b) => a + b, 0);
  const xs = [LEFT];
  for (const w of block.widths) xs.push(xs[xs.length - 1]! + (w / total) * TEXT_W);
  const lines: OcrLine[] = [];
  const cells: GridCell[] = [];
  let y = top;
  block.rows.forEach((row, r) => {
    const texts = row.map((items, c) => wrap(cellText(items), xs[c + 1]! - xs[c]! - 2 * PAD));
    const height = Math.max(1, ...texts.map((t) => t.length)) * STEP + 2 * PAD;
    texts.forEach((t, c) => {
      const bbox: Bbox = [xs[c]!, y, xs[c + 1]!, y + height];
      cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, bbox });
      const offset = block.valign === "middle" ? (height - 2 * PAD - t.length * STEP) / 2 : 0;
      t.forEach((text, k) => {
        const ly = y + PAD + offset + k * STEP;
        const words = wordsOf(text, xs[c]! + PAD, ly, confidence);
        if (words.length === 0) return;
        lines.push({
          text,
          bbox: [words[0]!.bbox[0], ly, words.at(-1)!.bbox[2], ly + LINE_H],
          confidence,
          words,
        });
      });
    });
    y += height;
  });
  const grid = {
    bbox: [xs[0]!, top, xs.at(-1)!, y] as Bbox,
    rows: block.rows.length,
    cols: block.widths.length,
    cells,
  };
  const tables: LayoutTable[] = fillCells([grid], lines);
  const page: OcrPage = {
    page: pageNo,
    source: "ocr",
    width: PAGE_W,
    height: PAGE_H,
    dpi: 200,
    rotation: 0,
    skew: 0,
    text: lines.map((l) => l.text).join("\n"),
    lines,
    meanConfidence: confidence,
    marks: [],
    layout: { tables, pairs: [], ms: 0 },
    error: null,
  };
  return { page, bottom: y };
}
