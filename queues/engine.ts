import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AppConfig } from "../src/config/schema.ts";
import type { OcrEngine } from "../src/ocr/engine.ts";
import { createEngine } from "../src/pipeline/engine.ts";

/** Environment variable naming a module whose `createEngine(config)` replaces the configured OCR engine in
 * queued workers: a plug-in point, used by the queue tests to run a deterministic fake engine. */
export const ENGINE_MODULE_ENV = "AUDIT_ENGINE_MODULE";

interface EngineModule {
  createEngine(config: AppConfig): Promise<OcrEngine>;
}

function isEngineModule(m: unknown): m is EngineModule {
  return typeof m === "object" && m !== null && typeof (m as EngineModule).createEngine === "function";
}

/** The OCR engine a worker process uses: config.ocr (tesseract, or replay recordings), or the module named
 * by AUDIT_ENGINE_MODULE. */
export async function createWorkerEngine(config: AppConfig): Promise<OcrEngine> {
  const modulePath = process.env[ENGINE_MODULE_ENV];
  if (!modulePath) return createEngine(config);
  const mod: unknown = await import(pathToFileURL(path.resolve(modulePath)).href);
  if (!isEngineModule(mod)) throw new Error(`${modulePath} does not export createEngine(config)`);
  return mod.createEngine(config);
}
