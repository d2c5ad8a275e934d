/**
 * Ruling lines of a page by morphology: the ink is opened with a long thin kernel (libvips through sharp: a
 * mean filter along one axis thresholded near full ink is an erosion), so only strokes longer than a
 * character survive — table rules, not text or tick-box outlines. Work is done at half resolution.
 */
import sharp from "sharp";
import type { PageImage } from "../domain/page.ts";
import { toGrey } from "../ocr/pixels.ts";

/** A ruling line in page pixels: horizontal ones have y0 ≈ y1, vertical ones x0 ≈ x1 (the stroke's centre). */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Rulings {
  horizontal: Rule[];
  vertical: Rule[];
  /** Scale the analysis ran at (page pixels per analysis pixel). */
  scale: number;
}

/** Shortest rule, in millimetres: longer than any character and tick box, shorter than the narrowest cell. */
const MIN_RULE_MM = 9;
/** Grey level (at analysis scale) below which a pixel is ink: a 1 px rule halved is a mid grey. */
const PAPER_LEVEL = 190;

interface Mask {
  data: Uint8Array;
  w: number;
  h: number;
}

/** Paper 255, ink 0, at `1 / scale` of the page's size. */
async function paperMask(grey: PageImage, scale: number): Promise<Mask> {
  const w = Math.max(1, Math.round(grey.width / scale));
  const h = Math.max(1, Math.round(grey.height / scale));
  const data = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .resize(w, h, { kernel: "linear" })
    .threshold(PAPER_LEVEL)
    .toColourspace("b-w")
    .raw()
    .toBuffer();
  return { data, w, h };
}

/** Mean paper along a line kernel of `k` pixels (centred) on one axis: 0 where the whole kernel is ink, which is
 * the erosion of the ink by that kernel. (sharp applies a threshold before a convolution, so none is asked.) */
async function paperAlong(mask: Mask, k: number, axis: "x" | "y"): Promise<Uint8Array> {
  // sharp takes kernels of at least 3×3: the line kernel is the middle row (or column) of a 3-wide one.
  const values = Array.from({ length: 3 * k }, (_, i) =>
    axis === "x" ? (i >= k && i < 2 * k ? 1 : 0) : i % 3 === 1 ? 1 : 0,
  );
  const kernel = { width: axis === "x" ? k : 3, height: axis === "x" ? 3 : k, kernel: values, scale: k };
  return sharp(mask.data, { raw: { width: mask.w, height: mask.h, channels: 1 } })
    .convolve(kernel)
    .toColourspace("b-w")
    .raw()
    .toBuffer();
}

/** Runs of full ink (0) along `axis` no shorter than `min`, merged across neighbouring rows (a thick rule) into one
 * rule each. The eroded runs are `k - 1` shorter than the stroke: half a kernel is given back at each end. */
function runs(data: Uint8Array, w: number, h: number, axis: "x" | "y", k: number, scale: number): Rule[] {
  const [outer, inner] = axis === "x" ? [h, w] : [w, h];
  const at =
    axis === "x" ? (o: number, i: number) => data[o * w + i]! : (o: number, i: number) => data[i * w + o]!;
  const open: { o0: number; o1: number; i0: number; i1: number }[] = [];
  const done: { o0: number; o1: number; i0: number; i1: number }[] = [];
  for (let o = 0; o < outer; o++) {
    const found: [number, number][] = [];
    for (let i = 0; i < inner; i++) {
      if (at(o, i) !== 0) continue;
      const s = i;
      while (i < inner && at(o, i) === 0) i++;
      found.push([s, i - 1]);
    }
    for (const [s, e] of found) {
      const prev = open.find((r) => r.o1 === o - 1 && s <= r.i1 && e >= r.i0);
      if (prev) {
        prev.o1 = o;
        prev.i0 = Math.min(prev.i0, s);
        prev.i1 = Math.max(prev.i1, e);
      } else open.push({ o0: o, o1: o, i0: s, i1: e });
    }
    for (let j = open.length - 1; j >= 0; j--) {
      if (open[j]!.o1 < o) done.push(...open.splice(j, 1));
    }
  }
  done.push(...open);
  const half = (k - 1) / 2;
  return done.map((r) => {
    const mid = ((r.o0 + r.o1) / 2 + 0.5) * scale;
    const from = Math.max(0, r.i0 - half) * scale;
    const to = Math.min(inner, r.i1 + 1 + half) * scale;
    return axis === "x" ? { x0: from, y0: mid, x1: to, y1: mid } : { x0: mid, y0: from, x1: mid, y1: to };
  });
}

/** Horizontal and vertical ruling lines of a page image, in its pixels. */
export async function findRulings(image: PageImage): Promise<Rulings> {
  const grey = toGrey(image);
  const scale = image.dpi >= 150 ? 2 : 1;
  const mask = await paperMask(grey, scale);
  const k = Math.max(9, Math.round(((MIN_RULE_MM / 25.4) * image.dpi) / scale));
  const [hData, vData] = await Promise.all([paperAlong(mask, k, "x"), paperAlong(mask, k, "y")]);
  return {
    horizontal: runs(hData, mask.w, mask.h, "x", k, scale),
    vertical: runs(vData, mask.w, mask.h, "y", k, scale),
    scale,
  };
}
