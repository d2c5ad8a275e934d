import type { Bbox } from "../../domain/geometry.ts";
import type { PageImage } from "../../domain/page.ts";
import { type Frame, findFrame, measureBox, STRICT, straightAcross, wornMode } from "./frame.ts";
import { at, binarise, type Crop } from "./pixels.ts";

/** What the pixels beside one label show. */
export type Probe =
  | {
      kind: "frame";
      bbox: Bbox;
      state: "checked" | "unchecked" | "unclear";
      confidence: number;
      /** Found only as a worn frame (1 px on the faint layer, or broken sides; strokes of text can pass for one): what
       * the window reads without worn frames, for a caller that does not take it. */
      worn?: Probe;
    }
  | { kind: "tick"; bbox: Bbox; confidence: number }
  | { kind: "other"; bbox: Bbox }
  | { kind: "empty"; bbox: Bbox };

/** A worn frame's least side as a share of the largest box side searched (probeWindow: 0.75 of the text height). */
const WORN_MIN = 0.75 / 1.45;
/** Evidence thresholds on interior stroke ink (share of the interior); tuned on test/checkbox cases. */
const EMPTY_MAX = 0.02;
const TICK_MIN = 0.055;
/** Between those, the reach of the largest ink group over the interior's side (frame.ts inkSpan): at most a speck's
 * (a dot of a pen or dust: measured up to 0.27 on the generator's specks), at least a stroke drawn across the box (a
 * faint pencil tick the threshold breaks into dots: from 0.47). */
const SPECK_SPAN = 0.3;
const STROKE_SPAN = 0.45;

/**
 * Looks for a box in the window [xa, xb) around the text row centred at cy (text height h); `inkFrom..inkTo`
 * is the part of the window outside the label, where a box-less hand tick may sit.
 */
export function probeWindow(
  img: PageImage,
  xa: number,
  xb: number,
  cy: number,
  h: number,
  inkFrom: number,
  inkTo: number,
  /** Page x limits: the frame's left side must start before maxLeft / its right side end after minRight. */
  limit: { maxLeft?: number; minRight?: number } | null,
): Probe {
  const c = binarise(img, xa, cy - 1.25 * h, xb, cy + 1.0 * h);
  const frame = anyFrame(c, 0.55 * h, 1.45 * h, {
    maxLeft: limit?.maxLeft === undefined ? c.w : limit.maxLeft - c.x0,
    minRight: limit?.minRight === undefined ? -1 : limit.minRight - c.x0,
  });
  const plain = () => handMark(c, inkFrom - c.x0, inkTo - c.x0, cy - c.y0, h);
  if (frame) {
    const p = classifyFrame(c, frame.frame, frame.weight);
    return p.kind === "frame" && frame.weight < 1 ? { ...p, worn: plain() } : p;
  }
  return plain();
}

/**
 * A square frame of side minS..maxS inside the page window [x0,y0)-[x1,y1) and its state, or null when the window
 * holds none: the layout stage's test of a box-sized shape found on the whole page.
 */
export function frameIn(
  img: PageImage,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  minS: number,
  maxS: number,
  /** Also frames the scan wore (anyFrame); the page-wide finder, with no label to vouch for a box, does without. */
  worn = false,
): (Probe & { kind: "frame" }) | null {
  const c = binarise(img, x0, y0, x1, y1);
  const strict = findFrame(c, minS, maxS);
  const frame = worn ? anyFrame(c, minS, maxS) : strict ? { frame: strict, weight: 1 } : null;
  if (!frame) return null;
  const p = classifyFrame(c, frame.frame, frame.weight);
  return p.kind === "frame" ? p : null;
}

/**
 * A frame as printed, else one the scan wore: a 1 px frame whose strokes fall under the window's ink threshold when a
 * heavy tick sets that threshold (read on the faint layer, a quarter of the way from paper to ink), else a frame with
 * broken sides (frame.ts wornMode). Those are read at lower confidence (weight 0.75: under the 0.75 at which a label's
 * square reading keeps brackets and rings from reading it, since strokes of brackets and letters can pass for a worn
 * frame; over the rules' 0.6 gate when the state is clear).
 */
