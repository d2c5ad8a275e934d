/**
 * Light text on dark bands (section headings printed white on a dark bar, filled table header rows): the engine
 * runs with `tessedit_do_invert=0` and reads such text poorly or not at all. Each dark filled rectangle of the
 * prepared page is inverted in place, so its text reads dark on light; a thin rim is left dark so the band's edge
 * still reads as a ruling for the layout stage.
 */
import sharp from "sharp";
import type { Bbox } from "../domain/geometry.ts";
import type { PageImage } from "../domain/page.ts";

/** Analysis cells per inch: a band of 10.5 pt type (about 0.3 in tall) is 7-8 cells high. */
const CELLS_PER_INCH = 25;
/** A cell whose mean grey is below this is dark; white text on a band leaves its cells near 100. */
const DARK_CELL = 150;
/** A pixel darker than this is band, when finding a band's exact edges. */
const DARK_PIXEL = 128;
/** Smallest band: an inch wide and 0.12 in tall (a one-line header cell); smaller dark marks are ink. */
const MIN_WIDTH_IN = 1;
const MIN_HEIGHT_IN = 0.12;
/** Share of the region's box that is dark cells: a band is solid, dense bold type on paper is not. */
const MIN_FILL = 0.8;

interface CellRegion {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  cells: number;
}

/** Connected regions of dark cells (4-connected) with their bounding boxes. */
function darkRegions(dark: Uint8Array, width: number, height: number): CellRegion[] {
  const seen = new Uint8Array(dark.length);
  const regions: CellRegion[] = [];
  const stack: number[] = [];
  for (let start = 0; start < dark.length; start++) {
    if (!dark[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    const r: CellRegion = { x0: width, y0: height, x1: 0, y1: 0, cells: 0 };
    while (stack.length > 0) {
      const i = stack.pop() ?? 0;
      const x = i % width;
      const y = (i / width) | 0;
      r.cells++;
      r.x0 = Math.min(r.x0, x);
      r.x1 = Math.max(r.x1, x);
      r.y0 = Math.min(r.y0, y);
      r.y1 = Math.max(r.y1, y);
      for (const j of [i - 1, i + 1, i - width, i + width]) {
        if (j < 0 || j >= dark.length || seen[j] || !dark[j]) continue;
        if ((j === i - 1 || j === i + 1) && ((j / width) | 0) !== y) continue;
        seen[j] = 1;
        stack.push(j);
      }
    }
    regions.push(r);
  }
  return regions;
}

/** Share of dark pixels along one row or column segment of the page. */
function darkShare(image: PageImage, fixed: number, from: number, to: number, horizontal: boolean): number {
  let dark = 0;
  for (let v = from; v < to; v++) {
    const i = horizontal ? fixed * image.width + v : v * image.width + fixed;
    if ((image.data[i] ?? 255) < DARK_PIXEL) dark++;
  }
  return dark / Math.max(1, to - from);
}

/**
 * The band's exact edges in page pixels: from one cell outside the cell box inwards, the first row (column) that
 * is mostly dark. Cells straddle the edge, so the cell box alone would take in paper or leave band.
 */
function refine(image: PageImage, r: CellRegion, cell: number): Bbox {
  const clampX = (v: number) => Math.max(0, Math.min(image.width - 1, v));
  const clampY = (v: number) => Math.max(0, Math.min(image.height - 1, v));
  const [ox0, ox1] = [clampX(r.x0 * cell), clampX((r.x1 + 1) * cell - 1)];
  const [oy0, oy1] = [clampY(r.y0 * cell), clampY((r.y1 + 1) * cell - 1)];
  const solid = 0.6;
  let top = clampY(oy0 - cell);
  while (top < oy1 && darkShare(image, top, ox0, ox1, true) < solid) top++;
  let bottom = clampY(oy1 + cell);
  while (bottom > top && darkShare(image, bottom, ox0, ox1, true) < solid) bottom--;
  let left = clampX(ox0 - cell);
  while (left < ox1 && darkShare(image, left, top, bottom, false) < solid) left++;
  let right = clampX(ox1 + cell);
  while (right > left && darkShare(image, right, top, bottom, false) < solid) right--;
  return [left, top, right + 1, bottom + 1];
}

/** Dark filled rectangles of a grey page, in its pixels. */
export async function findDarkBands(image: PageImage): Promise<Bbox[]> {
  const cell = Math.max(1, Math.round(image.dpi / CELLS_PER_INCH));
  const width = Math.max(1, Math.round(image.width / cell));
  const height = Math.max(1, Math.round(image.height / cell));
  // Area-averaging downscale: each cell's mean grey.
  const mean = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .resize(width, height, { fit: "fill", kernel: "linear" })
    .toColourspace("b-w")
    .raw()
    .toBuffer();
  const dark = new Uint8Array(width * height);
  for (let i = 0; i < dark.length; i++) dark[i] = (mean[i] ?? 255) < DARK_CELL ? 1 : 0;
  const minW = (MIN_WIDTH_IN * image.dpi) / cell;
  const minH = (MIN_HEIGHT_IN * image.dpi) / cell;
  return darkRegions(dark, width, height)
    .filter((r) => {
      const w = r.x1 - r.x0 + 1;
      const h = r.y1 - r.y0 + 1;
      return w >= minW && h >= minH && r.cells >= MIN_FILL * w * h;
    })
    .map((r) => refine(image, r, cell))
    .filter(
      (b) => b[2] - b[0] >= MIN_WIDTH_IN * image.dpi * 0.8 && b[3] - b[1] >= MIN_HEIGHT_IN * image.dpi * 0.8,
    );
}

/**
 * The page with every dark band inverted (and stretched: the band's paper-dark becomes white, its light text
 * black); a new image, the input is left as it was. Returns the bands too (empty: the input image itself).
 */
export async function invertDarkBands(image: PageImage): Promise<{ image: PageImage; bands: Bbox[] }> {
  if (image.channels !== 1) return { image, bands: [] };
  const bands = await findDarkBands(image);
  if (bands.length === 0) return { image, bands };
  const raw = { width: image.width, height: image.height, channels: 1 as const };
  const rim = Math.max(1, Math.round(image.dpi / 100));
  const patches = await Promise.all(
    bands
      .map((b) => ({
        left: b[0] + rim,
        top: b[1] + rim,
        width: b[2] - b[0] - 2 * rim,
        height: b[3] - b[1] - 2 * rim,
      }))
      .filter((r) => r.width > 0 && r.height > 0)
      .map(async (r) => ({
        input: await sharp(image.data, { raw })
          .extract(r)
          .negate()
          .normalise()
          .toColourspace("b-w")
          .raw()
          .toBuffer(),
        raw: { width: r.width, height: r.height, channels: 1 as const },
        left: r.left,
        top: r.top,
      })),
  );
  const data = await sharp(image.data, { raw }).composite(patches).toColourspace("b-w").raw().toBuffer();
  return { image: { ...image, data: new Uint8Array(data.buffer, data.byteOffset, data.length) }, bands };
}
