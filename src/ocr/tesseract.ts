/**
 * OcrEngine on tesseract.js 7 (WASM): a pool of workers, each recycled after N pages.
 * Language data comes only from the installed @tesseract.js-data packages (best_int models);
 * tesseract.js is never given a URL, so it has nothing to download.
 */
import { access, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createWorker, type Worker } from "tesseract.js";
import { EnvironmentError, InputError } from "../domain/errors.ts";
import type { PageImage } from "../domain/page.ts";
import { CoreBudget } from "./core-budget.ts";
import type { EngineResult, OcrEngine, SecondReader, SecondReadings } from "./engine.ts";
import type { LineReader } from "./paddle/line-reader.ts";
import { encodePgm } from "./pixels.ts";
import { engineResultFromTsv } from "./tesseract-result.ts";
import { pageEquivalents, WorkerPool } from "./worker-pool.ts";

export type TesseractLanguage = "chi_sim" | "eng";

export interface TesseractEngineOptions {
  /** Worker count; default one per core (`os.availableParallelism()`). It is also the number of cores the engine
   * keeps busy: the second readers' threads share them with the page workers (see core-budget.ts). */
  workers?: number;
  /** Cores shared with another engine; only for the second reader, which shares its page engine's. */
  cores?: CoreBudget;
  /** Pages a worker reads before it is replaced, so WASM heap growth is returned. Counted in page-equivalents
   * (pixels of an A4 page at 200 DPI), so the strips of the upside-down probe and the missed-line pass do not
   * count as pages. Default 200: measured over 400-500 pages, recycling every 200 kept RSS within 5% of page 40;
   * recycling every 50 calls let it climb 20% (each new worker's heap lands in fresh memory faster than the old
   * one's is given back). */
  recycleAfter?: number;
  /**
   * Default chi_sim only. Measured on a page of report codes: `eng+chi_sim` read 34/38 codes vs 33/38
   * but CER rose from 1.6% to 4.0%; `chi_sim+eng` does not load eng at all (see parseLanguages).
   */
  languages?: string | readonly TesseractLanguage[];
  /** Tesseract page segmentation; 3 (automatic) reads report pages much better than tesseract.js's 6. */
  pageSegMode?: number;
  /** Start all workers at creation (surfaces missing language data at once). Default true. */
  warmUp?: boolean;
  /** Worker thread script; only for wrapping tesseract.js's own (the offline test installs a network guard).
   * Default: ours, which drops Leptonica's stderr messages (tesseract-worker.cjs). */
  workerPath?: string;
  /** Model variant, default `best_int`. */
  model?: TesseractModel;
  /** Offer `reread` (a second look at doubtful words) with the float `best` model and PP-OCR's recogniser.
   * Default true. */
  secondLook?: boolean;
  /** Worker script of the PP-OCR second reader; only for wrapping the real one (the offline test). */
  paddleWorkerScript?: string | URL;
}

/**
 * Model variants of the data packages. best_int (default) is smaller, faster and reads punctuation better
 * than `best` (the package's 4.0.0 float model, CER 7.3% vs 4.9% on whole pages). But on the fixture pages
 * `best` read the rarer name and firm characters best_int never did (鑫 昊 磊 斌 袁 read as 伟 吴 舌 研 责), so
 * it serves as the second reader of doubtful words (see second-look.ts).
 */
export type TesseractModel = "best_int" | "best";
const MODEL_FOLDERS: Record<TesseractModel, string> = { best_int: "4.0.0_best_int", best: "4.0.0" };
const require = createRequire(import.meta.url);
const WORKER_SCRIPT = fileURLToPath(new URL("./tesseract-worker.cjs", import.meta.url));

/** Folder holding `<lang>.traineddata.gz` for a language, inside its npm data package. */
export function languageDataFolder(lang: TesseractLanguage, model: TesseractModel = "best_int"): string {
  let packageJson: string;
  try {
    packageJson = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  } catch (cause) {
    throw new EnvironmentError(
      "OCR_LANG_MISSING",
      `language data package @tesseract.js-data/${lang} is not installed`,
      "run npm ci",
      { cause },
    );
  }
  return join(dirname(packageJson), MODEL_FOLDERS[model]);
}

