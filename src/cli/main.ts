import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command, CommanderError, Option } from "commander";
import { loadConfig } from "../config/load.ts";
import { AuditExtractError } from "../domain/errors.ts";
import { safeLine } from "../domain/redact.ts";
import { checkOutDir } from "../pipeline/preflight.ts";
import { runIngest } from "../pipeline/runner.ts";
import { describeError, EXIT, exitCodeFor } from "./exit-codes.ts";
import { installOutputRedaction } from "./output.ts";
import { closingLine, createProgress } from "./progress.ts";

/** Where the command's messages go; tests pass their own to keep the run quiet and read what was said. */
export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STDIO: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** The package's version, from the package.json above this file (src/cli/ in a checkout, dist/src/cli/ built). */
function packageVersion(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === "audit-extract" && pkg.version) return pkg.version;
  }
  return "unknown";
}

const EXAMPLES = `
Examples:
  $ audit-extract ingest fixtures/sample --out out/sample       read two scanned reports, write records and review.html
  $ audit-extract ingest scans/ --out out/batch --workers 2 -c audit-extract.config.json
  $ audit-extract export out/batch --format csv html             rebuild exports from the records, no OCR
  $ REDIS_URL=redis://127.0.0.1:6379 audit-extract worker        a queue worker (run as many as you like)
  $ audit-extract ingest scans/ --out out/batch --queue          the same batch through the workers
  $ audit-extract status                                         queue counts and failed documents

Exit status: 0 all extracted, 3 some inputs rejected, 2 usage or configuration error, 1 broken environment.
`;

function configFrom(opts: { config?: string; workers?: string; pageImages?: boolean; ocr?: string }) {
  const flags: Record<string, unknown> = {};
  const ocr: Record<string, unknown> = {};
  if (opts.workers !== undefined) {
    const n = Number(opts.workers);
    if (!Number.isInteger(n) || n < 1)
      throw new AuditExtractError("USAGE", `--workers must be a whole number ≥ 1, got ${opts.workers}`);
    ocr.workers = n;
  }
  if (opts.ocr !== undefined) ocr.engine = opts.ocr;
  if (Object.keys(ocr).length > 0) flags.ocr = ocr;
  if (opts.pageImages === false) flags.savePageImages = false;
  return loadConfig({ file: opts.config, flags });
}

async function ingest(
  paths: string[],
  opts: {
    out: string;
    queue?: boolean;
    config?: string;
    workers?: string;
    pageImages?: boolean;
    ocr?: string;
  },
  io: CliOutput,
) {
  const config = configFrom(opts);
  await checkOutDir(opts.out);
  const progress = createProgress(io === STDIO ? process.stderr : { write: io.err });
  try {
    const run = opts.queue ? (await import("../../queues/submit.ts")).runQueuedIngest : runIngest;
    const result = await run({
      inputs: paths,
      out: opts.out,
      config,
      onProgress: (e) => progress.onEvent(e),
    });
    progress.stop();
    for (const d of result.damaged) {
      io.err(`${safeLine(`skipped damaged ${d.file} in ${opts.out}: ${d.reason}`)}\n`);
    }
    io.err(`${closingLine(result.records, result.rejected, opts.out)}\n`);
    return result.rejected > 0 ? EXIT.REJECTED : EXIT.OK;
  } finally {
    progress.stop();
  }
}

async function exportCmd(outDir: string, opts: { format: string[] }) {
  const { exportAll } = await import("../export/index.ts");
  const formats = opts.format.flatMap((f) => f.split(","));
  const allowed = ["json", "jsonl", "csv", "html"] as const;
  type Format = (typeof allowed)[number];
  const bad = formats.filter((f) => !(allowed as readonly string[]).includes(f));
  if (bad.length)
    throw new AuditExtractError(
      "USAGE",
      `unknown export format ${bad.join(", ")}`,
      "use csv, jsonl, html or json",
    );
  if (!existsSync(path.join(outDir, "records")))
    throw new AuditExtractError(
      "USAGE",
      `no records in ${outDir}`,
      "give the --out folder of an earlier ingest run",
    );
  const { reviewForExport } = await import("../review/export-data.ts");
  await exportAll(outDir, formats as Format[], reviewForExport(outDir));
  return EXIT.OK;
}

const ocrOption = () =>
  new Option("--ocr <engine>", "OCR engine (default: configuration, else paddle)").choices([
    "tesseract",
    "paddle",
  ]);

export function buildProgram(setExit: (code: number) => void, io: CliOutput = STDIO): Command {
  const program = new Command()
    .name("audit-extract")
    .description("Scanned Chinese certification audit reports -> validated records and QA flags")
    .version(packageVersion(), "-V, --version")
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
    .showHelpAfterError()
    .addHelpText("after", EXAMPLES);

  program
    .command("ingest")
    .description("extract records from PDFs, page images or folders of them")
    .argument("<paths...>", "files or folders")
    .requiredOption("-o, --out <dir>", "output folder")
    .option("--queue", "submit to BullMQ workers on REDIS_URL instead of running in-process")
    .option("-c, --config <file>", "configuration file (JSON)")
    .option("-w, --workers <n>", "OCR workers, i.e. cores OCR keeps busy (default: one per core)")
    .addOption(ocrOption())
    .option("--no-page-images", "do not keep page images for the review page's crops")
    .action(async (paths: string[], opts) => setExit(await ingest(paths, opts, io)));

  program
    .command("export")
    .description("rebuild exports from the records in an output folder, without OCR")
    .argument("<out-dir>")
    .addOption(
      new Option("-f, --format <formats...>", "csv, jsonl, html, json").default(["csv", "jsonl", "html"]),
    )
    .action(async (outDir: string, opts) => setExit(await exportCmd(outDir, opts)));

  program
    .command("review")
    .description(
      "serve the review page with decisions (confirm / dismiss / correct), kept in <out-dir>/review.sqlite",
    )
    .argument("<out-dir>")
    .option("--port <n>", "port (default 7340)")
    .option("--host [address]", "listen beyond 127.0.0.1 (alone: every interface)")
    .option("-c, --config <file>", "configuration file (JSON), for the rules run again on corrected fields")
    .action(async (outDir: string, opts) => {
      const { runReviewCli } = await import("../review/cli.ts");
      setExit(await runReviewCli(outDir, opts));
    });

  program
    .command("worker")
    .description("run a BullMQ worker on REDIS_URL (as many as you like, on any machine)")
    .option("-c, --config <file>", "configuration file (JSON)")
    .option("--concurrency <n>", "jobs at once (default: one per core)")
    .addOption(ocrOption())
    .action(async (opts) => {
      const { runWorkerCli } = await import("../../queues/worker-cli.ts");
      setExit(await runWorkerCli(configFrom(opts), opts.concurrency ? Number(opts.concurrency) : undefined));
    });

  program
    .command("status")
    .description("queue counts per state and failed documents with reasons")
    .option("-c, --config <file>", "configuration file (JSON)")
    .action(async (opts) => {
      const { printStatus } = await import("../../queues/status.ts");
      setExit(await printStatus(configFrom(opts)));
    });
  return program;
}

export async function main(argv: string[], io: CliOutput = STDIO): Promise<number> {
  if (io === STDIO) installOutputRedaction();
  let code: number = EXIT.OK;
  try {
    await buildProgram((c) => {
      code = c;
    }, io).parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    io.err(`${describeError(e)}\n`);
    return exitCodeFor(e);
  }
}

const isEntry = process.argv[1] && /(main\.[jt]s|audit-extract(\.js)?)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