function anyFrame(
  c: Crop,
  minS: number,
  maxS: number,
  limit?: { maxLeft: number; minRight: number },
): { frame: Frame; weight: number } | null {
  const strict = findFrame(c, minS, maxS, limit, STRICT);
  if (strict) return { frame: strict, weight: 1 };
  const faint: Crop = { ...c, ink: c.faint };
  // A worn frame is pieced from broken strokes: one well under a printed box's size (about an em) is a piece of the box
  // with its tick, or of a letter beside it, and reads the state wrong. The strict pass keeps its own floor.
  minS = Math.min(maxS, Math.max(minS, WORN_MIN * maxS));
  // A printed character drawn a little bolder on the faint layer can close into a frame: one with a bar across is text.
  const thin = findFrame(faint, minS, maxS, limit, STRICT);
  const worn =
    (thin && !straightAcross(faint, thin.l, thin.t, thin.r, thin.b) ? thin : null) ??
    findFrame(c, minS, maxS, limit, wornMode(minS)) ??
    findFrame(faint, minS, maxS, limit, wornMode(minS));
  return worn ? { frame: { ...worn, score: Math.min(worn.score, 0.6) }, weight: 0.75 } : null;
}

/** Whether ink inside a frame runs straight across most of it (the bars of 日 回 田 国): a printed character, not a
 * tick (diagonal) or a fill (solid). */
export function straightInside(img: PageImage, b: Bbox): boolean {
  const w = b[2] - b[0];
  const h = b[3] - b[1];
  // A margin of paper around the frame, so the window's threshold sees paper as well as ink.
  const m = Math.max(w, h);
  const c = binarise(img, b[0] - m, b[1] - m, b[2] + m, b[3] + m);
  const ox = b[0] - c.x0;
  const oy = b[1] - c.y0;
  const pad = Math.max(2, Math.round(0.2 * Math.min(w, h)));
  const f = { l: ox + pad, t: oy + pad, r: ox + w - pad, b: oy + h - pad };
  if (f.r - f.l < 3 || f.b - f.t < 3) return false;
  let dark = 0;
  for (let y = f.t; y <= f.b; y++) for (let x = f.l; x <= f.r; x++) dark += at(c, x, y);
  if (dark > 0.6 * (f.r - f.l + 1) * (f.b - f.t + 1)) return false;
  return maxRun(c, f, true) > 0.8 * (f.r - f.l + 1) || maxRun(c, f, false) > 0.8 * (f.b - f.t + 1);
}

function toPage(c: Crop, f: { l: number; t: number; r: number; b: number }): Bbox {
  return [c.x0 + f.l, c.y0 + f.t, c.x0 + f.r + 1, c.y0 + f.b + 1];
}

function classifyFrame(c: Crop, f: Frame, weight: number): Probe {
  const ink = measureBox(c, f);
  const bbox = toPage(c, f);
  const q = weight * (0.85 + 0.15 * f.score);
  if (ink.fill >= 0.6) return { kind: "frame", bbox, state: "checked", confidence: round(0.97 * q) };
  // A √ that overshoots the frame leaves ink above the top-right corner: half weight, the line above may
  // also reach there.
  const ev = ink.inner + 0.4 * ink.outside;
  // Nothing at the ink threshold, but a stroke a quarter of the way from paper to ink drawn across the box both ways
  // through its middle: a pencil or light ballpoint tick. Read, at lower confidence, rather than called empty.
  if (ev <= EMPTY_MAX && ink.faintSpan >= STROKE_SPAN)
    return { kind: "frame", bbox, state: "checked", confidence: round(0.62 * q) };
  if (ev <= EMPTY_MAX) {
    return {
      kind: "frame",
      bbox,
      state: "unchecked",
      confidence: round(q * (0.98 - (ev / EMPTY_MAX) * 0.12)),
    };
  }
  if (ev >= TICK_MIN) {
    const conf = 0.8 + Math.min(0.19, (ev - TICK_MIN) * 2.5);
    return { kind: "frame", bbox, state: "checked", confidence: round(q * conf) };
  }
  // In between: a speck, a faint pencil tick, or stray seal ink. The reach of the ink tells the first two apart: a
  // speck is a dot far smaller than the box, a tick is a stroke across it. What reaches neither stays unclear.
  if (ink.span >= STROKE_SPAN || ink.faintSpan >= STROKE_SPAN)
    return { kind: "frame", bbox, state: "checked", confidence: round(0.7 * q) };
  if (ink.span <= SPECK_SPAN) return { kind: "frame", bbox, state: "unchecked", confidence: round(0.7 * q) };
  const mid = (EMPTY_MAX + TICK_MIN) / 2;
  return { kind: "frame", bbox, state: "unclear", confidence: round(0.3 + (0.3 * Math.abs(ev - mid)) / mid) };
}