async function assertLanguageData(lang: TesseractLanguage, model: TesseractModel): Promise<string> {
  const folder = languageDataFolder(lang, model);
  try {
    await access(join(folder, `${lang}.traineddata.gz`));
  } catch (cause) {
    throw new EnvironmentError(
      "OCR_LANG_MISSING",
      `missing ${lang}.traineddata.gz in ${folder}`,
      "reinstall @tesseract.js-data packages",
      { cause },
    );
  }
  return folder;
}

/**
 * tesseract.js takes one `langPath`; each language lives in its own package, so for several
 * languages we link them into one temp folder. (Passing `{code, data}` objects would avoid this,
 * but tesseract.js 7's initialize() joins `data` instead of `code` for them.)
 */
async function languageFolder(
  langs: readonly TesseractLanguage[],
  model: TesseractModel,
  scratch: string,
): Promise<string> {
  const folders = await Promise.all(langs.map((lang) => assertLanguageData(lang, model)));
  if (langs.length === 1) return folders[0]!;
  const linked = join(scratch, "lang");
  await mkdir(linked);
  await Promise.all(
    langs.map((lang, i) =>
      symlink(join(folders[i]!, `${lang}.traineddata.gz`), join(linked, `${lang}.traineddata.gz`)),
    ),
  );
  return linked;
}

/** "chi_sim+eng" or a list → validated language list (only packages we ship are allowed). */
export function parseLanguages(languages: string | readonly TesseractLanguage[]): TesseractLanguage[] {
  const list = typeof languages === "string" ? languages.split("+").map((l) => l.trim()) : [...languages];
  const known: readonly string[] = ["chi_sim", "eng"];
  const unknown = list.filter((l) => !known.includes(l));
  if (list.length === 0 || unknown.length > 0) {
    throw new EnvironmentError(
      "OCR_LANG_MISSING",
      `unsupported OCR languages "${list.join("+")}" (installed: ${known.join(", ")})`,
    );
  }
  // Measured: with the best_int models, tesseract.js 7 fails to load `eng` listed after `chi_sim`
  // ("Failed loading language '玂臎'") and silently reads chi_sim only; `eng+chi_sim` loads both.
  const chi = list.indexOf("chi_sim");
  if (chi >= 0 && list.some((l, i) => l !== "chi_sim" && i > chi)) {
    throw new EnvironmentError(
      "CONFIG_INVALID",
      `OCR languages "${list.join("+")}": tesseract.js cannot load a language listed after chi_sim`,
      "use chi_sim alone (best on report pages) or eng+chi_sim",
    );
  }
  return [...new Set(list)] as TesseractLanguage[];
}

export interface TesseractEngine extends OcrEngine {
  /** Workers started so far, recycling included. */
  readonly workersCreated: number;
  readonly poolSize: number;
}

