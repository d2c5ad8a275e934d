import { loadConfig } from "../config/load.ts";
import type { AppConfig } from "../config/schema.ts";
import type { AuditRecord } from "../domain/record.ts";
import { outputName } from "../export/names.ts";
import { llmConfigFromEnv } from "../llm/index.ts";
import type { OcrEngine } from "../ocr/engine.ts";
import { failedRecord } from "./assemble.ts";
import { finishBatch } from "./batch-end.ts";
import { processDocument } from "./document.ts";
import { createEngineOnDemand } from "./engine.ts";
import { sha256File } from "./hash.ts";
import { expandInputs } from "./inputs.ts";
import {
  type DamagedRecord,
  findDone,
  pageImageDir,
  readRecordNamed,
  writeDocumentOutputs,
  writeDuplicateOutputs,
} from "./outputs.ts";
import { checkOutDir } from "./preflight.ts";
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
  /** Records in `out` that were damaged (truncated, empty) and left out of the batch's exports. */
  damaged: DamagedRecord[];
}

export function isRejected(r: AuditRecord): boolean {
  return r.document.status === "failed" || r.document.kind === "not_audit_report";
}

/** The in-process runner, the default: no services needed. */
export async function runIngest(opts: IngestOptions): Promise<IngestResult> {
  const config = opts.config ?? loadConfig();
  const emit = opts.onProgress ?? (() => undefined);
  await checkOutDir(opts.out);
  const { files, missing, unreadable } = await expandInputs(opts.inputs);
  emit({ type: "start", files: files.length + missing.length + unreadable.length });
  const llm = llmConfigFromEnv(process.env);
  const engine = opts.engine ?? (await createEngineOnDemand(config));
  const pages = new Semaphore(config.ocr.workers * PAGES_PER_WORKER);
  const docs = new Semaphore(2);
  const reject = async (file: string, code: string, message: string) => {
    const meta = { id: "", file, engine: engine.name, timings: { totalMs: 0, ocrMs: 0 } };
    await writeDocumentOutputs(opts.out, failedRecord(meta, code, message), []);
    emit({
      type: "document",
      file,
      status: "failed",
      kind: "unknown",
      codes: [code],
      reused: false,
      pages: 0,
    });
  };
  try {
    for (const m of missing) await reject(m, "INPUT_NOT_FOUND", `no such file or folder: ${m}`);
    for (const u of unreadable)
      await reject(u.display, "INPUT_UNREADABLE", `cannot read ${u.display}: ${u.reason}`);
    // Identical bytes under several names are read once; every name then gets its own record.
    const byId = new Map<string, Promise<AuditRecord | null>>();
    await Promise.all(
      files.map(async (f) => {
        const id = await sha256File(f.path).catch(() => null);
        const first = id ? byId.get(id) : undefined;
        if (id && first) {
          const record = await first;
          if (record) {
            await duplicate(record, f.display);
            return;
          }
        }
        const work = docs.run(() => one(f, id));
        if (id && !first) byId.set(id, work);
        await work;
      }),
    );
  } finally {
    if (!opts.engine) await engine.close();
  }

  async function duplicate(done: AuditRecord, display: string): Promise<void> {
    const named =
      done.document.file === display
        ? done
        : await readRecordNamed(
            opts.out,
            outputName({ ...done, document: { ...done.document, file: display } }),
          );
    const record = named ?? (await writeDuplicateOutputs(opts.out, done, display));
    emitDocument(record, display, named !== null);
  }

  function emitDocument(record: AuditRecord, file: string, reused: boolean): void {
    emit({
      type: "document",
      file,
      status: record.document.status,
      kind: record.document.kind,
      codes: record.document.errors.map((e) => e.code),
      reused,
      pages: record.document.pages,
    });
  }

  async function one(f: { path: string; display: string }, id: string | null): Promise<AuditRecord | null> {
    const done = id ? await findDone(opts.out, id) : null;
    if (done) {
      await duplicate(done, f.display);
      return done;
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
    emitDocument(record, f.display, false);
    return record;
  }

  emit({ type: "finishing" });
  const damaged: DamagedRecord[] = [];
  const all = await finishBatch(opts.out, config.rules, damaged);
  const names = new Set([...files.map((f) => f.display), ...missing, ...unreadable.map((u) => u.display)]);
  const records = all.filter((r) => names.has(r.document.file));
  return { records, rejected: records.filter(isRejected).length, damaged };
}
