/**
 * PP-OCR's cost per stage on the bench's pages, in this thread: the pages rendered and prepared as the runner does,
 * then read by one PaddleReader with its ONNX runs timed (detection vs recognition), and the page's doubtful-cell
 * crops are not included. `--a JSON --b JSON` reads every page with two reader option sets in turn (which goes
 * first alternates) and says whether their readings are identical.
 *
 *   flock /work/data/ocr.lock npx tsx bench/paddle-stages.ts [--pages 16] [--passes 1] [--b '{"recBatch":4}']
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import ort from "onnxruntime-node";
import type { PageImage } from "../src/domain/page.ts";
import { openDocument } from "../src/ingest/index.ts";
import type { EngineResult } from "../src/ocr/engine.ts";
import { PaddleReader, type PaddleReaderOptions } from "../src/ocr/paddle/reader.ts";
import { prepareImage } from "../src/ocr/prepare.ts";
import { pickDocuments } from "./pick-documents.ts";

const { values } = parseArgs({
  options: {
    set: { type: "string", default: "fixtures/set" },
    pages: { type: "string", default: "16" },
    passes: { type: "string", default: "1" },
    a: { type: "string", default: "{}" },
    b: { type: "string" },
  },
});

const images: PageImage[] = [];
for (const file of pickDocuments(values.set, Number(values.pages)).map((d) => d.file)) {
  const doc = await openDocument(file);
  for (let p = 1; p <= doc.pageCount; p++) {
    const input = await doc.getPage(p);
    if (input.kind !== "raster") continue;
    images.push((await prepareImage(input.image, { probeUpsideDown: false })).image);
  }
  await doc.close();
}

// Time of every ONNX run, by model (recognition inputs are 48 px high).
const runMs = { det: 0, rec: 0, recRuns: 0, recWidth: 0 };
type Run = ort.InferenceSession["run"];
const proto = (ort.InferenceSession as unknown as { prototype: { run: Run } }).prototype;
const run = proto.run;
proto.run = async function (this: ort.InferenceSession, ...args: Parameters<Run>) {
  const feeds = args[0] as Record<string, ort.Tensor>;
  const dims = Object.values(feeds)[0]?.dims ?? [];
  const t0 = performance.now();
  const out = await run.apply(this, args);
  const ms = performance.now() - t0;
  if (dims[2] === 48) {
    runMs.rec += ms;
    runMs.recRuns += Number(dims[0]);
    runMs.recWidth += Number(dims[3]) * Number(dims[0]);
  } else runMs.det += ms;
  return out;
} as Run;

async function timed(options: Partial<PaddleReaderOptions>, label: string) {
  const reader = await PaddleReader.create(options);
  return {
    reader,
    label,
    ms: 0,
    cpu: 0,
    det: 0,
    rec: 0,
    recRuns: 0,
    recWidth: 0,
    results: [] as EngineResult[],
  };
}
const a = await timed(JSON.parse(values.a) as Partial<PaddleReaderOptions>, "a");
const b = values.b ? await timed(JSON.parse(values.b) as Partial<PaddleReaderOptions>, "b") : null;
const passes = Number(values.passes);
for (let pass = 0; pass < passes; pass++) {
  for (const [i, image] of images.entries()) {
    const order = b ? ((i + pass) % 2 === 0 ? [a, b] : [b, a]) : [a];
    for (const r of order) {
      Object.assign(runMs, { det: 0, rec: 0, recRuns: 0, recWidth: 0 });
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await r.reader.read(image);
      r.ms += performance.now() - t0;
      const c = process.cpuUsage(c0);
      r.cpu += (c.user + c.system) / 1000;
      r.det += runMs.det;
      r.rec += runMs.rec;
      r.recRuns += runMs.recRuns;
      r.recWidth += runMs.recWidth;
      if (pass === 0) r.results.push(result);
    }
  }
}
const n = images.length * passes;
for (const r of b ? [a, b] : [a]) {
  console.log(
    `${r.label}: ${images.length} pages x ${passes}: ${(r.ms / n).toFixed(0)} ms/page wall, ${(r.cpu / n).toFixed(0)} CPU-ms/page; ` +
      `detection run ${(r.det / n).toFixed(0)} ms, recognition runs ${(r.rec / n).toFixed(0)} ms ` +
      `(${(r.recRuns / n).toFixed(1)} crops/page, mean input width ${(r.recWidth / Math.max(1, r.recRuns)).toFixed(0)} px), ` +
      `rest ${((r.ms - r.det - r.rec) / n).toFixed(0)} ms`,
  );
}
if (b) {
  const same = a.results.filter((x, i) => JSON.stringify(x) === JSON.stringify(b.results[i])).length;
  console.log(`readings identical on ${same} of ${images.length} pages`);
}
await a.reader.release();
await b?.reader.release();
