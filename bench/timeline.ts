/**
 * Where the end-to-end run's time goes and where cores sit idle: the bench's documents through the in-process
 * runner with the engine wrapped, recording every OCR call (start, end, pixels, caller stage) and the main
 * thread's event-loop utilisation. Prints per-stage call counts and worker-seconds, workers busy and main busy.
 *
 *   flock /work/data/ocr.lock npx tsx bench/timeline.ts [--set fixtures/set] [--pages 16] [--workers 2]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config/load.ts";
import type { PageImage } from "../src/domain/page.ts";
import type { EngineResult, OcrEngine } from "../src/ocr/engine.ts";
import { PaddleWorker } from "../src/ocr/paddle/worker-handle.ts";
import { createEngine } from "../src/pipeline/engine.ts";
import { runIngest } from "../src/pipeline/runner.ts";
import { pickDocuments } from "./pick-documents.ts";

const { values } = parseArgs({
  options: {
    set: { type: "string", default: "fixtures/set" },
    pages: { type: "string", default: "16" },
    workers: { type: "string", default: "2" },
  },
});

interface Call {
  t0: number;
  t1: number;
  pixels: number;
  kind: string;
}

const kindOf = (image: PageImage): string => (image.width * image.height > 1_000_000 ? "page" : "crop");

// Time inside the worker threads (post to answer), not the queue: each PaddleWorker answers one job at a time.
const busy: Call[] = [];
const read = PaddleWorker.prototype.read;
PaddleWorker.prototype.read = async function (this: PaddleWorker, image, type) {
  const t0 = performance.now();
  try {
    return await read.call(this, image, type);
  } finally {
    busy.push({
      t0,
      t1: performance.now(),
      pixels: image.width * image.height,
      kind: `${type ?? "read"}:${kindOf(image)}`,
    });
  }
};
const workers = Number(values.workers);
const config = loadConfig({ env: {}, flags: { ocr: { workers } } });
const real = await createEngine(config);
const calls: Call[] = [];
const t00 = performance.now();
const engine: OcrEngine = {
  get name() {
    return real.name;
  },
  async recognize(image: PageImage, signal?: AbortSignal): Promise<EngineResult> {
    const t0 = performance.now();
    const r = await real.recognize(image, signal);
    calls.push({ t0, t1: performance.now(), pixels: image.width * image.height, kind: kindOf(image) });
    return r;
  },
  close: () => real.close(),
};
const picked = pickDocuments(values.set, Number(values.pages));
const files = picked.map((d) => d.file);
const pages = picked.reduce((a, d) => a + d.pages, 0);
const out = mkdtempSync(join(tmpdir(), "timeline-"));
const elu0 = performance.eventLoopUtilization();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let firstPageAt = 0;
await runIngest({
  inputs: files,
  out,
  config,
  engine,
  onProgress: (e) => {
    if (e.type === "page" && !firstPageAt) firstPageAt = performance.now() - t0;
  },
});
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const elu = performance.eventLoopUtilization(elu0);
await real.close();
rmSync(out, { recursive: true, force: true });

const cpuS = (cpu.user + cpu.system) / 1e6;
console.log(
  `${files.length} documents, ${pages} pages: wall ${wall.toFixed(1)} s, ${((pages / wall) * 60).toFixed(1)} pages/min, ` +
    `CPU ${cpuS.toFixed(1)} s (${(cpuS / pages).toFixed(2)}/page), cores busy ${(cpuS / wall).toFixed(2)}, ` +
    `main-thread ELU ${elu.utilization.toFixed(2)} (${(elu.active / 1000).toFixed(1)} s active)`,
);
const byKind = new Map<string, { n: number; s: number; px: number }>();
for (const c of calls) {
  const k = byKind.get(c.kind) ?? { n: 0, s: 0, px: 0 };
  k.n++;
  k.s += (c.t1 - c.t0) / 1000;
  k.px += c.pixels;
  byKind.set(c.kind, k);
}
for (const [k, v] of byKind) {
  console.log(
    `  ${k}: ${v.n} calls, ${v.s.toFixed(1)} s in call (queue included), ${(v.px / v.n / 1e6).toFixed(2)} Mpx mean`,
  );
}
const inWorker = new Map<string, { n: number; s: number }>();
for (const c of busy) {
  const k = inWorker.get(c.kind) ?? { n: 0, s: 0 };
  k.n++;
  k.s += (c.t1 - c.t0) / 1000;
  inWorker.set(c.kind, k);
}
for (const [k, v] of inWorker)
  console.log(
    `  in worker ${k}: ${v.n} jobs, ${v.s.toFixed(1)} s, ${((v.s / v.n) * 1000).toFixed(0)} ms/job`,
  );
// Worker threads busy over time: share of the run with 0, 1, 2+ workers computing.
const events = busy.flatMap((c) => [
  { t: c.t0, d: 1 },
  { t: c.t1, d: -1 },
]);
events.sort((a, b) => a.t - b.t);
const share = [0, 0, 0];
let at = t0;
let n = 0;
for (const e of events) {
  share[Math.min(2, n)]! += e.t - at;
  at = e.t;
  n += e.d;
}
share[0]! += performance.now() - at;
const total = share.reduce((a, b) => a + b, 0);
console.log(
  `  workers computing: none ${((share[0]! / total) * 100).toFixed(0)}%, one ${((share[1]! / total) * 100).toFixed(0)}%, ` +
    `two+ ${((share[2]! / total) * 100).toFixed(0)}%; first page done at ${(firstPageAt / 1000).toFixed(1)} s; engine start ${((t0 - t00) / 1000).toFixed(1)} s`,
);
