/**
 * Bracket boxes read from pixels: （ ） ( ) [ ] printed around a tick, the way several bodies print their options
 * (符合（√）, [√]符合, （V）合格). A pair is two tall thin strokes about a box apart with nothing tall between them;
 * its state is the ink inside it (a printed √ ✓ × or a pen tick), never the glyph OCR read there.
 */
import type { Bbox } from "../../domain/geometry.ts";
import type { PageImage } from "../../domain/page.ts";
import { binarise, type Crop, strokeInk } from "./pixels.ts";

export interface Pair {
  /** Outer box of the two strokes, page coordinates. */
  bbox: Bbox;
  /** Stroke-ink share of the interior between the strokes (the strokes themselves excluded). */
  inner: number;
  /** The same share for faint strokes (Crop.faint, ink included): a pencil or light ballpoint √. */
  faint: number;
  /** Stroke-ink share of a quarter text height just outside the left / right stroke. */
  before: number;
  after: number;
}

export interface PairReading {
  bbox: Bbox;
  state: "checked" | "unchecked" | "unclear";
  confidence: number;
}

/** Interior ink thresholds (share of the interior): an empty pair holds scan grain only, a printed √ or × a
 * stroke across it. Measured on the styled test pages (test/checkbox/styled.test.ts). */
const EMPTY_MAX = 0.06;
const TICK_MIN = 0.2;
/** Share of the interior holding faint strokes only (faint minus ink): empty pairs on the fresh seed 9600 pages
 * measured up to 0.078, pencil ticks from 0.11. */
const FAINT_ONLY_MIN = 0.1;
/** Ink share allowed just outside a pair's far side (the side away from its label). */
const CLOSED_MAX = 0.04;

interface Stroke {
  x0: number;
  x1: number;
  t: number;
  b: number;
}

/** Longest vertical dark run in the column band [x-bw, x+bw], bridging gaps of up to two pixels. */
function run(c: Crop, x: number, bw: number): { len: number; a: number; b: number } {
  let best = { len: 0, a: 0, b: -1 };
  let start = -1;
  let last = -10;
  const l = Math.max(0, x - bw);
  const r = Math.min(c.w - 1, x + bw);
  for (let y = 0; y < c.h; y++) {
    let dark = 0;
    for (let k = l; k <= r && !dark; k++) dark = c.ink[y * c.w + k]!;
    if (!dark) continue;
    if (y - last > 3) start = y;
    last = y;
    if (y - start + 1 > best.len) best = { len: y - start + 1, a: start, b: y };
  }
  return best;
}

/** Tall thin strokes of the crop: a bracket side or a paren's arc, or a character's vertical. */
function strokes(c: Crop, h: number): Stroke[] {
  const bw = Math.max(1, Math.round(0.07 * h));
  const out: Stroke[] = [];
  let cur: Stroke | null = null;
  for (let x = 0; x < c.w; x++) {
    const r = run(c, x, bw);
    // A table rule crosses the whole window: no bracket.
    const tall = r.len >= 0.6 * h && r.len <= 1.55 * h && !(r.a <= 1 && r.b >= c.h - 2);
    if (tall && cur && x - cur.x1 <= 1) {
      cur.x1 = x;
      cur.t = Math.min(cur.t, r.a);
      cur.b = Math.max(cur.b, r.b);
    } else if (tall) {
      cur = { x0: x, x1: x, t: r.a, b: r.b };
      out.push(cur);
    }
  }
  // The band widens each stroke by bw on either side.
  return out
    .map((s) => ({ ...s, x0: s.x0 + bw, x1: s.x1 - bw }))
    .filter((s) => s.x1 >= s.x0 - 1 && s.x1 - s.x0 <= 0.6 * h);
}

