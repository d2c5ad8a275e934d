/**
 * 0° or 180°, decided from the page's own reading: an upright page that reads well is kept as read, at no cost;
 * only a page whose reading is poor is read again turned over, and the better reading is kept. (Until 2026-12-04
 * every page read a probe strip first, one more OCR call on every upright page.)
 */
import { EnvironmentError } from "../domain/errors.ts";
import type { PageImage } from "../domain/page.ts";
import type { EngineResult, OcrEngine } from "./engine.ts";
import { rotate180 } from "./pixels.ts";
import { readingScore, SETTLES } from "./prepare.ts";

/** A page reading that scores this well (readingScore) is upright: upright pages of the golden and open sets
 * score 0.78-0.97 with either engine, pages read upside down 0.1-0.6. */
export const UPRIGHT_SCORE = 0.7;

export interface OrientedReading {
  image: PageImage;
  result: EngineResult;
  /** Whether the page was turned over (its reading is of `image`, the turned page). */
  turned: boolean;
}

/** Score of a page's reading: its confidence, scaled by the share of plausible report characters. */
export function pageScore(result: EngineResult): number {
  return readingScore(result.text, result.meanConfidence);
}

/**
 * Keeps `first` (the engine's reading of `image`) unless it reads poorly and the page turned over reads better,
 * by a reading that settles it. A reading of the turned page that fails (a replay without that recording) leaves
 * the page as read; an aborted page and a broken environment still throw.
 */
export async function uprightReading(
  image: PageImage,
  first: EngineResult,
  engine: OcrEngine,
  signal?: AbortSignal,
): Promise<OrientedReading> {
  const kept: OrientedReading = { image, result: first, turned: false };
  const upright = pageScore(first);
  if (upright >= UPRIGHT_SCORE) return kept;
  const over = rotate180(image);
  let second: EngineResult;
  try {
    second = await engine.recognize(over, signal);
  } catch (error) {
    if (error instanceof EnvironmentError || signal?.aborted) throw error;
    return kept;
  }
  const flipped = pageScore(second);
  if (Math.max(upright, flipped) >= SETTLES && flipped > upright) {
    return { image: over, result: second, turned: true };
  }
  return kept;
}
