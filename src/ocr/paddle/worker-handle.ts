/** The main thread's handle on one PP-OCR worker thread: sends it images, one at a time, and settles each answer. */
import { Worker } from "node:worker_threads";
import type { PageImage } from "../../domain/page.ts";
import type { EngineResult } from "../engine.ts";
import { type FromWorker, fromWire, type ToWorker, type WorkerOptions } from "./protocol.ts";

const CLOSE_GRACE_MS = 5_000;

/** One worker thread with its reader; answers one page at a time. */
export class PaddleWorker {
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

  /** A page (`read`: detection, then every line) or a crop holding one line (`read-line`). */
  read(image: PageImage, type: "read" | "read-line" = "read"): Promise<EngineResult> {
    if (this.exited) return Promise.reject(new Error("PP-OCR worker thread has exited"));
    const id = this.nextId++;
    // A compact copy: the page may be a view into a larger buffer, which postMessage would clone whole.
    const data = image.data.slice();
    const message: ToWorker = {
      type,
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
