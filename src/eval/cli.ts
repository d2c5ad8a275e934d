/** npm run eval [set-dir] [--records <out-dir>] [--out <dir>] [--report <path>] [--compare <old.json>]
 * Runs the pipeline over the set's manifest (or scores an existing output folder with --records),
 * prints a per-document and overall table, and writes a JSON report two runs can be compared by. */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadManifest, loadTruth, OutputFolder } from "./load.ts";
import { formatDocuments, formatSummary } from "./print.ts";
import { compareReports, type EvalReport, readReport, writeReport } from "./report-file.ts";
import { type DocumentScore, scoreDocument, summarise } from "./score.ts";

interface RunIngest {
  runIngest(opts: { inputs: string[]; out: string; onProgress?: (e: unknown) => void }): Promise<unknown>;
}

async function runPipeline(inputs: string[], out: string): Promise<void> {
  // Imported lazily: scoring an existing folder must work even while the runner is being written.
  const runner = (await import("../pipeline/runner.ts" as string)) as RunIngest;
  let done = 0;
  await runner.runIngest({
    inputs,
    out,
    onProgress: (e) => {
      if (
        typeof e === "object" &&
        e !== null &&
        "type" in e &&
        (e as { type: unknown }).type === "document"
      ) {
        process.stderr.write(`\r${++done}/${inputs.length} documents`);
      }
    },
  });
  process.stderr.write("\n");
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      records: { type: "string" },
      out: { type: "string", default: "out/eval/run" },
      report: { type: "string", default: "out/eval/report.json" },
      compare: { type: "string" },
      quiet: { type: "boolean", default: false },
    },
  });
  const setDir = resolve(positionals[0] ?? "fixtures/set");
  const manifest = loadManifest(setDir);
  const outDir = resolve(values.records ?? values.out!);
  if (!values.records)
    await runPipeline(
      manifest.map((m) => join(setDir, m.file)),
      outDir,
    );

  const folder = new OutputFolder(outDir);
  const results: DocumentScore[] = [];
  for (const entry of manifest) {
    const truth = loadTruth(join(setDir, entry.truth));
    const { record, text, warning } = folder.get(entry.file);
    if (warning) process.stderr.write(`warning: ${warning}\n`);
    results.push(scoreDocument(truth, record, text));
  }
  const summary = summarise(results);
  const report: EvalReport = {
    createdAt: new Date().toISOString(),
    set: setDir,
    summary,
    documents: results,
  };
  if (!values.quiet) console.log(`${formatDocuments(results)}\n`);
  console.log(formatSummary(summary));
  writeReport(values.report!, report);
  console.log(`\nreport written to ${values.report}`);
  if (values.compare) {
    const diff = compareReports(readReport(values.compare), report);
    console.log(
      `\nchanges since ${values.compare}:\n${diff.length ? diff.map((l) => `  ${l}`).join("\n") : "  none"}`,
    );
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
