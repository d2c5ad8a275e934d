import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import type { AppConfig } from "../config/schema.ts";
import type { AuditRecord } from "../domain/record.ts";
import { runIngest } from "../pipeline/runner.ts";
import { runCrossRules, runRules, sortFlags } from "../rules/registry.ts";
import { loadManifest, loadTruth, OutputFolder } from "./load.ts";
import type { EvalReport } from "./report-file.ts";
import { type DocumentScore, scoreDocument, summarise } from "./score.ts";
import { selectDocuments } from "./select.ts";

export interface EvaluateOptions {
  setDir: string;
  /** Output folder of the pipeline run; cleared first so a stale record never scores. */
  out: string;
  /** Score this existing output folder instead of running the pipeline. */
  records?: string;
  /** With `records`: run the QA rules again over the stored records (rule work without OCR or parsing). */
  rerunRules?: boolean;
  config?: AppConfig;
  /** Score only this many documents, spread evenly over the manifest (a quicker run). */
  docs?: number;
  onDocument?: (done: number, total: number) => void;
}

/** Replaces every record's flags with what today's rules say, per record and across the batch (in place). */
function rerunRules(records: readonly (AuditRecord | null)[], rules: unknown): void {
  const present = records.filter((r): r is AuditRecord => r !== null);
  const cross = runCrossRules(present, rules);
  for (const r of present) r.flags = sortFlags([...runRules(r, rules), ...(cross.get(r.document.id) ?? [])]);
}

/** Runs the pipeline over a fixture set's manifest and scores every document against its ground truth. */
export async function evaluateSet(opts: EvaluateOptions): Promise<EvalReport> {
  const setDir = resolve(opts.setDir);
  const manifest = selectDocuments(loadManifest(setDir), opts.docs);
  const outDir = resolve(opts.records ?? opts.out);
  let wallSeconds: number | null = null;
  if (!opts.records) {
    await rm(outDir, { recursive: true, force: true });
    let done = 0;
    const started = performance.now();
    await runIngest({
      inputs: manifest.map((m) => join(setDir, m.file)),
      out: outDir,
      config: opts.config,
      onProgress: (e) => {
        if (e.type === "document") opts.onDocument?.(++done, manifest.length);
      },
    });
    wallSeconds = (performance.now() - started) / 1000;
  }
  const folder = new OutputFolder(outDir);
  const outputs = manifest.map((entry) => ({ entry, ...folder.get(entry.file) }));
  if (opts.rerunRules)
    rerunRules(
      outputs.map((o) => o.record),
      opts.config?.rules,
    );
  const documents: DocumentScore[] = outputs.map(({ entry, record, text }) =>
    scoreDocument(loadTruth(join(setDir, entry.truth)), record, text),
  );
  const summary = summarise(documents);
  const pages = documents.reduce((n, d) => n + d.pages, 0);
  return {
    createdAt: new Date().toISOString(),
    set: setDir,
    engine: opts.config?.ocr.engine ?? null,
    wallSecondsPerPage: wallSeconds !== null && pages > 0 ? wallSeconds / pages : null,
    summary,
    documents,
  };
}
