import type { PageImage } from "../../domain/page.ts";

/** A binarised window of the page: ink[y * w + x] is 1 for dark. Page coords = (x0 + x, y0 + y). */
export interface Crop {
  x0: number;
  y0: number;
  w: number;
  h: number;
  ink: Uint8Array;
  /** 1 for pixels clearly darker than paper though lighter than the ink threshold (a pencil or light ballpoint
   * stroke after scanning), ink included; only for reading what is inside a found frame. */
  faint: Uint8Array;
}

/**
 * Cuts [x0,y0)-[x1,y1) out of the page (clipped) and binarises it with a threshold between paper and the
 * darkest ink of the window. A window with too little contrast is all paper (noise alone never becomes ink).
 */
export function binarise(img: PageImage, x0: number, y0: number, x1: number, y1: number): Crop {
  const ax = Math.max(0, Math.floor(x0));
  const ay = Math.max(0, Math.floor(y0));
  const bx = Math.min(img.width, Math.ceil(x1));
  const by = Math.min(img.height, Math.ceil(y1));
  const w = Math.max(0, bx - ax);
  const h = Math.max(0, by - ay);
  const ink = new Uint8Array(w * h);
  const faint = new Uint8Array(w * h);
  if (w === 0 || h === 0) return { x0: ax, y0: ay, w, h, ink, faint };
  const grey = new Uint8Array(w * h);
  const hist = new Uint32Array(256);
  // Brightness used for ink: the red channel for colour scans (channel 0), so red seal ink, bright in red,
  // vanishes while black print and blue pen stay dark; plain grey otherwise.
  const ch = img.channels;
  const data = img.data;
  for (let y = 0; y < h; y++) {
    const row = ((ay + y) * img.width + ax) * ch;
    for (let x = 0; x < w; x++) {
      const v = data[row + x * ch]!;
      grey[y * w + x] = v;
      hist[v]!++;
    }
  }
  const n = w * h;
  const dark = percentile(hist, n, 0.02);
  const paper = percentile(hist, n, 0.9);
  if (paper - dark < 60) return { x0: ax, y0: ay, w, h, ink, faint };
  // Midway between ink and paper, but never closer than 40 levels to paper (grain, JPEG halos, noise).
  const thr = Math.min(dark + 0.55 * (paper - dark), paper - 40);
  // A faint stroke: a quarter of the way from paper to ink, and still 30 levels under paper.
  const faintThr = Math.min(paper - 0.25 * (paper - dark), paper - 30);
  for (let i = 0; i < n; i++) {
    ink[i] = grey[i]! < thr ? 1 : 0;
    faint[i] = grey[i]! < faintThr ? 1 : 0;
  }
  return { x0: ax, y0: ay, w, h, ink, faint };
}

function percentile(hist: Uint32Array, n: number, q: number): number {
  const target = n * q;
  let acc = 0;
  for (let v = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc >= target) return v;
  }
  return 255;
}

/** Dark pixels with at least two dark 8-neighbours: strokes survive, salt noise does not. */
export function strokeInk(c: Crop, x0: number, y0: number, x1: number, y1: number): number {
  let count = 0;
  const ax = Math.max(1, x0);
  const ay = Math.max(1, y0);
  const bx = Math.min(c.w - 1, x1);
  const by = Math.min(c.h - 1, y1);
  for (let y = ay; y < by; y++) {
    for (let x = ax; x < bx; x++) {
      const i = y * c.w + x;
      if (!c.ink[i]) continue;
      const nb =
        c.ink[i - 1]! +
        c.ink[i + 1]! +
        c.ink[i - c.w]! +
        c.ink[i + c.w]! +
        c.ink[i - c.w - 1]! +
        c.ink[i - c.w + 1]! +
        c.ink[i + c.w - 1]! +
        c.ink[i + c.w + 1]!;
      if (nb >= 2) count++;
    }
  }
  return count;
}

export function at(c: Crop, x: number, y: number): number {
  return x < 0 || y < 0 || x >= c.w || y >= c.h ? 0 : c.ink[y * c.w + x]!;
}
