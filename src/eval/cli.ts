/** npm run eval [set-dir] [--records <out-dir>] [--out <dir>] [--report <path>] [--compare <old.json>]
 *                          [--rerun-rules] [--replay <golden-ocr-dir>] [--config <file>] [--quiet]
 *                          [--engines tesseract,paddle] [--docs N] [--table <a.json,b.json>] [--errors [--field <prefix>]]
 * Runs the pipeline over the set's manifest (or scores an existing output folder with --records),
 * prints a per-document and overall table (`--rerun-rules` with --records: the rules run again over the stored
 * records, for rule work without OCR), and writes a JSON report two runs can be compared by.
 * `--engines` runs the same documents once per OCR engine (outputs and reports suffixed with the engine) and
 * ends with a side-by-side table; `--docs N` scores N documents spread over the manifest; `--table` prints that
 * table for reports written earlier (e.g. one engine run with --replay/record, one without). */
import { parseArgs } from "node:util";
import { loadConfig } from "../config/load.ts";
import { OcrConfig } from "../config/schema.ts";
import { formatFieldErrors } from "./errors.ts";
import { OutputFolder } from "./load.ts";
import { formatDocuments, formatEngineComparison, formatSummary } from "./print.ts";
import { compareReports, type EvalReport, readReport, writeReport } from "./report-file.ts";
import { evaluateSet } from "./run.ts";

const suffixed = (path: string, engine: string) =>
  /\.json$/.test(path) ? path.replace(/\.json$/, `-${engine}.json`) : `${path}-${engine}`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      records: { type: "string" },
      "rerun-rules": { type: "boolean", default: false },
      out: { type: "string", default: "out/eval/run" },
      report: { type: "string", default: "out/eval/report.json" },
      compare: { type: "string" },
      config: { type: "string" },
      replay: { type: "string" },
      quiet: { type: "boolean", default: false },
      engines: { type: "string" },
      docs: { type: "string" },
      errors: { type: "boolean", default: false },
      field: { type: "string" },
      table: { type: "string" },
    },
  });
  if (values.table) {
    console.log(formatEngineComparison(values.table.split(",").map((p) => readReport(p.trim()))));
    return 0;
  }
  const docs = values.docs === undefined ? undefined : Number(values.docs);
  if (docs !== undefined && !(Number.isInteger(docs) && docs >= 1)) throw new Error("--docs must be ≥ 1");
  const engines = values.engines
    ? values.engines.split(",").map((e) => OcrConfig.shape.engine.parse(e.trim()))
    : [undefined];
  const reports: EvalReport[] = [];
  for (const engine of engines) {
    const multiple = engines.length > 1 && engine !== undefined;
    const ocr = { ...(values.replay ? { replayDir: values.replay } : {}), ...(engine ? { engine } : {}) };
    if (engine) process.stderr.write(`OCR engine ${engine}\n`);
    const out = multiple ? suffixed(values.out!, engine) : values.out!;
    const report = await evaluateSet({
      setDir: positionals[0] ?? "fixtures/set",
      out,
      records: values.records,
      rerunRules: values["rerun-rules"],
      config: loadConfig({ file: values.config, flags: { ocr } }),
      docs,
      onDocument: (done, total) => process.stderr.write(`\r${done}/${total} documents`),
    });
    process.stderr.write("\n");
    if (!values.quiet) console.log(`${formatDocuments(report.documents)}\n`);
    console.log(formatSummary(report.summary));
    if (values.errors)
      console.log(`\n${formatFieldErrors(report, new OutputFolder(values.records ?? out), values.field)}`);
    const reportPath = multiple ? suffixed(values.report!, engine) : values.report!;
    writeReport(reportPath, report);
    console.log(`\nreport written to ${reportPath}\n`);
    if (values.compare) {
      const diff = compareReports(readReport(values.compare), report);
      console.log(
        `\nchanges since ${values.compare}:\n${diff.length ? diff.map((l) => `  ${l}`).join("\n") : "  none"}`,
      );
    }
    reports.push(report);
  }
  if (reports.length > 1) console.log(`\n${formatEngineComparison(reports)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
