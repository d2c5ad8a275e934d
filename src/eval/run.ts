import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { AppConfig } from "../config/schema.ts";
import { runIngest } from "../pipeline/runner.ts";
import { loadManifest, loadTruth, OutputFolder } from "./load.ts";
import type { EvalReport } from "./report-file.ts";
import { type DocumentScore, scoreDocument, summarise } from "./score.ts";

export interface EvaluateOptions {
  setDir: string;
  /** Output folder of the pipeline run; cleared first so a stale record never scores. */
  out: string;
  /** Score this existing output folder instead of running the pipeline. */
  records?: string;
  config?: AppConfig;
  onDocument?: (done: number, total: number) => void;
}

/** Runs the pipeline over a fixture set's manifest and scores every document against its ground truth. */
export async function evaluateSet(opts: EvaluateOptions): Promise<EvalReport> {
  const setDir = resolve(opts.setDir);
  const manifest = loadManifest(setDir);
  const outDir = resolve(opts.records ?? opts.out);
  if (!opts.records) {
    await rm(outDir, { recursive: true, force: true });
    let done = 0;
    await runIngest({
      inputs: manifest.map((m) => join(setDir, m.file)),
      out: outDir,
      config: opts.config,
      onProgress: (e) => {
        if (e.type === "document") opts.onDocument?.(++done, manifest.length);
      },
    });
  }
  const folder = new OutputFolder(outDir);
  const documents: DocumentScore[] = manifest.map((entry) => {
    const { record, text } = folder.get(entry.file);
    return scoreDocument(loadTruth(join(setDir, entry.truth)), record, text);
  });
  return { createdAt: new Date().toISOString(), set: setDir, summary: summarise(documents), documents };
}
