/**
 * How well the runner's scheduling keeps two OCR workers fed, without OCR and without the OCR lock: the documents'
 * recorded PP-OCR readings are replayed through a two-slot pool that holds each call for a modelled worker time
 * (`--page-ms` for an A4 page at 200 DPI, scaled by pixels, plus `--call-ms`). The slots do no computing, so the
 * main thread's stages (preparation, tick boxes, layout, parse, rules, export) run as they do beside real workers.
 * Prints the wall time, the slots' occupancy and the share of the run with none, one or both slots busy.
 *
 *   npx tsx bench/occupancy.ts [--set fixtures/open-set] [--ocr fixtures/open-ocr] [--docs 5] [--page-ms 1900]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config/load.ts";
import type { PageImage } from "../src/domain/page.ts";
import type { EngineResult, OcrEngine } from "../src/ocr/engine.ts";
import { ReplayEngine } from "../src/ocr/replay.ts";
import { runIngest } from "../src/pipeline/runner.ts";

const { values } = parseArgs({
  options: {
    set: { type: "string", default: "fixtures/open-set" },
    ocr: { type: "string", default: "fixtures/open-ocr" },
    docs: { type: "string", default: "5" },
    "page-ms": { type: "string", default: "1900" },
    "call-ms": { type: "string", default: "20" },
  },
});
const A4 = 1654 * 2339;
const pageMs = Number(values["page-ms"]);
const callMs = Number(values["call-ms"]);

/** Two slots, FIFO: a call waits for a free slot, then holds it for its modelled time. */
class SlotEngine implements OcrEngine {
  readonly name = "PP-OCRv4 onnxruntime-node";
  private free = 2;
  private readonly waiting: (() => void)[] = [];
  readonly busy: { t0: number; t1: number }[] = [];
  constructor(private readonly replay: ReplayEngine) {}
  async recognize(image: PageImage, signal?: AbortSignal): Promise<EngineResult> {
    const result = this.replay.recognize(image, signal);
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    const t0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, callMs + (pageMs * image.width * image.height) / A4));
    this.busy.push({ t0, t1: performance.now() });
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
    return result;
  }
  async close(): Promise<void> {}
}

const manifest = JSON.parse(readFileSync(join(values.set, "manifest.json"), "utf8")) as {
  documents: { file: string; kind: string; pages: number }[];
};
const docs = manifest.documents
  .filter((d) => d.kind === "audit_report" && d.file.endsWith(".pdf"))
  .slice(0, Number(values.docs));
const pages = docs.reduce((s, d) => s + d.pages, 0);
const engine = new SlotEngine(new ReplayEngine(values.ocr));
const config = loadConfig({ env: {}, flags: { ocr: { workers: 2 } } });
const out = mkdtempSync(join(tmpdir(), "occupancy-"));
const t0 = performance.now();
await runIngest({ inputs: docs.map((d) => join(values.set, d.file)), out, config, engine });
const t1 = performance.now();
rmSync(out, { recursive: true, force: true });

const events = engine.busy.flatMap((b) => [
  { t: b.t0, d: 1 },
  { t: b.t1, d: -1 },
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
share[0]! += t1 - at;
const wall = (t1 - t0) / 1000;
const held = engine.busy.reduce((s, b) => s + b.t1 - b.t0, 0) / 1000;
const pct = (v: number) => `${((v / (t1 - t0)) * 100).toFixed(0)}%`;
console.log(
  `${docs.length} documents, ${pages} pages, ${engine.busy.length} OCR calls: wall ${wall.toFixed(1)} s, ` +
    `slots held ${held.toFixed(1)} s (occupancy ${((held / (2 * wall)) * 100).toFixed(0)}% of 2), ` +
    `slots busy: none ${pct(share[0]!)}, one ${pct(share[1]!)}, both ${pct(share[2]!)}`,
);
