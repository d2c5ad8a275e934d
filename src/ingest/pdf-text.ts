/** pdf.js text items → text lines with pixel boxes at the render DPI. */
import type { TextLayerLine } from "../domain/page.ts";
import { normalizeText } from "./normalize-text.ts";

/** The parts of a pdf.js TextItem we use (its `transform` is typed `any[]` upstream). */
export interface PdfTextItem {
  str: string;
  transform: readonly number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

type Matrix = readonly [number, number, number, number, number, number];

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

interface PlacedItem {
  text: string;
  bbox: [number, number, number, number];
  eol: boolean;
}

/** Box of one text item in viewport pixels: baseline run of `width` along the text direction, `height` up. */
function place(item: PdfTextItem, viewport: Matrix): PlacedItem | null {
  const [a, b, c, d, e, f] = item.transform as Matrix;
  const along = Math.hypot(a, b) || 1;
  const up = Math.hypot(c, d) || item.height || 1;
  const dx = (a / along) * item.width;
  const dy = (b / along) * item.width;
  const ux = (c / up) * (item.height || up);
  const uy = (d / up) * (item.height || up);
  const corners = [apply(viewport, e, f), apply(viewport, e + dx, f + dy), apply(viewport, e + ux, f + uy)];
  corners.push(apply(viewport, e + dx + ux, f + dy + uy));
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const bbox: [number, number, number, number] = [
    Math.min(...xs),
    Math.min(...ys),
    Math.max(...xs),
    Math.max(...ys),
  ].map((v) => Math.round(v * 10) / 10) as [number, number, number, number];
  if (!bbox.every(Number.isFinite)) return null;
  return { text: item.str, bbox, eol: item.hasEOL };
}

/**
 * Groups items into lines: a new line starts after an item marked end-of-line or when the next item's
 * vertical centre leaves the current line's band. A space is inserted where the horizontal gap is over
 * half the line height (pdf.js drops some inter-word spaces of positioned text).
 */
export function textLayerLines(items: readonly PdfTextItem[], viewport: Matrix): TextLayerLine[] {
  const lines: TextLayerLine[] = [];
  type Draft = { parts: string[]; bbox: [number, number, number, number]; words: PlacedItem[] };
  let current: Draft | null = null;
  const flush = (): void => {
    if (!current) return;
    const text = normalizeText(current.parts.join(""));
    const words = current.words
      .map((w) => ({ text: normalizeText(w.text), bbox: w.bbox }))
      .filter((w) => w.text.length > 0);
    if (text.length > 0) lines.push({ text, bbox: current.bbox, words });
    current = null;
  };
  for (const item of items) {
    if (item.str.length === 0) {
      if (item.hasEOL) flush();
      continue;
    }
    const placed = place(item, viewport);
    if (!placed) continue;
    if (current) {
      const cur: Draft = current;
      const height = Math.max(1, cur.bbox[3] - cur.bbox[1]);
      const centre = (placed.bbox[1] + placed.bbox[3]) / 2;
      const sameLine = centre > cur.bbox[1] - height * 0.1 && centre < cur.bbox[3] + height * 0.1;
      if (!sameLine) flush();
      else {
        const gap = placed.bbox[0] - cur.bbox[2];
        if (gap > height * 0.5 && !/\s$/u.test(cur.parts.at(-1) ?? "")) cur.parts.push(" ");
        cur.parts.push(placed.text);
        cur.words.push(placed);
        cur.bbox = [
          Math.min(cur.bbox[0], placed.bbox[0]),
          Math.min(cur.bbox[1], placed.bbox[1]),
          Math.max(cur.bbox[2], placed.bbox[2]),
          Math.max(cur.bbox[3], placed.bbox[3]),
        ];
      }
    }
    if (!current) current = { parts: [placed.text], bbox: placed.bbox, words: [placed] };
    if (placed.eol) flush();
  }
  flush();
  return lines;
}

/**
 * Whether a page's text layer is worth using instead of OCR: enough characters, and almost none of
 * them replacement or private-use code points (fonts without a ToUnicode map extract as garbage).
 */
export function isMeaningfulTextLayer(lines: readonly TextLayerLine[]): boolean {
  const chars = lines
    .map((l) => l.text)
    .join("")
    .replace(/\s/gu, "");
  if (chars.length < 20) return false;
  const junk = chars.match(/[\uFFFD\uE000-\uF8FF\p{Cc}]/gu)?.length ?? 0;
  return junk / chars.length < 0.05;
}

/** The operator codes hiddenGlyphShare reads (pdf.js's OPS). */
export interface TextOps {
  save: number;
  restore: number;
  setTextRenderingMode: number;
  showText: number;
  showSpacedText: number;
  nextLineShowText: number;
  nextLineSetSpacingShowText: number;
}

/** Text render modes that paint nothing (3: invisible, 7: clip only). */
const HIDDEN_MODES = new Set([3, 7]);

/**
 * Share of a page's shown glyphs drawn in an invisible render mode, from its operator list. The mode is part of
 * the graphics state, so save/restore bracket it.
 */
export function hiddenGlyphShare(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  ops: TextOps,
): number {
  const shows = new Set([
    ops.showText,
    ops.showSpacedText,
    ops.nextLineShowText,
    ops.nextLineSetSpacingShowText,
  ]);
  const saved: number[] = [];
  let mode = 0;
  let hidden = 0;
  let shown = 0;
  fnArray.forEach((fn, i) => {
    if (fn === ops.save) saved.push(mode);
    else if (fn === ops.restore) mode = saved.pop() ?? 0;
    else if (fn === ops.setTextRenderingMode) {
      const [value] = (argsArray[i] as readonly unknown[] | null) ?? [];
      mode = typeof value === "number" ? value : 0;
    } else if (shows.has(fn)) {
      const args = argsArray[i] as readonly unknown[] | null;
      const glyphs = Array.isArray(args?.at(-1)) ? (args?.at(-1) as readonly unknown[]) : [];
      // Spaced text interleaves numbers (kerning) with the glyph objects.
      const n = glyphs.filter((g) => typeof g === "object" && g !== null).length;
      if (HIDDEN_MODES.has(mode)) hidden += n;
      else shown += n;
    }
  });
  return hidden + shown > 0 ? hidden / (hidden + shown) : 0;
}
