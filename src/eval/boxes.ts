/** Box-state accuracy: truth boxes matched to the record's checkbox options by page and overlap. */
import type { Bbox } from "../domain/geometry.ts";
import type { AuditRecord, CheckboxOption } from "../domain/record.ts";
import type { DocumentTruth, TruthBox } from "./truth.ts";

export interface BoxTally {
  total: number;
  correct: number;
  wrong: number;
  /** The record found the box but called it unclear: not wrong, not right. */
  unclear: number;
  notFound: number;
  /** Options the record reported where the truth has no box. */
  spurious: number;
}

export function emptyBoxTally(): BoxTally {
  return { total: 0, correct: 0, wrong: 0, unclear: 0, notFound: 0, spurious: 0 };
}

function iou(a: Bbox, b: Bbox): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}
function centreInside(a: Bbox, b: Bbox): boolean {
  const cx = (a[0] + a[2]) / 2;
  const cy = (a[1] + a[3]) / 2;
  return cx >= b[0] && cx <= b[2] && cy >= b[1] && cy <= b[3];
}
function scale(b: Bbox, f: number): Bbox {
  return [b[0] * f, b[1] * f, b[2] * f, b[3] * f];
}

/** A box turned by `deg` about the page centre: where it lands once the pipeline has deskewed the page.
 * Only the centre moves; a 20 px box barely changes shape at ±2°. */
function turned(b: Bbox, deg: number, page: TruthPageSize): Bbox {
  const a = (deg * Math.PI) / 180;
  const [cx, cy] = [page.width / 2, page.height / 2];
  const [x, y] = [(b[0] + b[2]) / 2 - cx, (b[1] + b[3]) / 2 - cy];
  const [nx, ny] = [cx + x * Math.cos(a) - y * Math.sin(a), cy + x * Math.sin(a) + y * Math.cos(a)];
  const [hw, hh] = [(b[2] - b[0]) / 2, (b[3] - b[1]) / 2];
  return [nx - hw, ny - hh, nx + hw, ny + hh];
}

type TruthPageSize = { width: number; height: number; skew: number };

/** How well an option's bbox fits a truth box; 0 means no match. Either frame of an upside-down page
 * is accepted (the pipeline may report boxes before or after turning the page), and so is the page
 * after deskewing (the truth is in the scanned, skewed frame; the sign convention is the engine's). */
export function matchScore(t: TruthBox, o: CheckboxOption, factor: number, page?: TruthPageSize): number {
  let best = 0;
  const frames = [t.bbox, t.uprightBbox];
  if (page && page.skew !== 0) {
    // An upside-down page is deskewed after it is turned, so its upright frame moves too.
    for (const base of [t.bbox, t.uprightBbox]) {
      frames.push(turned(base, page.skew, page), turned(base, -page.skew, page));
    }
  }
  for (const frame of frames) {
    const tb = scale(frame, factor);
    const s = iou(tb, o.bbox);
    if (s >= 0.2 || centreInside(o.bbox, tb) || centreInside(tb, o.bbox))
      best = Math.max(best, Math.max(s, 0.2));
  }
  return best;
}

export type BoxOutcome = "correct" | "wrong" | "unclear" | "notFound";

/** Each truth box's outcome and the record's option it was matched to (null: not found). */
export function boxOutcomes(
  truth: DocumentTruth,
  record: AuditRecord | null,
): {
  outcomes: { truth: TruthBox; option: CheckboxOption | null; outcome: BoxOutcome }[];
  spurious: CheckboxOption[];
} {
  const options = (record?.report?.checkboxGroups ?? []).flatMap((g) => g.options);
  const used = new Set<CheckboxOption>();
  const recordDpi = record?.document.ocr.dpi ?? null;
  const outcomes = truth.boxes.map((t) => {
    const truthPage = truth.pages.find((p) => p.page === t.page);
    const pageDpi = truthPage?.dpi ?? null;
    const factor = recordDpi && pageDpi ? recordDpi / pageDpi : 1;
    let best: CheckboxOption | null = null;
    let bestScore = 0;
    for (const o of options) {
      if (o.page !== t.page || used.has(o)) continue;
      const s = matchScore(t, o, factor, truthPage);
      if (s > bestScore) [best, bestScore] = [o, s];
    }
    if (best) used.add(best);
    const outcome: BoxOutcome = !best
      ? "notFound"
      : best.state === "unclear"
        ? "unclear"
        : best.state === t.state
          ? "correct"
          : "wrong";
    return { truth: t, option: best, outcome };
  });
  return { outcomes, spurious: options.filter((o) => !used.has(o)) };
}

export function scoreBoxes(truth: DocumentTruth, record: AuditRecord | null): BoxTally {
  const tally = emptyBoxTally();
  const { outcomes, spurious } = boxOutcomes(truth, record);
  for (const { outcome } of outcomes) {
    tally.total++;
    tally[outcome]++;
  }
  tally.spurious = spurious.length;
  return tally;
}
