import type { AppConfig } from "../config/schema.ts";
import type { OcrEngine } from "../ocr/engine.ts";
import { LazyEngine } from "../ocr/lazy-engine.ts";
import { replayEngine } from "../ocr/recorded-engine.ts";
import { ReplayEngine } from "../ocr/replay.ts";
import { createTesseractEngine } from "../ocr/tesseract.ts";

/** The name a replay run records as its engine (the recording's engine, without run-time settings). */
const REPLAY_NAMES: Record<AppConfig["ocr"]["engine"], string> = {
  tesseract: "tesseract.js 7 chi_sim",
  paddle: "PP-OCRv4 onnxruntime-node",
};

export async function createEngine(config: AppConfig): Promise<OcrEngine> {
  const real = async (): Promise<OcrEngine> => {
    if (config.ocr.engine === "paddle") {
      // Loaded on demand: a tesseract run never loads ONNX Runtime.
      const { createPaddleEngine } = await import("../ocr/paddle/engine.ts");
      return createPaddleEngine({
        workers: config.ocr.workers,
        recycleAfter: config.ocr.recycleAfter,
        detMaxSide: config.ocr.paddleDetMaxSide,
        ...(config.ocr.paddleThreads ? { threads: config.ocr.paddleThreads } : {}),
      });
    }
    return createTesseractEngine({
      workers: config.ocr.workers,
      recycleAfter: config.ocr.recycleAfter,
      languages: config.ocr.languages,
      secondLook: config.ocr.secondLook,
    });
  };
  if (config.ocr.replayDir) {
    const engine = replayEngine(config.ocr.replayDir, config.ocr.engine, config.ocr.record);
    // Without `record`, a replay run never starts OCR workers: a missing recording is a page error.
    return new ReplayEngine(
      config.ocr.replayDir,
      config.ocr.record ? await real() : null,
      REPLAY_NAMES[engine],
    );
  }
  return real();
}

/**
 * The engine of an in-process run, started by the first page that needs OCR: pages read from their text layer
 * never wait for models to load. Replays start nothing anyway.
 */
export async function createEngineOnDemand(config: AppConfig): Promise<OcrEngine> {
  if (config.ocr.replayDir) return createEngine(config);
  const rereads = config.ocr.engine === "tesseract" && config.ocr.secondLook;
  return new LazyEngine(() => createEngine(config), REPLAY_NAMES[config.ocr.engine], rereads);
}
