/**
 * Cheap geometry on a downscaled, binarised copy of a page: skew angle by projection profile,
 * sideways text by comparing row and column profiles, and the densest band of text lines.
 */
import type { PageImage } from "../domain/page.ts";
import { otsuThreshold } from "./pixels.ts";

/** Share of a row's width inked from which the row is a band across the whole sheet (a scanner edge or its shadow,
 * another sheet's frame), not text: text and filled headings keep to the page's margins. */
const SOLID_ROW = 0.9;

/** Ink pixel coordinates of a small grey image (subsampled so analysis stays ~O(100k)), rows of edge bands left
 * out: a band along the scanner's edge stays level while the sheet is skewed, and its dark mass outweighs the
 * text lines in a projection profile (a skewed page with a dark bottom edge was read as level, and its slanted
 * lines then fell out of the detector's boxes). */
function inkPoints(small: PageImage): { xs: Float64Array; ys: Float64Array } {
  const threshold = Math.min(otsuThreshold(small), 200);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < small.height; y++) {
    const row = y * small.width;
    let inked = 0;
    for (let x = 0; x < small.width; x++) if (small.data[row + x]! < threshold) inked++;
    if (inked > SOLID_ROW * small.width) continue;
    for (let x = 0; x < small.width; x++) {
      if (small.data[row + x]! < threshold) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  const step = Math.max(1, Math.ceil(xs.length / 150_000));
  const n = Math.floor(xs.length / step);
  const outX = new Float64Array(n);
  const outY = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    outX[i] = xs[i * step]!;
    outY[i] = ys[i * step]!;
  }
  return { xs: outX, ys: outY };
}

/** Sharpness of the horizontal projection at `deg`: sum of squared bin counts (peaks when lines align). */
function profileScore(xs: Float64Array, ys: Float64Array, deg: number, height: number): number {
  const rad = (deg * Math.PI) / 180;
  const sin = Math.sin(rad);
  const cos = Math.cos(rad);
  const offset = height; // rotated y can go negative
  const bins = new Float64Array(height * 3);
  for (let i = 0; i < xs.length; i++) {
    const y = Math.round(ys[i]! * cos - xs[i]! * sin) + offset;
    if (y >= 0 && y < bins.length) bins[y]!++;
  }
  let score = 0;
  for (const b of bins) score += b * b;
  return score;
}

/**
 * Clockwise degrees to turn the page so its text lines are level (sharp's `rotate` convention), found
 * by a coarse-to-fine projection-profile search within ±maxDeg. 0 when there is too little ink.
 */
export function estimateSkew(small: PageImage, maxDeg = 5): number {
  const { xs, ys } = inkPoints(small);
  if (xs.length < 500) return 0;
  let best = 0;
  let bestScore = -1;
  const search = (from: number, to: number, step: number): void => {
    for (let deg = from; deg <= to + 1e-9; deg += step) {
      const score = profileScore(xs, ys, deg, small.height);
      if (score > bestScore) {
        bestScore = score;
        best = deg;
      }
    }
  };
  search(-maxDeg, maxDeg, 0.5);
  search(best - 0.5, best + 0.5, 0.1);
  search(best - 0.1, best + 0.1, 0.02);
  // y' = y cos − x sin peaks at the angle of the lines; undoing it means turning the other way.
  return -Math.round(best * 100) / 100;
}

/** Coefficient of variation of a projection profile over its inked span. */
function profileContrast(profile: Float64Array): number {
  let first = 0;
  while (first < profile.length && profile[first] === 0) first++;
  let last = profile.length - 1;
  while (last > first && profile[last] === 0) last--;
  const span = profile.subarray(first, last + 1);
  if (span.length < 4) return 0;
  let mean = 0;
  for (const v of span) mean += v;
  mean /= span.length;
  if (mean === 0) return 0;
  let variance = 0;
  for (const v of span) variance += (v - mean) ** 2;
  return Math.sqrt(variance / span.length) / mean;
}

