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
  let current: { parts: string[]; bbox: [number, number, number, number] } | null = null;
  const flush = (): void => {
    if (!current) return;
    const text = normalizeText(current.parts.join(""));
    if (text.length > 0) lines.push({ text, bbox: current.bbox });
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
      const cur: { parts: string[]; bbox: [number, number, number, number] } = current;
      const height = Math.max(1, cur.bbox[3] - cur.bbox[1]);
      const centre = (placed.bbox[1] + placed.bbox[3]) / 2;
      const sameLine = centre > cur.bbox[1] - height * 0.1 && centre < cur.bbox[3] + height * 0.1;
      if (!sameLine) flush();
      else {
        const gap = placed.bbox[0] - cur.bbox[2];
        if (gap > height * 0.5 && !/\s$/u.test(cur.parts.at(-1) ?? "")) cur.parts.push(" ");
        cur.parts.push(placed.text);
        cur.bbox = [
          Math.min(cur.bbox[0], placed.bbox[0]),
          Math.min(cur.bbox[1], placed.bbox[1]),
          Math.max(cur.bbox[2], placed.bbox[2]),
          Math.max(cur.bbox[3], placed.bbox[3]),
        ];
      }
    }
    if (!current) current = { parts: [placed.text], bbox: placed.bbox };
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
