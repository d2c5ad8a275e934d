import { at, type Crop, strokeInk } from "./pixels.ts";

/** A square frame found in a crop, crop coordinates, inclusive. */
export interface Frame {
  l: number;
  t: number;
  r: number;
  b: number;
  /** 0..1: how completely the four sides are drawn. */
  score: number;
}

interface Run {
  len: number;
  a: number;
  b: number;
}

/** Longest dark run down column x of a 3-pixel-wide band, so a 2° skew cannot break a side; gaps up to `bridge`
 * rows are bridged (one or two pixels of JPEG and noise; a worn side's missing stretch in the broken-frame pass). */
function longestRun(c: Crop, x: number, bridge: number): Run {
  let best: Run = { len: 0, a: 0, b: -1 };
  let start = -1;
  let lastDark = -10;
  const { ink, w } = c;
  const l = Math.max(0, x - 1);
  const r = Math.min(w - 1, x + 1);
  for (let y = 0; y < c.h; y++) {
    const row = y * w;
    let dark = 0;
    for (let k = l; k <= r; k++) dark |= ink[row + k]!;
    if (!dark) continue;
    // Bridge one-pixel gaps (JPEG, noise, thin 150 DPI lines).
    if (y - lastDark > bridge) start = y;
    lastDark = y;
    if (y - start + 1 > best.len) best = { len: y - start + 1, a: start, b: y };
  }
  return best;
}

/** Fraction of positions along a side with ink within ±2 px of where the side should be. */
function sideCoverage(c: Crop, fixed: number, from: number, to: number, vertical: boolean): number {
  let hit = 0;
  let n = 0;
  for (let k = from; k <= to; k++) {
    n++;
    for (let d = -2; d <= 2; d++) {
      if (vertical ? at(c, fixed + d, k) : at(c, k, fixed + d)) {
        hit++;
        break;
      }
    }
  }
  return n === 0 ? 0 : hit / n;
}

/** How findFrame reads sides: the strict pass wants each side drawn along 0.8 of it with gaps of a pixel or two; the
 * worn pass (a printed frame the scan broke: toner dropout, a fold) bridges gaps up to a third of a side and wants
 * 0.6 of each side, with every corner drawn, as a frame's corners are and a bracket beside a character's are not. */
export interface FrameMode {
  bridge: number;
  minCover: number;
  corners: boolean;
}
export const STRICT: FrameMode = { bridge: 2, minCover: 0.8, corners: false };
export function wornMode(minS: number): FrameMode {
  return { bridge: Math.max(3, Math.round(0.35 * minS)), minCover: 0.6, corners: true };
}

/** Whether ink closes the corner at (x, y): both arms drawn along their first `arm` pixels from it. */
function cornerDrawn(c: Crop, x: number, y: number, dx: 1 | -1, dy: 1 | -1, arm: number): boolean {
  const along = (horizontal: boolean) => {
    let hit = 0;
    for (let k = 0; k <= arm; k++) {
      let any = 0;
      for (let d = -2; d <= 2 && !any; d++)
        any = horizontal ? at(c, x + dx * k, y + d) : at(c, x + d, y + dy * k);
      hit += any;
    }
    return hit >= 0.8 * (arm + 1);
  };
  return along(true) && along(false);
}

/** Paper just outside every side (3–4 px off it) along most of the side: a frame stands apart from the text, while
 * a "frame" pieced together from strokes of letters (E's arms, a bracket beside a character) has ink beyond a side. */
function clearOutside(c: Crop, l: number, t: number, r: number, b: number): boolean {
  const share = (fixed: number, from: number, to: number, vertical: boolean) => {
    let hit = 0;
    for (let k = from; k <= to; k++) {
      let any = 0;
      for (const d of [0, 1]) any |= vertical ? at(c, fixed + d, k) : at(c, k, fixed + d);
      hit += any;
    }
    return hit / Math.max(1, to - from + 1);
  };
  return (
    share(l - 4, t, b, true) < 0.3 &&
    share(r + 3, t, b, true) < 0.3 &&
    share(t - 4, l, r, false) < 0.3 &&
    share(b + 3, l, r, false) < 0.3
  );
}

/** A straight horizontal or vertical stroke across most of the interior: the bars of a character (推 日 目), which
 * a worn pass would otherwise frame; a tick, a cross or a dot is diagonal or short. */
export function straightAcross(c: Crop, l: number, t: number, r: number, b: number): boolean {
  const [x0, x1, y0, y1] = [l + 3, r - 3, t + 3, b - 3];
  if (x1 - x0 < 3 || y1 - y0 < 3) return false;
  const longest = (horizontal: boolean) => {
    let best = 0;
    for (let o = horizontal ? y0 : x0; o <= (horizontal ? y1 : x1); o++) {
      let run = 0;
      for (let i = horizontal ? x0 : y0; i <= (horizontal ? x1 : y1); i++) {
        run = (horizontal ? at(c, i, o) : at(c, o, i)) ? run + 1 : 0;
        best = Math.max(best, run);
      }
    }
    return best;
  };
  return longest(true) > 0.75 * (x1 - x0 + 1) || longest(false) > 0.75 * (y1 - y0 + 1);
}

