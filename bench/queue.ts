/**
 * Queued vs in-process throughput on the same machine, real OCR, side by side in one run.
 *
 *   npm run bench:queue -- [--docs N] [--workers W]
 *
 * Takes the first N scanned reports of fixtures/set, runs them in-process (one OCR worker per core), then
 * through W local worker processes (`queues/worker-main.ts`, one sandboxed page job each) on the Redis at
 * REDIS_URL under a throw-away prefix. Worker start-up (engine check) is outside the timing, as for a
 * long-running service; the first OCR process start per sandbox is inside it. Prints pages/min for both and
 * the ratio, and checks that both runs wrote the same records.
 * Writes bench/results/queue-<timestamp>.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runQueuedIngest } from "../queues/submit.ts";
import { AppConfig } from "../src/config/schema.ts";
import type { AuditRecord } from "../src/domain/record.ts";
import { runIngest } from "../src/pipeline/runner.ts";
import {
  comparable,
  deletePrefix,
  ensureStopped,
  startWorkerProcess,
  uniquePrefix,
} from "../test/queues/helpers.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    docs: { type: "string", default: "8" },
    workers: { type: "string", default: "2" },
  },
});
const docCount = Math.max(1, Number(values.docs));
const workerCount = Math.max(1, Number(values.workers));
const cores = availableParallelism();
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

interface ManifestDoc {
  file: string;
  kind: string;
  pages: number;
}

function pickDocuments(): { files: string[]; pages: number } {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, "fixtures/set/manifest.json"), "utf8")) as {
    documents: ManifestDoc[];
  };
  // Short reports first so a small N still spans several documents; the 13-page seed comes last.
  const docs = manifest.documents
    .filter((d) => d.kind === "audit_report" && d.file.endsWith(".pdf"))
    .sort((a, b) => a.pages - b.pages || a.file.localeCompare(b.file))
    .slice(0, docCount);
  return {
    files: docs.map((d) => path.join(ROOT, "fixtures/set", d.file)),
    pages: docs.reduce((n, d) => n + d.pages, 0),
  };
}

/** Records without what depends on the runner (timings), in a stable order. */
function comparableSet(records: readonly AuditRecord[]): string[] {
  return records.map((r) => JSON.stringify(comparable(r))).sort();
}

async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const t0 = performance.now();
  const value = await run();
  return { seconds: (performance.now() - t0) / 1000, value };
}

async function main(): Promise<void> {
  const { files, pages } = pickDocuments();
  console.log(`${files.length} documents, ${pages} pages; ${cores} cores; ${workerCount} queued workers`);
  const scratch = mkdtempSync(path.join(tmpdir(), "bench-queue-"));
  const prefix = uniquePrefix("bench");
  const config = AppConfig.parse({
    ocr: { workers: cores },
    queue: { redisUrl, prefix, concurrency: 1 },
  });

  const inProcess = await timed(() =>
    runIngest({ inputs: files, out: path.join(scratch, "in-process"), config }),
  );
  console.log(`in-process: ${inProcess.seconds.toFixed(1)} s`);

  const workers = Array.from({ length: workerCount }, () =>
    startWorkerProcess({ prefix, redisUrl, concurrency: 1, realEngine: true }),
  );
  let queued: { seconds: number; value: Awaited<ReturnType<typeof runQueuedIngest>> };
  try {
    await Promise.all(workers.map((w) => w.ready));
    queued = await timed(() =>
      runQueuedIngest({ inputs: files, out: path.join(scratch, "queued"), config, pollMs: 200 }),
    );
  } finally {
    await Promise.all(workers.map((w) => ensureStopped(w)));
    await deletePrefix(redisUrl, prefix);
  }
  console.log(`queued: ${queued.seconds.toFixed(1)} s`);

  const same =
    JSON.stringify(comparableSet(inProcess.value.records)) ===
    JSON.stringify(comparableSet(queued.value.records));
  const ppm = (s: number) => (pages / s) * 60;
  const ratio = inProcess.seconds / queued.seconds;
  console.log("\n| runner | seconds | pages/min |\n|---|---|---|");
  console.log(
    `| in-process, ${cores} OCR workers | ${inProcess.seconds.toFixed(1)} | ${ppm(inProcess.seconds).toFixed(1)} |`,
  );
  console.log(
    `| queued, ${workerCount} worker processes | ${queued.seconds.toFixed(1)} | ${ppm(queued.seconds).toFixed(1)} |`,
  );
  console.log(`\nqueued / in-process throughput: ${ratio.toFixed(2)}x; records identical: ${same}`);

  const resultDir = path.join(ROOT, "bench/results");
  mkdirSync(resultDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  writeFileSync(
    path.join(resultDir, `queue-${stamp}.json`),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        cores,
        documents: files.length,
        pages,
        workers: workerCount,
        inProcessSeconds: inProcess.seconds,
        queuedSeconds: queued.seconds,
        ratio,
        recordsIdentical: same,
      },
      null,
      2,
    )}\n`,
  );
  rmSync(scratch, { recursive: true, force: true });
  if (!same) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
});
