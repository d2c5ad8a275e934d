import type { AppConfig } from "../src/config/schema.ts";
import type { OcrEngine } from "../src/ocr/engine.ts";
import { createEngine } from "../src/pipeline/engine.ts";

export type EngineFactory = (config: AppConfig) => Promise<OcrEngine>;

let factory: EngineFactory = createEngine;

/** Replaces the engine factory of this process: for programs that embed a worker (the queue tests run a
 * deterministic fake engine through their own worker and sandbox entry points). Never read from the
 * environment: which code runs is decided by code, not by a variable anyone can set. */
export function useEngineFactory(next: EngineFactory): void {
  factory = next;
}

/** The OCR engine a worker process uses: config.ocr (tesseract, paddle, or replay recordings). */
export function createWorkerEngine(config: AppConfig): Promise<OcrEngine> {
  return factory(config);
}
