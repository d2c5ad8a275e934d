import type { AppConfig } from "../config/schema.ts";
import type { OcrEngine } from "../ocr/engine.ts";
import { ReplayEngine } from "../ocr/replay.ts";
import { createTesseractEngine } from "../ocr/tesseract.ts";

export async function createEngine(config: AppConfig): Promise<OcrEngine> {
  const real = () =>
    createTesseractEngine({
      workers: config.ocr.workers,
      recycleAfter: config.ocr.recycleAfter,
      languages: config.ocr.languages,
    });
  if (config.ocr.replayDir) {
    // Without `record`, a replay run never starts OCR workers: a missing recording is a page error.
    return new ReplayEngine(
      config.ocr.replayDir,
      config.ocr.record ? await real() : null,
      "tesseract.js 7 chi_sim",
    );
  }
  return real();
}
