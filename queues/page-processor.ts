/**
 * Sandboxed processor for page jobs: runs in a child process forked by the BullMQ worker (see
 * page-sandbox.mjs), so CPU-bound OCR never stalls the parent's lock renewal. One OCR engine per child
 * process, reused across jobs; recycled after a page timed out (the engine may still be busy with it).
 */
import { performance } from "node:perf_hooks";
import type { SandboxedJob } from "bullmq";
import { UnrecoverableError } from "bullmq";
import { AppConfig } from "../src/config/schema.ts";
import { isAuditExtractError } from "../src/domain/errors.ts";
import type { OcrPage } from "../src/domain/ocr.ts";
import type { SourceDocument } from "../src/domain/page.ts";
import { openDocument } from "../src/ingest/index.ts";
import type { OcrEngine } from "../src/ocr/engine.ts";
import { pageImageDir } from "../src/pipeline/outputs.ts";
import { processPage } from "../src/pipeline/page.ts";
import { createWorkerEngine } from "./engine.ts";
import { PageJobData, type PageJobData as PageJobDataT, reasonWithCode } from "./names.ts";

/** Set by the worker on its sandbox children: the worker's configuration, JSON. */
export const WORKER_CONFIG_ENV = "AUDIT_WORKER_CONFIG";

export interface PageJobResult {
  engine: string;
  /** Time spent on this page in the sandbox, ms. */
  ms: number;
  page: OcrPage;
}

let enginePromise: Promise<OcrEngine> | null = null;

function workerConfig(): AppConfig {
  const raw = process.env[WORKER_CONFIG_ENV];
  const config = AppConfig.parse(raw ? JSON.parse(raw) : {});
  // One page at a time per sandbox process: concurrency comes from the number of processes.
  return { ...config, ocr: { ...config.ocr, workers: 1 } };
}

function engine(): Promise<OcrEngine> {
  if (!enginePromise) {
    enginePromise = createWorkerEngine(workerConfig());
    enginePromise.catch(() => {
      enginePromise = null;
    });
  }
  return enginePromise;
}

function recycleEngine(): void {
  const old = enginePromise;
  enginePromise = null;
  old?.then((e) => e.close()).catch(() => undefined);
}

/** The last documents this process opened: consecutive pages of one document skip re-opening. */
const open = new Map<string, { doc: SourceDocument; timer: NodeJS.Timeout }>();
const KEEP_OPEN = 2;
const IDLE_CLOSE_MS = 30_000;

function closeLater(key: string): NodeJS.Timeout {
  const timer = setTimeout(() => {
    const entry = open.get(key);
    open.delete(key);
    entry?.doc.close().catch(() => undefined);
  }, IDLE_CLOSE_MS);
  timer.unref();
  return timer;
}

async function openCached(data: PageJobDataT): Promise<SourceDocument> {
  const key = `${data.documentId}\n${data.file}`;
  const hit = open.get(key);
  if (hit) {
    clearTimeout(hit.timer);
    hit.timer = closeLater(key);
    return hit.doc;
  }
  const doc = await openDocument(data.file, data.settings.limits, { renderDpi: data.settings.renderDpi });
  if (doc.id !== data.documentId) {
    await doc.close().catch(() => undefined);
    throw new UnrecoverableError(
      reasonWithCode("INPUT_CHANGED", `${data.file} changed after it was submitted (sha256 differs)`),
    );
  }
  while (open.size >= KEEP_OPEN) {
    const [oldest, entry] = open.entries().next().value as [
      string,
      { doc: SourceDocument; timer: NodeJS.Timeout },
    ];
    open.delete(oldest);
    clearTimeout(entry.timer);
    await entry.doc.close().catch(() => undefined);
  }
  open.set(key, { doc, timer: closeLater(key) });
  return doc;
}

/** One page: open (or reuse) the document, processPage, return the OcrPage. Bad page data is returned as a
 * page error by processPage; a bad or changed file is unrecoverable; a broken environment is retried. */
export async function runPageJob(data: PageJobDataT): Promise<PageJobResult> {
  const t0 = performance.now();
  try {
    const ocr = await engine();
    const doc = await openCached(data);
    const page = await processPage(doc, data.page, ocr, {
      timeoutMs: data.settings.limits.pageTimeoutMs,
      pageImageDir: data.settings.savePageImages ? pageImageDir(data.out, data.documentId) : null,
    });
    if (page.error?.code === "PAGE_TIMEOUT") recycleEngine();
    return { engine: ocr.name, ms: Math.round(performance.now() - t0), page };
  } catch (e) {
    if (e instanceof UnrecoverableError) throw e;
    if (isAuditExtractError(e)) {
      // Bad input is not going to get better; a broken environment might on a retry or another machine.
      if (e.name === "InputError") throw new UnrecoverableError(reasonWithCode(e.code, e.message));
      throw new Error(reasonWithCode(e.code, e.message));
    }
    throw e;
  }
}

export default async function pageProcessor(
  job: SandboxedJob<unknown, PageJobResult>,
): Promise<PageJobResult> {
  return runPageJob(PageJobData.parse(job.data));
}