export async function createTesseractEngine(options: TesseractEngineOptions = {}): Promise<TesseractEngine> {
  const langs = parseLanguages(options.languages ?? ["chi_sim"]);
  const psm = options.pageSegMode ?? 3;
  const size = Math.max(1, Math.floor(options.workers ?? availableParallelism()));
  const cores = options.cores ?? new CoreBudget(size);
  // Cache writes go to a private temp dir (and cacheMethod 'none' disables them anyway): the
  // default would write traineddata into the working directory and reuse it even if langPath changed.
  const scratch = await mkdtemp(join(tmpdir(), "audit-extract-tess-"));
  let langPath: string;
  try {
    langPath = await languageFolder(langs, options.model ?? "best_int", scratch);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }

  const startWorker = async (): Promise<Worker> => {
    let worker: Worker;
    try {
      worker = await createWorker(langs.join("+"), 1, {
        langPath,
        gzip: true,
        cacheMethod: "none",
        cachePath: scratch,
        workerPath: options.workerPath ?? WORKER_SCRIPT,
        // Without a handler tesseract.js rethrows every failed job from a message listener, i.e. as an
        // uncaught exception that kills the process; the job's own promise is rejected either way.
        errorHandler: () => undefined,
      });
    } catch (cause) {
      throw new EnvironmentError(
        "OCR_LANG_MISSING",
        `tesseract.js could not start: ${String(cause)}`,
        undefined,
        {
          cause,
        },
      );
    }
    await worker.setParameters({
      tessedit_pageseg_mode: String(psm) as never,
      // Without this Tesseract puts a space between every pair of Chinese words.
      preserve_interword_spaces: "1",
      // Tesseract's debug prints ("Detected 23 diacritics") would otherwise break the progress bar.
      debug_file: "/dev/null",
      // Tesseract 5 reads every doubtful line a second time as white on black. Report scans have no inverted
      // text, and Chinese lines are often doubtful: measured on bench pages 10% of the time for no change in CER
      // (native tesseract alike), on 14 unseen reports CER 3.898% -> 3.890% with the same fields.
      tessedit_do_invert: "0",
    } as never);
    return worker;
  };

  const pool = new WorkerPool<Worker>({
    size,
    recycleAfter: options.recycleAfter ?? 200,
    create: startWorker,
    destroy: (worker) => worker.terminate().then(() => undefined),
    cores,
  });
  if (options.warmUp ?? true) {
    try {
      await pool.warmUp();
    } catch (error) {
      await pool.close();
      await rm(scratch, { recursive: true, force: true });
      throw error;
    }
  }

  // The second readers start on the first doubtful word, so runs that never need them never load their models.
  let second: Promise<TesseractEngine> | null = null;
  const secondReader = (): Promise<TesseractEngine> => {
    second ??= createTesseractEngine({
      workers: 1,
      recycleAfter: options.recycleAfter ?? 200,
      languages: ["chi_sim"],
      pageSegMode: 7, // one text line
      warmUp: false,
      model: "best",
      secondLook: false,
      cores,
      ...(options.workerPath ? { workerPath: options.workerPath } : {}),
    });
    return second;
  };
  let lines: Promise<LineReader> | null = null;
  const lineReader = (): Promise<LineReader> => {
    // Loaded on demand: a run without doubtful words never loads ONNX Runtime.
    lines ??= import("./paddle/line-reader.ts").then(({ createPaddleLineReader }) =>
      createPaddleLineReader({
        recycleAfter: options.recycleAfter ?? 200,
        cores,
        ...(options.paddleWorkerScript ? { workerScript: options.paddleWorkerScript } : {}),
      }),
    );
    return lines;
  };

  return {
    name: `tesseract.js 7 ${langs.join("+")} ${options.model ?? "best_int"} psm${psm}`,
    get workersCreated() {
      return pool.workersCreated;
    },
    poolSize: size,
    // Without a second reader the engine has no `reread`, so no doubtful word is even cut out.
    ...(options.secondLook === false
      ? {}
      : {
          /** The float model's and PP-OCR's readings of a short line crop, as asked, read side by side. */
          reread: async (
            image: PageImage,
            readers: readonly SecondReader[],
            signal?: AbortSignal,
          ): Promise<SecondReadings> => {
            const [best, ppocr] = await Promise.all([
              readers.includes("best") ? secondReader().then((e) => e.recognize(image, signal)) : undefined,
              readers.includes("ppocr") ? lineReader().then((r) => r.read(image, signal)) : undefined,
            ]);
            return { ...(best ? { best } : {}), ...(ppocr ? { ppocr } : {}) };
          },
        }),
    async recognize(image: PageImage, signal?: AbortSignal): Promise<EngineResult> {
      const pgm = encodePgm(image);
      try {
        return await pool.run(
          async (worker) => {
            // Tell Tesseract the real resolution; it otherwise guesses from glyph sizes.
            const result = await worker.recognize(
              Buffer.from(pgm.buffer, pgm.byteOffset, pgm.byteLength),
              { user_defined_dpi: String(Math.round(image.dpi)) } as never,
              { tsv: true, text: false },
            );
            return engineResultFromTsv(result.data.tsv);
          },
          signal,
          pageEquivalents(image),
        );
      } catch (cause) {
        if (cause instanceof EnvironmentError || cause instanceof InputError) throw cause;
        if (signal?.aborted) {
          throw new InputError("PAGE_TIMEOUT", "OCR was aborted (time limit)", undefined, { cause });
        }
        throw new InputError("OCR_FAILED", `tesseract.js failed: ${String(cause)}`, undefined, { cause });
      }
    },
    async close(): Promise<void> {
      await pool.close();
      // A second reader that failed to start has nothing to close (its error went to the page that asked).
      await second?.then(
        (engine) => engine.close(),
        () => undefined,
      );
      await lines?.then(
        (reader) => reader.close(),
        () => undefined,
      );
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
