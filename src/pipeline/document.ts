import { performance } from "node:perf_hooks";
import type { AppConfig } from "../config/schema.ts";
import { AuditExtractError, isAuditExtractError } from "../domain/errors.ts";
import type { OcrPage } from "../domain/ocr.ts";
import type { SourceDocument } from "../domain/page.ts";
import type { AuditRecord } from "../domain/record.ts";
import { openDocument } from "../ingest/index.ts";
import type { LlmConfig } from "../llm/index.ts";
import type { OcrEngine } from "../ocr/engine.ts";
import { assembleRecord, failedRecord } from "./assemble.ts";
import { sha256File } from "./hash.ts";
import { errorPage, processPage } from "./page.ts";
import { type Semaphore, withTimeout } from "./semaphore.ts";

export interface DocumentDeps {
  engine: OcrEngine;
  config: AppConfig;
  /** Shared across documents so the OCR pool is never oversubscribed. */
  pages: Semaphore;
  pageImageDir: (documentId: string) => string | null;
  /** Optional LLM assist; null (the default) never calls a model. */
  llm?: LlmConfig | null;
  onPage?: (e: { file: string; page: number; of: number }) => void;
}

export interface DocumentOutcome {
  record: AuditRecord;
  pages: OcrPage[];
}

/** file -> pages -> OCR -> record -> flags. Bad input gives a failed record; only a broken environment throws. */
export async function processDocument(
  filePath: string,
  displayName: string,
  deps: DocumentDeps,
): Promise<DocumentOutcome> {
  const t0 = performance.now();
  let doc: SourceDocument | null = null;
  const meta = { id: "", file: displayName, engine: deps.engine.name, timings: { totalMs: 0, ocrMs: 0 } };
  const { pageTimeoutMs, documentTimeoutMs } = deps.config.limits;
  const deadline = t0 + documentTimeoutMs;
  const overDocument = () =>
    new AuditExtractError("DOCUMENT_TIMEOUT", `the document took longer than ${documentTimeoutMs} ms`);
  try {
    // Opening (parsing a hostile PDF) counts against the document's time too; a late open is closed.
    const opening = openDocument(filePath, deps.config.limits, { renderDpi: deps.config.ocr.dpi });
    doc = await withTimeout(opening, documentTimeoutMs, () => {
      opening.then((late) => late.close()).catch(() => undefined);
      return overDocument();
    });
    meta.id = doc.id;
    const opened = doc;
    const tOcr = performance.now();
    const pages = await Promise.all(
      Array.from({ length: opened.pageCount }, (_, i) =>
        deps.pages.run(async () => {
          // Pages still queued when the document's time is up are not started; a running page gets at most
          // what is left, and is then recorded as DOCUMENT_TIMEOUT rather than PAGE_TIMEOUT.
          const left = Math.floor(deadline - performance.now());
          let page: OcrPage;
          if (left <= 0) {
            page = errorPage(i + 1, "DOCUMENT_TIMEOUT", overDocument().message);
          } else {
            page = await processPage(opened, i + 1, deps.engine, {
              timeoutMs: Math.min(pageTimeoutMs, left),
              pageImageDir: deps.pageImageDir(opened.id),
              invertBands: deps.config.ocr.invertBands,
            });
            if (page.error?.code === "PAGE_TIMEOUT" && left < pageTimeoutMs) {
              page.error = { code: "DOCUMENT_TIMEOUT", message: overDocument().message };
            }
          }
          deps.onPage?.({ file: displayName, page: i + 1, of: opened.pageCount });
          return page;
        }),
      ),
    );
    meta.timings = { ocrMs: Math.round(performance.now() - tOcr), totalMs: 0 };
    // Read after the pages: an engine started on demand has its full name only once a page needed it.
    meta.engine = deps.engine.name;
    const record = await assembleRecord(meta, pages, deps.config.rules, deps.llm ?? null);
    record.document.timings.totalMs = Math.round(performance.now() - t0);
    return { record, pages };
  } catch (e) {
    if (!isAuditExtractError(e) || e.name === "EnvironmentError") throw e;
    if (!meta.id) meta.id = await sha256File(filePath).catch(() => "");
    meta.timings.totalMs = Math.round(performance.now() - t0);
    return { record: failedRecord(meta, e.code, e.message, doc?.pageCount ?? 0), pages: [] };
  } finally {
    await doc?.close().catch(() => undefined);
  }
}
