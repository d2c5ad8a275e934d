import type { Bbox } from "../../../src/domain/geometry.ts";
import type { OcrLine, OcrPage, OcrWord } from "../../../src/domain/ocr.ts";

/** How the synthetic "scan" is laid out. */
export interface LayoutOptions {
  /** Wrap prose lines at this many CJK-width characters (a line of an A4 page at 300 DPI holds ~55). */
  wrap?: number;
  /** Emit each table cell as its own OCR line (engines often split a table row). */
  splitRows?: boolean;
  confidence?: number;
  source?: "ocr" | "text-layer";
}

const CJK_W = 40;
const ASCII_W = 20;
const LINE_H = 48;
const LINE_STEP = 70;
const MARGIN = 150;
const COL_W = 400;
const WORD_GAP = 20;
const PAGE_W = 2700;

const charWidth = (ch: string) => (/[\x20-\x7e]/.test(ch) ? ASCII_W : CJK_W);
const textWidth = (s: string) => [...s].reduce((w, c) => w + charWidth(c), 0);

/** Markdown and HTML of the seed text as a scan would show it: tick boxes become the glyphs OCR reads. */
export function asScanText(text: string): string {
  return text
    .replace(/<input[^>]*>/g, "口")
    .replace(/\*\*/g, "")
    .replace(/\$\\geq\s*(\d+)\\%\$/g, "≥$1%")
    .replace(/■/g, "回")
    .replace(/□/g, "口");
}

function wrapLine(line: string, width: number): string[] {
  const out: string[] = [];
  let cur = "";
  let w = 0;
  for (const ch of line) {
    const cw = charWidth(ch) / CJK_W;
    if (w + cw > width && cur.trim() !== "") {
      out.push(cur);
      cur = "";
      w = 0;
    }
    cur += ch;
    w += cw;
  }
  if (cur.trim() !== "") out.push(cur);
  return out;
}

/** Splits a cell's text at spaces into pieces that fit one column. */
function wrapCell(text: string, width: number): string[] {
  const out: string[] = [];
  // A word wider than the cell (Chinese has no spaces) breaks where the cell ends, as printed tables wrap it.
  const words = text.split(/ +/).flatMap((word) => {
    const pieces: string[] = [];
    let cur = "";
    for (const ch of word) {
      if (cur !== "" && textWidth(cur + ch) > width - 40) {
        pieces.push(cur);
        cur = "";
      }
      cur += ch;
    }
    return [...pieces, cur];
  });
  for (const word of words) {
    const last = out[out.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`) <= width - 40)
      out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out.length ? out : [""];
}

function wordsAt(text: string, x: number, y: number, conf: number): OcrWord[] {
  const words: OcrWord[] = [];
  let cx = x;
  for (const part of text.split(/ +/)) {
    if (part === "") continue;
    const w = textWidth(part);
    words.push({ text: part, bbox: [cx, y, cx + w, y + LINE_H], confidence: conf });
    cx += w + WORD_GAP;
  }
  return words;
}

function lineOf(words: OcrWord[], conf: number): OcrLine {
  const bbox: Bbox = [
    Math.min(...words.map((w) => w.bbox[0])),
    Math.min(...words.map((w) => w.bbox[1])),
    Math.max(...words.map((w) => w.bbox[2])),
    Math.max(...words.map((w) => w.bbox[3])),
  ];
  return { text: words.map((w) => w.text).join(" "), bbox, confidence: conf, words };
}

/** Lays text out as OCR pages: page breaks at runs of 3+ blank lines, prose wrapped, tab-separated rows as
 * cells at fixed column positions (words carry the x positions a table reader needs). */
export function layoutPages(text: string, options: LayoutOptions = {}): OcrPage[] {
  const wrap = options.wrap ?? 55;
  const conf = options.confidence ?? 0.95;
  const source = options.source ?? "ocr";
  const pageTexts = asScanText(text)
    .split(/\n(?:[ \t]*\n){3,}/)
    .filter((p) => p.trim() !== "");
  return pageTexts.map((pageText, i) => {
    const lines: OcrLine[] = [];
    let y = MARGIN;
    for (const raw of pageText.split("\n")) {
      if (raw.trim() === "") continue;
      if (raw.includes("\t")) {
        // A cell wider than its column wraps inside the cell, as printed tables do: extra visual rows.
        const rawCells = raw.split("\t");
        const cellLines = rawCells.map((c, col) =>
          wrapCell(c.trim(), col === rawCells.length - 1 ? PAGE_W - MARGIN * 2 - col * COL_W : COL_W),
        );
        const height = Math.max(...cellLines.map((c) => c.length));
        for (let r = 0; r < height; r++) {
          const cells = cellLines.map((c) => c[r] ?? "");
          const rowWords = cells.map((c, col) => wordsAt(c, MARGIN + col * COL_W, y, conf));
          if (options.splitRows) for (const ws of rowWords) if (ws.length) lines.push(lineOf(ws, conf));
          const all = rowWords.flat();
          if (!options.splitRows && all.length) lines.push({ ...lineOf(all, conf), text: cells.join("\t") });
          y += LINE_STEP;
        }
        continue;
      }
      for (const part of wrapLine(raw.trim(), wrap)) {
        const ws = wordsAt(part, MARGIN, y, conf);
        if (ws.length) lines.push(lineOf(ws, conf));
        y += LINE_STEP;
      }
    }
    const page: OcrPage = {
      page: i + 1,
      source,
      width: PAGE_W,
      height: Math.max(3508, y + MARGIN),
      dpi: 300,
      rotation: 0,
      skew: 0,
      text: lines.map((l) => l.text).join("\n"),
      lines,
      meanConfidence: conf,
      marks: [],
      error: null,
    };
    return page;
  });
}

/** A text-layer page as a PDF gives it: tab-separated rows in one line, no word boxes. */
export function textLayerPages(text: string): OcrPage[] {
  return layoutPages(text).map((p) => ({
    ...p,
    source: "text-layer" as const,
    lines: p.lines.map((l) => ({ ...l, words: [] })),
  }));
}