/**
 * Ratio of row-profile contrast to column-profile contrast. Horizontal text lines make rows
 * alternate ink/gap strongly; in a page turned 90° the columns do instead. > 1 means horizontal.
 */
export function horizontalTextRatio(small: PageImage): number {
  const threshold = Math.min(otsuThreshold(small), 200);
  const rows = new Float64Array(small.height);
  const cols = new Float64Array(small.width);
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++) {
      if (small.data[y * small.width + x]! < threshold) {
        rows[y]!++;
        cols[x]!++;
      }
    }
  }
  // Table rules and borders are long runs of ink, not text: flatten rows/columns that are mostly ink
  // (to their neighbour's value, so no fake gap appears) lest a grid of rules pass for text lines.
  for (let y = 0; y < rows.length; y++) if (rows[y]! > small.width * 0.35) rows[y] = y > 0 ? rows[y - 1]! : 0;
  for (let x = 0; x < cols.length; x++)
    if (cols[x]! > small.height * 0.35) cols[x] = x > 0 ? cols[x - 1]! : 0;
  const r = profileContrast(rows);
  const c = profileContrast(cols);
  if (c === 0) return r === 0 ? 1 : Number.POSITIVE_INFINITY;
  return r / c;
}

/**
 * Rows [top, bottom) (in `small`'s pixels) of the band of `fraction` of the page height holding the
 * most ink, skipping bands that are mostly solid (photos, black bars), widened to whole text lines — the
 * text an orientation probe should read.
 */
export function densestTextBand(small: PageImage, fraction: number): [number, number] {
  return textBands(small, fraction, 1)[0]!;
}

/** Up to `count` such bands, densest first, none overlapping another: a second and third probe for a page whose
 * densest band reads as nothing either way up (a table of tick boxes). */
export function textBands(small: PageImage, fraction: number, count: number): [number, number][] {
  const threshold = Math.min(otsuThreshold(small), 200);
  const rows = new Float64Array(small.height);
  for (let y = 0; y < small.height; y++) {
    let ink = 0;
    for (let x = 0; x < small.width; x++) if (small.data[y * small.width + x]! < threshold) ink++;
    // A row more than 40% ink is a rule, photo or border, not text.
    rows[y] = ink / small.width > 0.4 ? 0 : ink;
  }
  const peak = Math.max(...rows);
  const band = Math.max(1, Math.round(small.height * fraction));
  const out: [number, number][] = [];
  while (out.length < count) {
    const found = densestBand(rows, band, peak);
    // Past the first band, one with no ink left is no band (a blank page still gets its one probe).
    if (found.ink <= 0 && out.length > 0) break;
    out.push(found.rows);
    rows.fill(0, found.rows[0], found.rows[1]);
  }
  return out;
}

function densestBand(
  rows: Float64Array,
  band: number,
  peak: number,
): { rows: [number, number]; ink: number } {
  const height = rows.length;
  let sum = 0;
  for (let y = 0; y < Math.min(band, height); y++) sum += rows[y]!;
  let best = sum;
  let bestTop = 0;
  for (let top = 1; top + band <= height; top++) {
    sum += rows[top + band - 1]! - rows[top - 1]!;
    if (sum > best) {
      best = sum;
      bestTop = top;
    }
  }
  // Widen the band to the gaps between lines: a probe cutting a line in half reads garbage both ways up
  // (measured: every probe strip of the bench pages read as nonsense, so both ways were read).
  const gap = (y: number) => rows[y]! <= 0.05 * peak;
  const reach = band;
  let top = bestTop;
  while (top > 0 && bestTop - top < reach && !gap(top)) top--;
  let bottom = Math.min(height, bestTop + band);
  while (bottom < height && bottom - bestTop - band < reach && !gap(bottom - 1)) bottom++;
  return { rows: [top, bottom], ink: best };
}
