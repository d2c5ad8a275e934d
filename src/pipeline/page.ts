import { setMaxListeners } from "node:events";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { AuditExtractError } from "../domain/errors.ts";
import type { OcrPage } from "../domain/ocr.ts";
import type { PageImage, SourceDocument } from "../domain/page.ts";
import { buildPageLayout } from "../layout/index.ts";
import { rereadCells } from "../layout/reread.ts";
import type { OcrEngine } from "../ocr/engine.ts";
import { ocrPage } from "../ocr/page.ts";
import { detectMarks } from "../parse/checkbox/detect.ts";
import { withTimeout } from "./semaphore.ts";

export interface PageStageOptions {
  timeoutMs: number;
  /** Where to keep the prepared page image for evidence crops; null to skip. */
  pageImageDir: string | null;
  /** Invert dark bands before OCR (config ocr.invertBands; default false). */
  invertBands?: boolean;
}

export function errorPage(page: number, code: string, message: string): OcrPage {
  return {
    page,
    source: "ocr",
    width: 0,
    height: 0,
    dpi: 0,
    rotation: 0,
    skew: 0,
    text: "",
    lines: [],
    meanConfidence: 0,
    marks: [],
    error: { code, message },
  };
}

async function savePageImage(image: PageImage, dir: string, page: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  await sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    // Huffman optimisation costs more than twice the encoding for a file about 8% smaller: page images are review
    // crops, written once per page and read a few times.
    .jpeg({ quality: 60, optimiseCoding: false })
    .toFile(path.join(dir, `${page}.jpg`));
}

/** One page: render or read -> prepare -> OCR -> tick boxes and layout from pixels. A bad page becomes data, not a throw. */
export async function processPage(
  doc: SourceDocument,
  pageNo: number,
  engine: OcrEngine,
  opts: PageStageOptions,
): Promise<OcrPage> {
  // Aborting on timeout hands the page's OCR worker back instead of leaving it busy.
  const abort = new AbortController();
  // A page's missed-line strips and second-look crops wait in the worker queues at once, each listening to this
  // signal (at most 8 strips, then 24 crops): not the listener leak Node warns of past 10.
  setMaxListeners(64, abort.signal);
  const work = async (): Promise<OcrPage> => {
    const input = await doc.getPage(pageNo, abort.signal);
    const { page, image } = await ocrPage(input, engine, {
      signal: abort.signal,
      invertBands: opts.invertBands ?? false,
    });
    if (image && !page.error) {
      page.marks = detectMarks(image, page.lines);
      // The layout is a help to the field readers, which read the lines without it: a failure leaves it out.
      const layout = await buildPageLayout(image, page.lines).catch(() => undefined);
      // Its doubtful cells are read again on their own (a cell the engine cannot read keeps its first reading).
      page.layout =
        layout &&
        (await rereadCells(image, layout, page.lines, (crop, s) => engine.recognize(crop, s), abort.signal));
      if (opts.pageImageDir) await savePageImage(image, opts.pageImageDir, pageNo);
    }
    return page;
  };
  try {
    return await withTimeout(work(), opts.timeoutMs, () => {
      abort.abort();
      return new AuditExtractError("PAGE_TIMEOUT", `page ${pageNo} took longer than ${opts.timeoutMs} ms`);
    });
  } catch (e) {
    if (e instanceof AuditExtractError && e.name === "EnvironmentError") throw e;
    const code = e instanceof AuditExtractError ? e.code : "OCR_FAILED";
    return errorPage(pageNo, code, e instanceof Error ? e.message : String(e));
  }
}
