/**
 * PP-OCRv4's recogniser alone, on one worker thread, reading crops that hold one line: the second look's other
 * reader beside tesseract's float model (src/ocr/second-look.ts). No detector is loaded. The thread starts on
 * the first crop and is replaced after `recycleAfter` page-equivalents of crops, like the page workers.
 */
import { EnvironmentError, InputError } from "../../domain/errors.ts";
import type { PageImage } from "../../domain/page.ts";
import type { CoreBudget } from "../core-budget.ts";
import type { EngineResult } from "../engine.ts";
import { pageEquivalents, WorkerPool } from "../worker-pool.ts";
import { assertModelFiles, paddleModelFiles } from "./models.ts";
import { READER_DEFAULTS } from "./reader.ts";
import { PaddleWorker } from "./worker-handle.ts";

/**
 * A second-look crop holds a few words (about 130 px wide at the recogniser's height), so padding it to 320 px as
 * for page lines made the recogniser read mostly blank: one em of blank after the text costs half the time
 * (ONNX Runtime, one thread: 9.9–11.5 ms at 160–192 px against 21.8 ms at 320). Measured with the first look
 * replayed: CER 4.04% either way on fixtures/set and 3.89% → 3.90% on 14 unseen reports, fields unchanged; without any padding the
 * recogniser more often drops a crop's last character.
 */
export const LINE_CROP_INPUT = { recMinWidth: 0, recEndPad: 48 } as const;

export interface LineReader {
  read(crop: PageImage, signal?: AbortSignal): Promise<EngineResult>;
  close(): Promise<void>;
}

export interface LineReaderOptions {
  /** Page-equivalents of crops read before the thread is replaced. Default 200. */
  recycleAfter?: number;
  /** Cores shared with the page engine that asks for the readings. */
  cores?: CoreBudget;
  /** Worker entry script; only for wrapping the real one (the offline test installs a network guard). */
  workerScript?: string | URL;
}

export async function createPaddleLineReader(options: LineReaderOptions = {}): Promise<LineReader> {
  await assertModelFiles(paddleModelFiles());
  const script = options.workerScript ?? new URL("./worker.mjs", import.meta.url);
  const pool = new WorkerPool<PaddleWorker>({
    size: 1,
    recycleAfter: options.recycleAfter ?? 200,
    create: () => PaddleWorker.start(script, { ...READER_DEFAULTS, ...LINE_CROP_INPUT, lineOnly: true }),
    destroy: (worker) => worker.close(),
    ...(options.cores ? { cores: options.cores } : {}),
  });
  return {
    async read(crop: PageImage, signal?: AbortSignal): Promise<EngineResult> {
      try {
        return await pool.run((worker) => worker.read(crop, "read-line"), signal, pageEquivalents(crop));
      } catch (cause) {
        if (cause instanceof EnvironmentError || cause instanceof InputError) throw cause;
        throw new InputError("OCR_FAILED", `PP-OCR could not read a crop: ${String(cause)}`, undefined, {
          cause,
        });
      }
    },
    close: () => pool.close(),
  };
}