/**
 * Finds the largest square-ish frame of side minS..maxS: pairs of long vertical runs whose ends line up,
 * checked for top and bottom sides. A character like 口 is smaller than minS, so it does not qualify.
 */
export function findFrame(
  c: Crop,
  minS: number,
  maxS: number,
  limit: { maxLeft: number; minRight: number } = { maxLeft: Infinity, minRight: -Infinity },
  mode: FrameMode = STRICT,
): Frame | null {
  const cols: { x: number; run: Run }[] = [];
  for (let x = 0; x < c.w; x++) {
    const run = longestRun(c, x, mode.bridge);
    if (run.len >= minS * 0.8) cols.push({ x, run });
  }
  // Rank by side completeness minus squareness error, then by area: a printed box is square, while a box
  // side paired with the stroke of a touching character makes an oblong; among equals (a filled ■ and the
  // squares nested in it) the outermost wins.
  let best: Frame | null = null;
  let bestQ = -Infinity;
  let bestArea = 0;
  for (let i = 0; i < cols.length; i++) {
    for (let j = cols.length - 1; j > i; j--) {
      const L = cols[i]!;
      const R = cols[j]!;
      const w = R.x - L.x + 1;
      if (w < minS || w > maxS || L.x >= limit.maxLeft || R.x <= limit.minRight) continue;
      if (Math.min(L.run.b, R.run.b) - Math.max(L.run.a, R.run.a) < 0.8 * w) continue;
      // Top and bottom come from either side's run: a √ crossing one side, or a character touching it,
      // lengthens that run, so try both ends and let the four side coverages decide.
      for (const t of new Set([L.run.a, R.run.a])) {
        for (const b of new Set([L.run.b, R.run.b])) {
          const hh = b - t + 1;
          if (hh < 0.8 * w || hh > 1.25 * w) continue;
          const sides = [
            sideCoverage(c, t, L.x + 1, R.x - 1, false),
            sideCoverage(c, b, L.x + 1, R.x - 1, false),
            sideCoverage(c, L.x, t, b, true),
            sideCoverage(c, R.x, t, b, true),
          ];
          const score = Math.min(...sides);
          if (score < mode.minCover) continue;
          if (mode.corners) {
            // Worn sides still add up to most of the outline, and each corner stands.
            if (sides.reduce((a, v) => a + v, 0) < 4 * 0.72) continue;
            const arm = Math.max(2, Math.round(0.15 * w));
            const ok =
              cornerDrawn(c, L.x, t, 1, 1, arm) &&
              cornerDrawn(c, R.x, t, -1, 1, arm) &&
              cornerDrawn(c, L.x, b, 1, -1, arm) &&
              cornerDrawn(c, R.x, b, -1, -1, arm);
            if (!ok || !clearOutside(c, L.x, t, R.x, b) || straightAcross(c, L.x, t, R.x, b)) continue;
          }
          const q = score - 2 * Math.abs(Math.log(hh / w));
          if (q < bestQ - 0.02 || (q <= bestQ + 0.02 && w * hh <= bestArea)) continue;
          best = { l: L.x, t, r: R.x, b, score };
          bestQ = Math.max(q, bestQ);
          bestArea = w * hh;
        }
      }
    }
  }
  return best;
}

/** Ink of a side's stroke: consecutive dark pixels inward from the side, sampled on three lines. */
function thickness(c: Crop, f: Frame, side: "l" | "r" | "t" | "b"): number {
  const size = Math.min(f.r - f.l, f.b - f.t);
  const cap = Math.max(1, Math.floor(size / 3));
  let best = cap;
  for (const q of [0.3, 0.5, 0.7]) {
    // The band search may place a side a pixel or two outside the stroke: skip that, then count the stroke.
    let n = 0;
    let inStroke = false;
    for (let k = 0; k < cap; k++) {
      const dark =
        side === "l"
          ? at(c, f.l + k, Math.round(f.t + q * (f.b - f.t)))
          : side === "r"
            ? at(c, f.r - k, Math.round(f.t + q * (f.b - f.t)))
            : side === "t"
              ? at(c, Math.round(f.l + q * (f.r - f.l)), f.t + k)
              : at(c, Math.round(f.l + q * (f.r - f.l)), f.b - k);
      if (!dark && (inStroke || k >= 3)) break;
      if (dark) inStroke = true;
      n++;
    }
    best = Math.min(best, n);
  }
  return best;
}

