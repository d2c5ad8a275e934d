import type { OcrLine } from "../domain/ocr.ts";
import type { PageImage } from "../domain/page.ts";

/** What an OCR engine returns for an upright, deskewed page image; boxes in that image's pixels. */
export interface EngineResult {
  text: string;
  lines: OcrLine[];
  meanConfidence: number;
}

/** The second readers: tesseract's float `best` model and PP-OCRv4's recogniser (src/ocr/second-look.ts). */
export type SecondReader = "best" | "ppocr";
export type SecondReadings = Partial<Record<SecondReader, EngineResult>>;

export interface OcrEngine {
  /** e.g. "tesseract.js 7 chi_sim best_int". */
  readonly name: string;
  recognize(image: PageImage, signal?: AbortSignal): Promise<EngineResult>;
  /** The given second readers' (other models') readings of a short crop of one text line, where the engine has
   * them. A reader that cannot give a reading (a replay without its recording) is absent from the answer. */
  reread?(image: PageImage, readers: readonly SecondReader[], signal?: AbortSignal): Promise<SecondReadings>;
  /** Releases workers and memory. */
  close(): Promise<void>;
}
