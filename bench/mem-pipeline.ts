/**
 * Memory of the whole in-process pipeline without the OCR engine: one scanned report copied `--pages`/its pages
 * times (each copy a byte apart, as e2e --long does) and run through runIngest with OCR replayed from `--replay DIR`
 * (keyed by page pixels, so every copy replays; add `--record` once, under the OCR lock, to fill DIR). Every
 * `--every K` pages (without `--replay`: real PP-OCR, `--recycle R` its recycleAfter,
 * `--arena off` ONNX Runtime's CPU memory arena off) it prints this process's peak RSS and the main thread's V8 heap, external and array-buffer
 * memory, and the PDF child processes' RSS (separate processes).
 *
 *   npx tsx bench/mem-pipeline.ts --replay /work/data/mem/ocr [--record] [--pages 500] [--every 50]
 */
import { execFileSync } from "node:child_process";
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config/load.ts";
import { openDocument } from "../src/ingest/index.ts";
import { createPaddleEngine } from "../src/ocr/paddle/engine.ts";
import { createEngine } from "../src/pipeline/engine.ts";
import { runIngest } from "../src/pipeline/runner.ts";

const { values } = parseArgs({
  options: {
    file: { type: "string", default: "fixtures/set/report-001-isc-date-stage-order.pdf" },
    pages: { type: "string", default: "500" },
    every: { type: "string", default: "50" },
    replay: { type: "string" },
    record: { type: "boolean", default: false },
    recycle: { type: "string", default: "200" },
    arena: { type: "string", default: "on" },
  },
});

const mb = (b: number) => Math.round(b / 2 ** 20);
const doc = await openDocument(values.file);
const perDoc = doc.pageCount;
await doc.close();
const scratch = mkdtempSync(join(tmpdir(), "bench-mem-"));
const copies = values.record ? 1 : Math.ceil(Number(values.pages) / perDoc);
const files: string[] = [];
for (let c = 0; c < copies; c++) {
  const file = join(scratch, `c${c}.pdf`);
  copyFileSync(values.file, file);
  if (c > 0) appendFileSync(file, `\n%copy ${c}\n`);
  files.push(file);
}

/** RSS of this process's children (the PDF processes), in MB. */
function childRssMb(): number {
  try {
    const out = execFileSync("ps", ["-o", "rss=", "--ppid", String(process.pid)], { encoding: "utf8" });
    return Math.round(out.split("\n").reduce((s, l) => s + (Number(l.trim()) || 0), 0) / 1024);
  } catch {
    return 0;
  }
}

const config = loadConfig({
  env: {},
  flags: {
    ocr: {
      workers: 2,
      engine: "paddle",
      recycleAfter: Number(values.recycle),
      ...(values.replay ? { replayDir: values.replay, record: values.record } : {}),
    },
  },
});
// Real OCR: the engine made here, so the reader's memory options can be set (`--arena off`).
const engine = values.replay
  ? await createEngine(config)
  : await createPaddleEngine({
      workers: 2,
      recycleAfter: Number(values.recycle),
      memoryArena: values.arena !== "off",
    });
let peak = process.memoryUsage().rss;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
const every = Number(values.every);
let done = 0;
const out = join(scratch, "out");
mkdirSync(out, { recursive: true });
console.log(
  `${copies} copies of ${values.file} (${perDoc} pages), replay ${values.replay ?? "none (real OCR)"}`,
);
const cpu0 = process.cpuUsage();
console.log(`arena ${values.arena}, recycleAfter ${values.recycle}`);
console.log("page\tpeakRSS\tRSS\theapUsed\texternal\tarrayBuffers\tPDFprocRSS");
await runIngest({
  inputs: files,
  out,
  config,
  engine,
  onProgress: (e) => {
    if (e.type !== "page") return;
    done++;
    if (done % every !== 0) return;
    const m = process.memoryUsage();
    console.log(
      [done, mb(peak), mb(m.rss), mb(m.heapUsed), mb(m.external), mb(m.arrayBuffers), childRssMb()].join(
        "\t",
      ),
    );
    peak = m.rss;
  },
});
clearInterval(timer);
await engine.close();
rmSync(scratch, { recursive: true, force: true });
const cpu = process.cpuUsage(cpu0);
console.log(`${done} pages, ${((cpu.user + cpu.system) / 1e6 / done).toFixed(2)} CPU-s/page in this process`);