export interface BoxInk {
  /** Dark share of the whole box, frame included: a filled ■ is near 1. */
  fill: number;
  /** Stroke ink share inside the frame interior (frame excluded). */
  inner: number;
  /** Stroke ink share just above the top-right of the box, where a √ crossing the frame ends. */
  outside: number;
  /** How far the largest run of interior ink reaches, as a share of the interior's side: a speck stays small, a stroke
   * drawn across the box (even a faint one the threshold breaks up) spans most of it. */
  span: number;
  /** The same for ink and faint strokes together (Crop.faint), counting only a group that spans the interior both ways
   * and crosses its middle third, as a tick does (a JPEG halo along a side spans one way, at the edge). */
  faintSpan: number;
}

export function measureBox(c: Crop, f: Frame): BoxInk {
  const w = f.r - f.l + 1;
  const h = f.b - f.t + 1;
  let dark = 0;
  for (let y = f.t; y <= f.b; y++) for (let x = f.l; x <= f.r; x++) dark += at(c, x, y);
  const pad = 1 + Math.round(0.04 * w);
  const ix0 = f.l + thickness(c, f, "l") + pad;
  const ix1 = f.r - thickness(c, f, "r") - pad;
  const iy0 = f.t + thickness(c, f, "t") + pad;
  const iy1 = f.b - thickness(c, f, "b") - pad;
  const area = Math.max(1, (ix1 - ix0 + 1) * (iy1 - iy0 + 1));
  const inner = ix1 > ix0 && iy1 > iy0 ? strokeInk(c, ix0, iy0, ix1 + 1, iy1 + 1) / area : 0;
  const open = ix1 > ix0 && iy1 > iy0;
  const span = open ? inkSpan(c, c.ink, ix0, iy0, ix1, iy1, false) : 0;
  // Faint pixels join only when touching: grain and scan noise pass a faint threshold too, scattered, and pixels
  // 2 px apart would chain them across the box.
  const faintSpan = open ? inkSpan(c, c.faint, ix0, iy0, ix1, iy1, true) : 0;
  const ox0 = f.l + Math.round(0.4 * w);
  const oy0 = f.t - Math.round(0.5 * h);
  const oy1 = f.t - 3;
  const outside = outsideInk(c, ox0, Math.max(0, oy0), f.r + 1, oy1);
  return { fill: dark / (w * h), inner, outside, span, faintSpan };
}

/** Reach of the largest group of interior ink pixels (ink pixels within 2 px of each other are one group, so a stroke
 * the threshold broke into dots stays one; faint pixels must touch), as max(width, height) over the interior's shorter
 * side; with `acrossMiddle`, min(width, height) of a group that crosses the interior's middle third. */
function inkSpan(
  c: Crop,
  layer: Uint8Array,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  acrossMiddle: boolean,
): number {
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  const dark = (x: number, y: number) => {
    const px = x0 + x;
    const py = y0 + y;
    return px >= 0 && py >= 0 && px < c.w && py < c.h && layer[py * c.w + px] === 1;
  };
  const side = Math.max(1, Math.min(w, h));
  const join = acrossMiddle ? 1 : 2;
  const seen = new Uint8Array(w * h);
  let best = 0;
  const stack: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (seen[y * w + x] || !dark(x, y)) continue;
      let [ax, ay, bx, by, n, mid] = [x, y, x, y, 0, false];
      seen[y * w + x] = 1;
      stack.push(x, y);
      while (stack.length > 0) {
        const py = stack.pop()!;
        const px = stack.pop()!;
        n++;
        if (px >= w / 3 && px < (2 * w) / 3 && py >= h / 3 && py < (2 * h) / 3) mid = true;
        ax = Math.min(ax, px);
        bx = Math.max(bx, px);
        ay = Math.min(ay, py);
        by = Math.max(by, py);
        for (let dy = -join; dy <= join; dy++) {
          for (let dx = -join; dx <= join; dx++) {
            const qx = px + dx;
            const qy = py + dy;
            if (qx < 0 || qy < 0 || qx >= w || qy >= h || seen[qy * w + qx] || !dark(qx, qy)) continue;
            seen[qy * w + qx] = 1;
            stack.push(qx, qy);
          }
        }
      }
      // Two or three pixels are grain, not a group.
      if (n < 3) continue;
      const reach = (acrossMiddle ? Math.min : Math.max)(bx - ax + 1, by - ay + 1);
      if (!acrossMiddle || mid) best = Math.max(best, reach);
    }
  }
  return best / side;
}

/** Stroke ink above the box. A √ arm is diagonal, a few pixels per row; a row darker than that is a table
 * rule (often skewed, so only partly inside the region) or text, and is skipped. */
function outsideInk(c: Crop, x0: number, y0: number, x1: number, y1: number): number {
  if (y1 <= y0 || x1 <= x0) return 0;
  const w = x1 - x0;
  let ink = 0;
  let rows = 0;
  for (let y = y0; y < y1; y++) {
    const n = strokeInk(c, x0, y, x1, y + 1);
    rows++;
    if (n <= Math.max(3, 0.3 * w)) ink += n;
  }
  return ink / Math.max(1, rows * w);
}
