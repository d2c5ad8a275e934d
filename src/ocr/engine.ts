import type { OcrLine } from "../domain/ocr.ts";
import type { PageImage } from "../domain/page.ts";

/** What an OCR engine returns for an upright, deskewed page image; boxes in that image's pixels. */
export interface EngineResult {
  text: string;
  lines: OcrLine[];
  meanConfidence: number;
}

export interface OcrEngine {
  /** e.g. "tesseract.js 7 chi_sim best_int". */
  readonly name: string;
  recognize(image: PageImage, signal?: AbortSignal): Promise<EngineResult>;
  /** A second reader for a short crop of one text line (another model), where the engine has one; null when it
   * cannot give a reading (a replay without a recording). */
  reread?(image: PageImage, signal?: AbortSignal): Promise<EngineResult | null>;
  /** Releases workers and memory. */
  close(): Promise<void>;
}