/** No frame: a hand-drawn √ (or ×) in the gap beside the label, a box the frame finder missed, or nothing. */
function handMark(c: Crop, fromX: number, toX: number, cy: number, h: number): Probe {
  const x0 = Math.max(1, Math.floor(fromX));
  const x1 = Math.min(c.w - 1, Math.ceil(toX));
  const y0 = Math.max(1, Math.floor(cy - 1.1 * h));
  const y1 = Math.min(c.h - 1, Math.ceil(cy + 0.8 * h));
  let n = 0;
  let bx0 = Infinity;
  let by0 = Infinity;
  let bx1 = -1;
  let by1 = -1;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (!at(c, x, y)) continue;
      let nb = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) nb += at(c, x + dx, y + dy);
      if (nb < 3) continue;
      n++;
      bx0 = Math.min(bx0, x);
      by0 = Math.min(by0, y);
      bx1 = Math.max(bx1, x);
      by1 = Math.max(by1, y);
    }
  }
  const window: Bbox = [c.x0 + x0, c.y0 + y0, c.x0 + x1, c.y0 + y1];
  if (n < 0.02 * h * h) return { kind: "empty", bbox: window };
  const f = { l: bx0, t: by0, r: bx1, b: by1 };
  const bw = bx1 - bx0 + 1;
  const bh = by1 - by0 + 1;
  const bbox = toPage(c, f);
  // Ink cut by the window's left edge is the end of a neighbouring character, not a mark.
  if (bx0 <= x0 + 1 && fromX > 1) return { kind: "other", bbox };
  const sized = bw >= 0.3 * h && bh >= 0.35 * h && bw <= 1.8 * h && bh <= 1.8 * h;
  if (!sized) return { kind: "other", bbox };
  // A box drawn too faint or broken for findFrame still has ink along all four sides; a tick does not.
  if (framed(c, f) && bw >= 0.55 * h && bh >= 0.55 * h) return classifyFrame(c, { ...f, score: 0.6 }, 0.8);
  const density = n / (bw * bh);
  if (density < 0.03 || density > 0.5) return { kind: "other", bbox };
  // A tick is diagonal strokes: no long horizontal or vertical run. CJK characters (a label whose OCR
  // position is off, a character OCR missed) always have some.
  if (maxRun(c, f, true) > 0.45 * bw || maxRun(c, f, false) > 0.45 * bh) return { kind: "other", bbox };
  return { kind: "tick", bbox, confidence: 0.68 };
}

function maxRun(c: Crop, f: { l: number; t: number; r: number; b: number }, horizontal: boolean): number {
  let best = 0;
  const [outer0, outer1, inner0, inner1] = horizontal ? [f.t, f.b, f.l, f.r] : [f.l, f.r, f.t, f.b];
  for (let o = outer0; o <= outer1; o++) {
    let run = 0;
    for (let i = inner0; i <= inner1; i++) {
      run = (horizontal ? at(c, i, o) : at(c, o, i)) ? run + 1 : 0;
      if (run > best) best = run;
    }
  }
  return best;
}

function framed(c: Crop, f: { l: number; t: number; r: number; b: number }): boolean {
  const bandX = Math.max(1, Math.round((f.r - f.l) * 0.2));
  const bandY = Math.max(1, Math.round((f.b - f.t) * 0.2));
  const cover = (horizontal: boolean, from: number, to: number): number => {
    let hit = 0;
    const n = horizontal ? f.r - f.l + 1 : f.b - f.t + 1;
    for (let k = 0; k < n; k++) {
      let any = 0;
      for (let d = from; d <= to && !any; d++) any = horizontal ? at(c, f.l + k, d) : at(c, d, f.t + k);
      hit += any;
    }
    return hit / n;
  };
  return (
    cover(true, f.t, f.t + bandY) > 0.7 &&
    cover(true, f.b - bandY, f.b) > 0.7 &&
    cover(false, f.l, f.l + bandX) > 0.7 &&
    cover(false, f.r - bandX, f.r) > 0.7
  );
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
}
