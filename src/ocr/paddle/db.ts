/**
 * DB (differentiable binarisation) post-processing of the PP-OCR detector's probability map: threshold,
 * connected components, box score, unclip. Pages reach the engine upright and deskewed, so text boxes are
 * axis-aligned rectangles (PaddleOCR fits minimum-area rectangles to contours; on a deskewed page those are
 * the components' bounding boxes).
 */
import type { Bbox } from "../../domain/geometry.ts";

export interface DbOptions {
  /** Probability above which a pixel is text (PaddleOCR det_db_thresh). */
  threshold: number;
  /** Mean probability over a box below which it is dropped (det_db_box_thresh). */
  boxThreshold: number;
  /** How far the shrunk text kernel is grown back (det_db_unclip_ratio). */
  unclipRatio: number;
  /** Boxes with a side shorter than this many map pixels are noise (PaddleOCR min_size). */
  minSize: number;
  maxBoxes: number;
}

export const DB_DEFAULTS: DbOptions = {
  threshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 1.5,
  minSize: 3,
  maxBoxes: 1000,
};

export interface ProbabilityMap {
  width: number;
  height: number;
  data: Float32Array;
}

export interface DetectedBox {
  /** In the map's pixels. */
  bbox: Bbox;
  score: number;
}

interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** 8-connected components of `mask` (non-zero = set), as bounding boxes (inclusive). */
export function components(mask: Uint8Array, width: number, height: number): Component[] {
  const label = new Int32Array(width * height);
  const out: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || label[start]) continue;
    const id = out.length + 1;
    const c = { x0: width, y0: height, x1: -1, y1: -1 };
    label[start] = id;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (mask[q] && !label[q]) {
            label[q] = id;
            stack.push(q);
          }
        }
      }
    }
    out.push(c);
  }
  return out;
}

/** Mean probability inside a box (PaddleOCR's "fast" score over the box). */
function boxScore(map: ProbabilityMap, c: Component): number {
  let sum = 0;
  for (let y = c.y0; y <= c.y1; y++) {
    const row = y * map.width;
    for (let x = c.x0; x <= c.x1; x++) sum += map.data[row + x]!;
  }
  return sum / ((c.x1 - c.x0 + 1) * (c.y1 - c.y0 + 1));
}

/** Grows a w x h rectangle by area * ratio / perimeter on every side (the polygon offset DB trains with). */
export function unclipDistance(width: number, height: number, ratio: number): number {
  return (width * height * ratio) / (2 * (width + height));
}

/** Text boxes in the map's pixels, largest first capped at `maxBoxes`, in no particular order. */
export function boxesFromMap(map: ProbabilityMap, options: Partial<DbOptions> = {}): DetectedBox[] {
  const o = { ...DB_DEFAULTS, ...options };
  const mask = new Uint8Array(map.width * map.height);
  for (let i = 0; i < mask.length; i++) mask[i] = map.data[i]! > o.threshold ? 1 : 0;
  const found = components(mask, map.width, map.height)
    .map((c) => ({ c, area: (c.x1 - c.x0 + 1) * (c.y1 - c.y0 + 1) }))
    .sort((a, b) => b.area - a.area)
    .slice(0, o.maxBoxes);
  const out: DetectedBox[] = [];
  for (const { c } of found) {
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    if (Math.min(w, h) < o.minSize) continue;
    const score = boxScore(map, c);
    if (score < o.boxThreshold) continue;
    const d = unclipDistance(w, h, o.unclipRatio);
    if (Math.min(w, h) + 2 * d < o.minSize + 2) continue;
    const bbox: Bbox = [
      Math.max(0, c.x0 - d),
      Math.max(0, c.y0 - d),
      Math.min(map.width, c.x1 + 1 + d),
      Math.min(map.height, c.y1 + 1 + d),
    ];
    out.push({ bbox, score });
  }
  return out;
}
