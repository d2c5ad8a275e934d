/**
 * Memory of the OCR engine alone (no parse, no export, no PDF processes during the loop): the scanned pages of one
 * report are rendered and prepared once, then pushed `--pages N` times in all through a PP-OCR engine (worker
 * threads, as in a real run), two at a time. Every `--every K` pages it prints this process's RSS (the workers are
 * threads in it) and the main thread's V8 heap, external and array-buffer memory, and CPU-s per page over the
 * interval. `--reader JSON` sets PaddleReader options (e.g. '{"memoryArena":false}'); `--recycle R` the pool's
 * recycleAfter. `--dump FILE` writes every reading of the first pass (for comparing two option sets).
 *
 *   flock /work/data/ocr.lock npx tsx bench/mem.ts [--file PDF] [--pages 100] [--every 25] [--recycle 200]
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { PageImage } from "../src/domain/page.ts";
import { openDocument } from "../src/ingest/index.ts";
import type { EngineResult } from "../src/ocr/engine.ts";
import { createPaddleEngine } from "../src/ocr/paddle/engine.ts";
import type { PaddleReaderOptions } from "../src/ocr/paddle/reader.ts";
import { prepareImage } from "../src/ocr/prepare.ts";

const { values } = parseArgs({
  options: {
    file: { type: "string", default: "fixtures/set/report-001-isc-date-stage-order.pdf" },
    pages: { type: "string", default: "100" },
    every: { type: "string", default: "25" },
    workers: { type: "string", default: "2" },
    recycle: { type: "string", default: "200" },
    reader: { type: "string", default: "{}" },
    dump: { type: "string" },
  },
});

const images: PageImage[] = [];
const doc = await openDocument(values.file);
for (let p = 1; p <= doc.pageCount; p++) {
  const input = await doc.getPage(p);
  if (input.kind !== "raster") continue;
  images.push((await prepareImage(input.image, { probeUpsideDown: false })).image);
}
await doc.close();
if (images.length === 0) throw new Error(`${values.file} has no scanned page`);

const reader = JSON.parse(values.reader) as Partial<PaddleReaderOptions>;
const engine = await createPaddleEngine({
  ...reader,
  workers: Number(values.workers),
  recycleAfter: Number(values.recycle),
});
const total = Number(values.pages);
const every = Number(values.every);
const mb = (b: number) => Math.round(b / 2 ** 20);

let peak = process.memoryUsage().rss;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);
const readings: EngineResult[] = [];
let next = 0;
let done = 0;
let cpuMark = process.cpuUsage();
let doneMark = 0;
const t0 = performance.now();
console.log(
  `${images.length} pages of ${values.file}; reader ${values.reader}; recycleAfter ${values.recycle}`,
);
console.log("page\tpeakRSS\tRSS\theapUsed\texternal\tarrayBuffers\tCPU-s/page\tworkers");
async function lane(): Promise<void> {
  while (next < total) {
    const i = next++;
    const image = images[i % images.length];
    if (!image) return;
    const result = await engine.recognize(image);
    if (i < images.length) readings[i] = result;
    done++;
    if (done % every === 0) {
      const m = process.memoryUsage();
      const cpu = process.cpuUsage(cpuMark);
      const perPage = (cpu.user + cpu.system) / 1e6 / (done - doneMark);
      console.log(
        [done, mb(peak), mb(m.rss), mb(m.heapUsed), mb(m.external), mb(m.arrayBuffers), perPage.toFixed(2)]
          .concat([engine.workersCreated])
          .join("\t"),
      );
      peak = m.rss;
      cpuMark = process.cpuUsage();
      doneMark = done;
    }
  }
}
await Promise.all(Array.from({ length: Number(values.workers) }, () => lane()));
clearInterval(timer);
console.log(`${total} pages in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
if (values.dump) writeFileSync(values.dump, JSON.stringify(readings));
await engine.close();
