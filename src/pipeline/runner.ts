import { loadConfig } from "../config/load.ts";
import type { AppConfig } from "../config/schema.ts";
import type { AuditRecord } from "../domain/record.ts";
import { llmConfigFromEnv } from "../llm/index.ts";
import type { OcrEngine } from "../ocr/engine.ts";
import { failedRecord } from "./assemble.ts";
import { finishBatch } from "./batch-end.ts";
import { processDocument } from "./document.ts";
import { createEngine } from "./engine.ts";
import { sha256File } from "./hash.ts";
import { expandInputs } from "./inputs.ts";
import { findDone, pageImageDir, writeDocumentOutputs } from "./outputs.ts";
import { PAGES_PER_WORKER, Semaphore } from "./semaphore.ts";

export type ProgressEvent =
  | { type: "start"; files: number }
  | { type: "page"; file: string; page: number; of: number }
  | {
      type: "document";
      file: string;
      status: string;
      kind: string;
      codes: string[];
      reused: boolean;
      pages: number;
    }
  | { type: "finishing" };

export interface IngestOptions {
  inputs: string[];
  out: string;
  config?: AppConfig;
  /** Injected in tests (a crashing engine, a recorded one); otherwise made from config and closed after. */
  engine?: OcrEngine;
  onProgress?: (e: ProgressEvent) => void;
}

export interface IngestResult {
  records: AuditRecord[];
  /** Inputs that were rejected (failed status or not an audit report). */
  rejected: number;
}

export function isRejected(r: AuditRecord): boolean {
  return r.document.status === "failed" || r.document.kind === "not_audit_report";
}

/** The in-process runner, the default: no services needed. */
export async function runIngest(opts: IngestOptions): Promise<IngestResult> {
  const config = opts.config ?? loadConfig();
  const emit = opts.onProgress ?? (() => undefined);
  const { files, missing } = await expandInputs(opts.inputs);
  emit({ type: "start", files: files.length + missing.length });
  const llm = llmConfigFromEnv(process.env);
  const engine = opts.engine ?? (await createEngine(config));
  const pages = new Semaphore(config.ocr.workers * PAGES_PER_WORKER);
  const docs = new Semaphore(2);
  try {
    for (const m of missing) {
      const record = failedRecord(
        { id: "", file: m, engine: engine.name, timings: { totalMs: 0, ocrMs: 0 } },
        "INPUT_NOT_FOUND",
        `no such file or folder: ${m}`,
      );
      emit({
        type: "document",
        file: m,
        status: "failed",
        kind: "unknown",
        codes: ["INPUT_NOT_FOUND"],
        reused: false,
        pages: 0,
      });
      await writeDocumentOutputs(opts.out, record, []);
    }
    await Promise.all(
      files.map((f) =>
        docs.run(async () => {
          const id = await sha256File(f.path).catch(() => null);
          const done = id ? await findDone(opts.out, id) : null;
          if (done) {
            emit({
              type: "document",
              file: f.display,
              status: done.document.status,
              kind: done.document.kind,
              codes: done.document.errors.map((e) => e.code),
              reused: true,
              pages: done.document.pages,
            });
            return;
          }
          const { record, pages: ocrPages } = await processDocument(f.path, f.display, {
            engine,
            config,
            pages,
            pageImageDir: (docId) => (config.savePageImages ? pageImageDir(opts.out, docId) : null),
            onPage: (e) => emit({ type: "page", ...e }),
            llm,
          });
          await writeDocumentOutputs(opts.out, record, ocrPages);
          emit({
            type: "document",
            file: f.display,
            status: record.document.status,
            kind: record.document.kind,
            codes: record.document.errors.map((e) => e.code),
            reused: false,
            pages: record.document.pages,
          });
        }),
      ),
    );
  } finally {
    if (!opts.engine) await engine.close();
  }
  emit({ type: "finishing" });
  const all = await finishBatch(opts.out, config.rules);
  const names = new Set(files.map((f) => f.display).concat(missing));
  const records = all.filter((r) => names.has(r.document.file));
  return { records, rejected: records.filter(isRejected).length };
}
