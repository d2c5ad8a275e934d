import type { Bbox } from "../../domain/geometry.ts";
import type { OcrLine } from "../../domain/ocr.ts";

/** One character of an OCR line with an estimated box. Tesseract gives boxes per word (often one CJK
 * character, sometimes a phrase with a glued box glyph), so positions inside a word are interpolated. */
export interface PosChar {
  ch: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Narrow (Latin, digits, half-width punctuation) characters take about half a CJK cell. */
function cellWidth(ch: string): number {
  if (/\s/.test(ch)) return 0.4;
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x2e80 && !(c >= 0x2500 && c <= 0x27bf) ? 0.55 : 1;
}

export function lineChars(line: OcrLine): PosChar[] {
  const words = line.words.length > 0 ? line.words : [{ text: line.text, bbox: line.bbox }];
  const out: PosChar[] = [];
  for (const [k, w] of words.entries()) {
    const chars = Array.from(w.text.normalize("NFKC"));
    if (chars.length === 0) continue;
    const units = chars.map(cellWidth);
    const total = units.reduce((a, b) => a + b, 0);
    const [x0, y0, wx1, y1] = w.bbox;
    // Tesseract now and then stretches a word's box over the words after it (口 of 口其他 to the line's end, 重大
    // over 的质量投诉): the next word's start is where it ends, else its characters land on the wrong glyphs.
    const next = words[k + 1]?.bbox[0];
    const x1 = next !== undefined && next > x0 && next < wx1 ? next : wx1;
    let acc = 0;
    for (let i = 0; i < chars.length; i++) {
      const a = x0 + ((x1 - x0) * acc) / total;
      acc += units[i]!;
      out.push({ ch: chars[i]!, x0: a, y0, x1: x0 + ((x1 - x0) * acc) / total, y1 });
    }
  }
  return out;
}

/** Typical character height on the line: median word height, which is robust to a tall glued box glyph. Each word
 * is taken within the line's own box: tesseract now and then gives a word of CJK text twice the line's height
 * (其他 60 px on a 32 px line), and a window that tall reaches the next row's box. */
export function textHeight(line: OcrLine): number {
  const [, top, , bottom] = line.bbox;
  const hs = line.words
    .map((w) =>
      bottom > top ? Math.min(w.bbox[3], bottom) - Math.max(w.bbox[1], top) : w.bbox[3] - w.bbox[1],
    )
    .filter((h) => h > 0);
  if (hs.length === 0) return Math.max(1, line.bbox[3] - line.bbox[1]);
  hs.sort((a, b) => a - b);
  return hs[Math.floor(hs.length / 2)]!;
}

export function charsBbox(chars: readonly PosChar[]): Bbox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const c of chars) {
    x0 = Math.min(x0, c.x0);
    y0 = Math.min(y0, c.y0);
    x1 = Math.max(x1, c.x1);
    y1 = Math.max(y1, c.y1);
  }
  return [Math.round(x0), Math.round(y0), Math.round(x1), Math.round(y1)];
}

export function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}
