import { performance } from "node:perf_hooks";
import { type Job, UnrecoverableError } from "bullmq";
import { AuditExtractError } from "../src/domain/errors.ts";
import { OcrPage } from "../src/domain/ocr.ts";
import type { AuditRecord } from "../src/domain/record.ts";
import { llmConfigFromEnv } from "../src/llm/index.ts";
import { assembleRecord, type DocumentMeta, failedRecord } from "../src/pipeline/assemble.ts";
import { writeDocumentOutputs } from "../src/pipeline/outputs.ts";
import { errorPage } from "../src/pipeline/page.ts";
import {
  codeFromReason,
  DocumentJobData,
  type DocumentJobData as DocumentJobDataT,
  type DocumentJobResult,
  messageFromReason,
  pageFromKey,
  reasonWithCode,
} from "./names.ts";
import type { PageJobResult } from "./page-processor.ts";

export interface DocumentProcessorDeps {
  /** Name of this worker's OCR engine, for records of documents that were never OCR'd. */
  engineName: string;
}

function isPageResult(v: unknown): v is PageJobResult {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Partial<PageJobResult>;
  return typeof r.engine === "string" && OcrPage.safeParse(r.page).success;
}

function resultOf(record: AuditRecord): DocumentJobResult {
  return {
    documentId: record.document.id,
    file: record.document.file,
    status: record.document.status,
    kind: record.document.kind,
    codes: record.document.errors.map((e) => e.code),
    pages: record.document.pages,
  };
}

/** The page results of a document job, in page order; a page whose job failed becomes a page error. */
async function collectPages(
  job: Job,
  pageCount: number,
): Promise<{ pages: OcrPage[]; engine: string | null; ocrMs: number }> {
  const values = await job.getChildrenValues<unknown>();
  const failures = await job.getIgnoredChildrenFailures();
  const byPage = new Map<number, OcrPage>();
  let engine: string | null = null;
  let ocrMs = 0;
  for (const [key, value] of Object.entries(values)) {
    const n = pageFromKey(key);
    if (n === null || !isPageResult(value)) continue;
    byPage.set(n, value.page);
    engine ??= value.engine;
    ocrMs += value.ms;
  }
  for (const [key, reason] of Object.entries(failures)) {
    const n = pageFromKey(key);
    if (n === null || byPage.has(n)) continue;
    byPage.set(n, errorPage(n, codeFromReason(reason, "OCR_FAILED"), messageFromReason(reason)));
  }
  // A document job runs only once every page job has finished, so a page with neither a result nor a failure
  // means Redis lost them (restarted without persistence). Writing the record now would turn pages that were
  // read into page errors; failing lets the job run again with its pages.
  const missing = Array.from({ length: pageCount }, (_, i) => i + 1).filter((n) => !byPage.has(n));
  if (missing.length > 0) {
    throw new AuditExtractError(
      "QUEUE_STATE_LOST",
      `no result for page ${missing.join(", ")} of ${pageCount}: the queue lost them`,
    );
  }
  const pages = Array.from({ length: pageCount }, (_, i) => byPage.get(i + 1)!);
  return { pages, engine, ocrMs };
}

/** Document job: runs once all its page jobs are done (completed or failed for good). Assembles the record
 * with the pipeline's own functions and writes the outputs into the payload's `out` folder. */
export async function processDocumentJob(job: Job, deps: DocumentProcessorDeps): Promise<DocumentJobResult> {
  const data = DocumentJobData.parse(job.data);
  const t0 = performance.now();
  const meta: DocumentMeta = {
    id: data.documentId,
    file: data.display,
    engine: deps.engineName,
    timings: { totalMs: 0, ocrMs: 0 },
  };
  if (data.inputError) {
    // Rejected when submitted: the failed record is the result; the job fails for good with the code.
    meta.timings.totalMs = Math.round(performance.now() - t0);
    const record = failedRecord(meta, data.inputError.code, data.inputError.message, data.pageCount);
    await writeDocumentOutputs(data.out, record, []);
    throw new UnrecoverableError(reasonWithCode(data.inputError.code, data.inputError.message));
  }
  try {
    const { pages, engine, ocrMs } = await collectPages(job, data.pageCount);
    meta.engine = engine ?? deps.engineName;
    meta.timings.ocrMs = ocrMs;
    // The key stays out of job data: each worker reads its own LLM settings.
    const record = await assembleRecord(meta, pages, data.settings.rules, llmConfigFromEnv(process.env));
    record.document.timings.totalMs = Math.max(0, Date.now() - job.timestamp);
    await writeDocumentOutputs(data.out, record, pages);
    return resultOf(record);
  } catch (e) {
    // Out of retries: leave a failed record so nothing is lost, and fail with the code.
    const attempts = job.opts.attempts ?? 1;
    const code = codeOf(e);
    const message = e instanceof Error ? e.message : String(e);
    if (job.attemptsMade + 1 >= attempts) {
      await writeFailed(data, meta, code, message).catch(() => undefined);
      throw new UnrecoverableError(reasonWithCode(code, message));
    }
    throw new Error(reasonWithCode(code, message), { cause: e });
  }
}

function codeOf(e: unknown): string {
  if (typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string") {
    const code = (e as { code: string }).code;
    if (/^[A-Z][A-Z0-9_]+$/.test(code)) return code;
  }
  return "DOCUMENT_FAILED";
}

/** The failed record for a document the queue gave up on. Used by the worker on its last attempt and by the
 * submitter when a document job failed without leaving a record. */
export async function writeFailed(
  data: DocumentJobDataT,
  meta: DocumentMeta,
  code: string,
  message: string,
): Promise<AuditRecord> {
  const record = failedRecord(meta, code, message, data.pageCount);
  await writeDocumentOutputs(data.out, record, []);
  return record;
}
