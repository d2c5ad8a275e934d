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
/** Shortest vertical rule that runs from one horizontal rule to the next (a one-row table's column rule, a row
 * carried to the next page): longer than a character of body text. */
const MIN_ROW_RULE_MM = 5;
/** Thickest ruling stroke, in millimetres: a scanned 1.5 pt border is about 0.6 mm; a filled band is several. */
const MAX_STROKE_MM = 1.5;
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

interface Blob {
  /** Across the axis (rows of a horizontal run), first and last. */
  o0: number;
  o1: number;
  /** Along the axis. */
  i0: number;
  i1: number;
}

/** Runs of full ink (0) along `axis`, merged across neighbouring rows (a thick rule) into one blob each. */
function blobs(data: Uint8Array, w: number, h: number, axis: "x" | "y"): Blob[] {
  const [outer, inner] = axis === "x" ? [h, w] : [w, h];
  // Pixel (o, i) is data[o * oStep + i * iStep]: rows for horizontal runs, columns for vertical ones.
  const [oStep, iStep] = axis === "x" ? [w, 1] : [1, w];
  const open: Blob[] = [];
  const done: Blob[] = [];
  for (let o = 0; o < outer; o++) {
    const found: [number, number][] = [];
    const base = o * oStep;
    for (let i = 0; i < inner; i++) {
      if (data[base + i * iStep] !== 0) continue;
      const s = i;
      while (i < inner && data[base + i * iStep] === 0) i++;
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
  return [...done, ...open];
}

/** A blob's extent along its axis in page pixels: the eroded runs are `k - 1` shorter than the stroke, so half a
 * kernel is given back at each end. */
function extent(b: Blob, k: number, scale: number, inner: number): [number, number] {
  const half = (k - 1) / 2;
  return [Math.max(0, b.i0 - half) * scale, Math.min(inner, b.i1 + 1 + half) * scale];
}

function ruleAt(axis: "x" | "y", at: number, [from, to]: [number, number]): Rule {
  return axis === "x" ? { x0: from, y0: at, x1: to, y1: at } : { x0: at, y0: from, x1: at, y1: to };
}

/** Each blob as one rule along its centre line. */
function rulesOf(bs: readonly Blob[], axis: "x" | "y", k: number, scale: number, inner: number): Rule[] {
  return bs.map((b) => ruleAt(axis, ((b.o0 + b.o1) / 2 + 0.5) * scale, extent(b, k, scale, inner)));
}

/** The mask with the filled bands turned to paper, so the ink between the white letters of their text is never
 * taken for vertical rules, nor does it merge with the table's real vertical rules below the band. */
function withoutBands(mask: Mask, bands: readonly Blob[], k: number): Mask {
  if (bands.length === 0) return mask;
  const data = Uint8Array.from(mask.data);
  const half = Math.ceil((k - 1) / 2);
  for (const b of bands) {
    for (let y = b.o0; y <= b.o1; y++) {
      data.fill(255, y * mask.w + Math.max(0, b.i0 - half), y * mask.w + Math.min(mask.w, b.i1 + 1 + half));
    }
  }
  return { data, w: mask.w, h: mask.h };
}

/** Horizontal and vertical ruling lines of a page image, in its pixels. A horizontal run thicker than any stroke
 * is a filled band (a table's header row printed white on dark, a section band): its top and bottom edges are
 * rules, and it is cleared before vertical rules are looked for. */
export async function findRulings(image: PageImage): Promise<Rulings> {
  const grey = toGrey(image);
  const scale = image.dpi >= 150 ? 2 : 1;
  const mask = await paperMask(grey, scale);
  const k = Math.max(9, Math.round(((MIN_RULE_MM / 25.4) * image.dpi) / scale));
  const maxStroke = (MAX_STROKE_MM / 25.4) * image.dpi;
  const hBlobs = blobs(await paperAlong(mask, k, "x"), mask.w, mask.h, "x");
  const thick = (b: Blob) => (b.o1 - b.o0 + 1) * scale > maxStroke;
  const within = (r: Blob, b: Blob) =>
    r !== b && r.o0 >= b.o0 && r.o1 <= b.o1 && r.i0 >= b.i0 && r.i1 <= b.i1;
  // Pieces of a band's ink between the white letters of its text lie within it: they are no band of their own.
  const bands = hBlobs.filter((b) => thick(b) && !hBlobs.some((o) => thick(o) && within(b, o)));
  const vMask = withoutBands(mask, bands, k);
  const kRow = Math.max(5, Math.round(((MIN_ROW_RULE_MM / 25.4) * image.dpi) / scale));
  const vBlobs = blobs(await paperAlong(vMask, kRow, "y"), mask.w, mask.h, "y");
  const edges = bands.flatMap((b) => {
    const along = extent(b, k, scale, mask.w);
    return [ruleAt("x", b.o0 * scale, along), ruleAt("x", (b.o1 + 1) * scale, along)];
  });
  // Thin runs inside a band are bits of its ink between white letters, no rules.
  const thin = hBlobs.filter((r) => !thick(r) && !bands.some((b) => within(r, b)));
  // A band right on top of a table is its header row: the columns' rules that stop at its lower edge go on up
  // through it (they are printed there too, unseen ink on ink).
  const tol = 2 * scale;
  const horizontal = [...rulesOf(thin, "x", k, scale, mask.w), ...edges];
  const minRule = (MIN_RULE_MM / 25.4) * image.dpi;
  const reach = (MAX_STROKE_MM / 25.4) * image.dpi;
  const ruleAtY = (x: number, y: number) =>
    horizontal.some((h) => Math.abs(h.y0 - y) <= reach && h.x0 - reach <= x && h.x1 + reach >= x);
  // A vertical rule shorter than MIN_RULE_MM counts only from one horizontal rule to another: a cell's side.
  const vRules = rulesOf(vBlobs, "y", kRow, scale, mask.h).filter(
    (v) => v.y1 - v.y0 >= minRule || (ruleAtY(v.x0, v.y0) && ruleAtY(v.x0, v.y1)),
  );
  const vertical = vRules.map((v) => {
    const band = bands.find((b) => {
      const [from, to] = extent(b, k, scale, mask.w);
      return Math.abs(v.y0 - (b.o1 + 1) * scale) <= tol && v.x0 >= from - tol && v.x0 <= to + tol;
    });
    return band ? { ...v, y0: band.o0 * scale } : v;
  });
  return {
    horizontal,
    vertical,
    scale,
  };
}
