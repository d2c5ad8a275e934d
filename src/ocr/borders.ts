/**
 * Grey-level normalisation and removal of dark scanner-lid edges. Both work in place on a grey
 * buffer the caller owns, keeping the page size (so coordinates stay those of the scan).
 */
import type { PageImage } from "../domain/page.ts";
import { histogram } from "./pixels.ts";

/**
 * Stretches contrast so paper is white and ink black: faded or grey-paper scans threshold badly
 * inside Tesseract. Levels come from percentiles, so a few specks don't set them.
 */
export function stretchContrast(image: PageImage): void {
  const hist = histogram(image.data);
  const n = image.data.length;
  const percentile = (p: number): number => {
    let acc = 0;
    for (let i = 0; i < 256; i++) {
      acc += hist[i]!;
      if (acc >= n * p) return i;
    }
    return 255;
  };
  const ink = percentile(0.005);
  // Most of a report page is paper, so the 60th percentile is a paper pixel.
  const paper = percentile(0.6);
  if (paper - ink < 40) return; // blank or flat page: nothing sensible to stretch
  if (ink <= 10 && paper >= 245) return; // already clean
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) {
    lut[v] = Math.max(0, Math.min(255, Math.round(((v - ink) * 255) / (paper - ink))));
  }
  const data = image.data;
  for (let i = 0; i < data.length; i++) data[i] = lut[data[i]!]!;
}

/** Below this grey level a pixel counts as part of a dark border. */
const DARK = 110;

/**
 * Whitens dark regions touching the page edges (scanner lid, shadow of a skewed sheet). Per row (and
 * column) it measures the dark run from each edge, then takes the minimum over a window of
 * neighbouring rows: a thick wedge or band survives, a thin table rule that reaches the edge does not.
 * Runs are capped at 15% of the page so a dark photo or a black table header is never wiped.
 */
export function whitenDarkBorders(image: PageImage): number {
  const { width, height, data } = image;
  let whitened = 0;
  const window = Math.max(3, Math.round(image.dpi / 25)); // ~1 mm of rows
  const horizontal = (y: number, fromLeft: boolean, cap: number): number => {
    let run = 0;
    for (let i = 0; i < cap; i++) {
      const x = fromLeft ? i : width - 1 - i;
      if (data[y * width + x]! >= DARK) break;
      run++;
    }
    return run;
  };
  const vertical = (x: number, fromTop: boolean, cap: number): number => {
    let run = 0;
    for (let i = 0; i < cap; i++) {
      const y = fromTop ? i : height - 1 - i;
      if (data[y * width + x]! >= DARK) break;
      run++;
    }
    return run;
  };
  const erode = (runs: Uint32Array): Uint32Array => {
    const out = new Uint32Array(runs.length);
    for (let i = 0; i < runs.length; i++) {
      let m = Number.POSITIVE_INFINITY;
      for (let j = Math.max(0, i - window); j <= Math.min(runs.length - 1, i + window); j++) {
        m = Math.min(m, runs[j]!);
      }
      out[i] = m;
    }
    return out;
  };
  const capX = Math.round(width * 0.15);
  const capY = Math.round(height * 0.15);
  for (const fromLeft of [true, false]) {
    const runs = new Uint32Array(height);
    for (let y = 0; y < height; y++) runs[y] = horizontal(y, fromLeft, capX);
    const kept = erode(runs);
    for (let y = 0; y < height; y++) {
      // Grow the run to the full dark extent of this row so the wedge edge leaves no dark fringe.
      const run = kept[y]! > 1 ? runs[y]! + 2 : 0;
      for (let i = 0; i < Math.min(run, width); i++) {
        data[y * width + (fromLeft ? i : width - 1 - i)] = 255;
        whitened++;
      }
    }
  }
  for (const fromTop of [true, false]) {
    const runs = new Uint32Array(width);
    for (let x = 0; x < width; x++) runs[x] = vertical(x, fromTop, capY);
    const kept = erode(runs);
    for (let x = 0; x < width; x++) {
      const run = kept[x]! > 1 ? runs[x]! + 2 : 0;
      for (let i = 0; i < Math.min(run, height); i++) {
        data[(fromTop ? i : height - 1 - i) * width + x] = 255;
        whitened++;
      }
    }
  }
  return whitened;
}