/** Bracket pairs of box size in the page window [xa, xb) around the text row centred at cy (text height h). */
export function findPairs(img: PageImage, xa: number, xb: number, cy: number, h: number): Pair[] {
  const c = binarise(img, xa, cy - 0.8 * h, xb, cy + 0.8 * h);
  if (c.w === 0 || c.h === 0) return [];
  const ss = strokes(c, h);
  const out: Pair[] = [];
  for (let i = 0; i < ss.length; i++) {
    for (let j = i + 1; j < ss.length; j++) {
      const L = ss[i]!;
      const R = ss[j]!;
      const span = R.x1 - L.x0;
      const gap = R.x0 - L.x1;
      if (span < 0.8 * h || span > 1.75 * h || gap < 0.4 * h) continue;
      const hl = L.b - L.t;
      const hr = R.b - R.t;
      const overlap = Math.min(L.b, R.b) - Math.max(L.t, R.t);
      if (overlap < 0.5 * h || Math.min(hl, hr) < 0.6 * Math.max(hl, hr)) continue;
      // A bar across the gap joins the two strokes into a character (口 日 目 四): brackets have none.
      if (barAcross(c, L.x1 + 1, R.x0 - 1, Math.min(L.t, R.t) - 2, Math.max(L.b, R.b) + 2)) continue;
      // The interior's middle: a paren's arcs curve in towards it and a printed √ runs into both sides, so only the
      // central part of the span is measured (a √, ✓ or × always crosses it).
      const ix0 = Math.round(L.x0 + 0.3 * span);
      const ix1 = Math.round(L.x0 + 0.7 * span);
      const top = Math.max(L.t, R.t);
      const tall = Math.min(L.b, R.b) - top;
      const iy0 = Math.round(top + 0.15 * tall);
      const iy1 = Math.round(top + 0.85 * tall);
      const area = Math.max(1, (ix1 - ix0) * (iy1 - iy0));
      const inner = ix1 > ix0 && iy1 > iy0 ? strokeInk(c, ix0, iy0, ix1, iy1) / area : 0;
      const faint = ix1 > ix0 && iy1 > iy0 ? strokeInk({ ...c, ink: c.faint }, ix0, iy0, ix1, iy1) / area : 0;
      // A bracket closes its pair off: paper just outside both sides. A letter of a word in brackets ("(QMS)") has
      // the next letter right beside it.
      const o = Math.max(2, Math.round(0.25 * h));
      const outside = (x0: number, x1: number) =>
        strokeInk(c, x0, top, x1, top + tall) / Math.max(1, (x1 - x0) * tall);
      // (A stroke's outermost pixels lie past the tall columns found: a paren bulges, a side has its width.)
      const off = Math.max(3, Math.round(0.15 * h));
      const before = outside(Math.max(0, L.x0 - off - o), Math.max(0, L.x0 - off));
      const after = outside(R.x1 + off, Math.min(c.w, R.x1 + off + o));
      const bbox: Bbox = [
        c.x0 + L.x0,
        c.y0 + Math.min(L.t, R.t),
        c.x0 + R.x1 + 1,
        c.y0 + Math.max(L.b, R.b) + 1,
      ];
      out.push({ bbox, inner, faint, before, after });
    }
  }
  return out;
}

/** Whether some row of [y0, y1] runs dark across most of [x0, x1]. */
function barAcross(c: Crop, x0: number, x1: number, y0: number, y1: number): boolean {
  const need = 0.7 * (x1 - x0 + 1);
  for (let y = Math.max(0, y0); y <= Math.min(c.h - 1, y1); y++) {
    let runLen = 0;
    for (let x = Math.max(0, x0); x <= Math.min(c.w - 1, x1); x++) {
      runLen = c.ink[y * c.w + x] ? runLen + 1 : 0;
      if (runLen >= need) return true;
    }
  }
  return false;
}

/** The pair's state from the ink inside it, with a confidence that falls as the ink nears the thresholds. */
export function pairState(p: Pair): PairReading {
  // Ink a quarter of the way from paper that the ink threshold drops (a pencil or light ballpoint √): read, at the
  // confidence of a doubtful box, rather than called empty or unclear.
  if (p.inner < TICK_MIN && p.faint - p.inner >= FAINT_ONLY_MIN)
    return { bbox: p.bbox, state: "checked", confidence: 0.55 };
  if (p.inner <= EMPTY_MAX) {
    return { bbox: p.bbox, state: "unchecked", confidence: round(0.92 - (p.inner / EMPTY_MAX) * 0.1) };
  }
  if (p.inner >= TICK_MIN) {
    return {
      bbox: p.bbox,
      state: "checked",
      confidence: round(0.82 + Math.min(0.12, (p.inner - TICK_MIN) * 1.5)),
    };
  }
  const mid = (EMPTY_MAX + TICK_MIN) / 2;
  return { bbox: p.bbox, state: "unclear", confidence: round(0.3 + (0.3 * Math.abs(p.inner - mid)) / mid) };
}

/**
 * The pair printed right before (side "left") or right after (side "right") a label whose characters span
 * lb: the nearest pair that touches the label within ~2/3 of a text height, or null.
 */
export function pairBeside(img: PageImage, lb: Bbox, h: number, side: "left" | "right"): Pair | null {
  const cy = (lb[1] + lb[3]) / 2;
  const reach = 0.7 * h;
  // OCR's label box is a few pixels off at most: a stroke further inside it is the label's own character's.
  const into = 0.15 * h;
  const ps =
    side === "left"
      ? findPairs(img, lb[0] - 2.4 * h, lb[0] + into, cy, h).filter(
          (p) => p.bbox[2] <= lb[0] + into + 1 && lb[0] - p.bbox[2] <= reach && p.before <= CLOSED_MAX,
        )
      : findPairs(img, lb[2] - into, lb[2] + 2.4 * h, cy, h).filter(
          (p) => p.bbox[0] >= lb[2] - into - 1 && p.bbox[0] - lb[2] <= reach && p.after <= CLOSED_MAX,
        );
  // The side nearest the label, then the span nearest a box's (a √ inside makes strokes of its own).
  const near = (p: Pair) => (side === "left" ? lb[0] - p.bbox[2] : p.bbox[0] - lb[2]);
  const misfit = (p: Pair) => Math.abs(p.bbox[2] - p.bbox[0] - 1.3 * h);
  const best = Math.min(...ps.map(near));
  return ps.filter((p) => near(p) <= best + 0.1 * h).sort((a, b) => misfit(a) - misfit(b))[0] ?? null;
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
}
