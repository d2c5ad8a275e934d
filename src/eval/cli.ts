/** npm run eval [set-dir] [--records <out-dir>] [--out <dir>] [--report <path>] [--compare <old.json>]
 *                          [--replay <golden-ocr-dir>] [--config <file>] [--quiet]
 * Runs the pipeline over the set's manifest (or scores an existing output folder with --records),
 * prints a per-document and overall table, and writes a JSON report two runs can be compared by. */
import { parseArgs } from "node:util";
import { loadConfig } from "../config/load.ts";
import { formatDocuments, formatSummary } from "./print.ts";
import { compareReports, readReport, writeReport } from "./report-file.ts";
import { evaluateSet } from "./run.ts";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      records: { type: "string" },
      out: { type: "string", default: "out/eval/run" },
      report: { type: "string", default: "out/eval/report.json" },
      compare: { type: "string" },
      config: { type: "string" },
      replay: { type: "string" },
      quiet: { type: "boolean", default: false },
    },
  });
  const flags = values.replay ? { ocr: { replayDir: values.replay } } : {};
  const report = await evaluateSet({
    setDir: positionals[0] ?? "fixtures/set",
    out: values.out!,
    records: values.records,
    config: loadConfig({ file: values.config, flags }),
    onDocument: (done, total) => process.stderr.write(`\r${done}/${total} documents`),
  });
  process.stderr.write("\n");
  if (!values.quiet) console.log(`${formatDocuments(report.documents)}\n`);
  console.log(formatSummary(report.summary));
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
