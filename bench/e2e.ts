/**
 * End-to-end throughput of the in-process runner: scanned report PDFs through preparation, orientation, OCR, second
 * look, tick boxes, layout, parse, rules and export, with the default engine, side by side with native `tesseract`
 * (`--workers` processes, recognition only) on the same pages; and digital PDFs read from their text layer.
 *
 *   npm run bench -- [--set fixtures/set] [--pages 16] [--workers 2] [--long M] [--digital DIR] [--no-native]
 *   npm run bench -- --digital [DIR] [--passes 3]   (text-layer PDFs only; DIR defaults to /work/data/textlayer/digital)
 *
 * Documents are taken round-robin over the set's layouts until `--pages` pages. The run goes native, ours, native:
 * this VM's speed drifts over minutes, so the two native passes are averaged around ours. `--long M` pushes M pages
 * (the documents again, each copy a byte apart, as identical files are read once) and samples RSS as it goes.
 * With `--digital` and no `--pages` only the digital PDFs run: the first document untimed (process start, module
 * loading), then `--passes` timed passes over the others; CPU is counted in this process and in the PDF processes.
 * Writes bench/results/e2e-<timestamp>.json.
 */
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config/load.ts";
import type { PageImage } from "../src/domain/page.ts";
import { openDocument } from "../src/ingest/index.ts";
import { ocrPage } from "../src/ocr/page.ts";
import { createEngine } from "../src/pipeline/engine.ts";
import { runIngest } from "../src/pipeline/runner.ts";
import { cpuSince, cpuSnapshot } from "./child-cpu.ts";
import { hasNativeTesseract, timeNative, writePageFiles } from "./native.ts";
import { type Doc, pickDocuments } from "./pick-documents.ts";

/** Where `--digital` with no folder reads: the text-layer set of docs/performance.md (2026-12-04, textlayer). */
const DEFAULT_DIGITAL = "/work/data/textlayer/digital";
const argv = process.argv.slice(2);
const bare = argv.indexOf("--digital");
if (bare >= 0 && (argv[bare + 1] === undefined || argv[bare + 1]?.startsWith("--"))) {
  argv.splice(bare + 1, 0, DEFAULT_DIGITAL);
}
const { values } = parseArgs({
  args: argv,
  options: {
    set: { type: "string", default: "fixtures/set" },
    pages: { type: "string" },
    workers: { type: "string", default: "2" },
    long: { type: "string" },
    digital: { type: "string" },
    passes: { type: "string", default: "3" },
    "no-native": { type: "boolean", default: false },
  },
});
const workers = Math.max(1, Number(values.workers));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Copies of the documents, each a byte apart (a trailing PDF comment), so the runner reads every one. */
function distinctCopies(docs: readonly Doc[], copies: number, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let c = 0; c < copies; c++) {
    for (const [i, d] of docs.entries()) {
      const file = join(dir, `c${c}-${i}.pdf`);
      copyFileSync(d.file, file);
      if (c > 0) appendFileSync(file, `\n%copy ${c}\n`);
      files.push(file);
    }
  }
  return files;
}

async function rasterPages(docs: readonly Doc[]): Promise<PageImage[]> {
  const images: PageImage[] = [];
  for (const d of docs) {
    const doc = await openDocument(d.file);
    for (let p = 1; p <= doc.pageCount; p++) {
      const input = await doc.getPage(p);
      if (input.kind === "raster") images.push(input.image);
      else if (input.image) images.push(input.image);
    }
    await doc.close();
  }
  return images;
}

/** Peak RSS of this process (OCR workers are threads in it; PDF rendering runs in child processes, not counted). */
class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | null = null;
  start(): void {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage().rss);
    }, 100);
  }
  reset(): number {
    const p = this.peak;
    this.peak = process.memoryUsage().rss;
    return p;
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    return this.peak;
  }
}

interface RunResult {
  pages: number;
  seconds: number;
  cpuSeconds: number;
  /** CPU of the PDF processes (rendering the scans) over the run: they share the cores with this process. */
  cpuChildSeconds: number;
  pagesPerMin: number;
  peakRssMb: number;
  /** Peak RSS over the pages up to each sample point (page count → MB), for --long. */
  peakRssMbBy?: Record<number, number>;
}

async function runOurs(
  files: readonly string[],
  pageCount: number,
  config: ReturnType<typeof loadConfig>,
  engine: Awaited<ReturnType<typeof createEngine>>,
  samplePages: readonly number[] = [],
): Promise<RunResult> {
  const out = mkdtempSync(join(tmpdir(), "bench-e2e-out-"));
  const rss = new RssSampler();
  const peakRssMbBy: Record<number, number> = {};
  let done = 0;
  rss.start();
  const cpu0 = process.cpuUsage();
  const all0 = cpuSnapshot();
  const t0 = performance.now();
  await runIngest({
    inputs: [...files],
    out,
    config,
    engine,
    onProgress: (e) => {
      if (e.type !== "page") return;
      done++;
      if (samplePages.includes(done)) peakRssMbBy[done] = mb(rss.reset());
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const children = cpuSince(all0).children;
  const peak = rss.stop();
  rmSync(out, { recursive: true, force: true });
  return {
    pages: pageCount,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    cpuChildSeconds: children,
    pagesPerMin: (pageCount / seconds) * 60,
    peakRssMb: mb(peak),
    ...(samplePages.length > 0 ? { peakRssMbBy } : {}),
  };
}

/** Digital PDFs: every page from its text layer; the first document (process start, module loading) untimed. */
async function runDigital(dir: string, config: ReturnType<typeof loadConfig>, passes: number) {
  const docs = pickDocuments(dir, Number.POSITIVE_INFINITY);
  const [first, ...rest] = docs;
  if (!first) return null;
  const engine = await createEngine({
    ...config,
    ocr: { ...config.ocr, replayDir: mkdtempSync(join(tmpdir(), "no-ocr-")) },
  });
  // A replay engine with no recordings: a page that needed OCR would fail and show in the records.
  await runOurs([first.file], first.pages, config, engine);
  const pages = rest.reduce((s, d) => s + d.pages, 0);
  const runs = [];
  for (let pass = 0; pass < passes; pass++) {
    const cpu0 = cpuSnapshot();
    const result = await runOurs(
      rest.map((d) => d.file),
      pages,
      config,
      engine,
    );
    const cpu = cpuSince(cpu0);
    runs.push({ ...result, pagesPerSecond: pages / result.seconds, cpuMain: cpu.main, cpuPdf: cpu.children });
  }
  await engine.close();
  return { documents: rest.length, pages, runs };
}

function printDigital(digital: NonNullable<Awaited<ReturnType<typeof runDigital>>>): void {
  for (const r of digital.runs) {
    const cpu = r.cpuMain + r.cpuPdf;
    console.log(
      `digital PDFs (${digital.documents} documents, ${digital.pages} text-layer pages, after start-up): ` +
        `${r.pagesPerSecond.toFixed(2)} pages/s, ${(cpu / digital.pages).toFixed(3)} CPU-s/page ` +
        `(main ${(r.cpuMain / digital.pages).toFixed(3)}, PDF processes ${(r.cpuPdf / digital.pages).toFixed(3)}), ` +
        `${(cpu / r.seconds).toFixed(2)} cores busy`,
    );
  }
}

async function digitalOnly(dir: string): Promise<void> {
  const config = loadConfig({ env: {}, flags: { ocr: { workers } } });
  const digital = await runDigital(dir, config, Number(values.passes));
  if (!digital) throw new Error(`no report PDFs in ${dir}`);
  printDigital(digital);
  const result = { date: new Date().toISOString(), node: process.version, dir, workers, digital };
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const file = new URL(`./results/e2e-digital-${result.date.replace(/[:.]/gu, "-")}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${file.pathname}`);
}

async function main(): Promise<void> {
  const config = loadConfig({ env: {}, flags: { ocr: { workers } } });
  const docs = pickDocuments(values.set, Number(values.pages ?? 16));
  const pageCount = docs.reduce((s, d) => s + d.pages, 0);
  const layouts = [...new Set(docs.map((d) => d.layout))];
  console.log(
    `${docs.length} documents, ${pageCount} scanned pages (${layouts.join(", ")}), ${workers} workers`,
  );
  const scratch = mkdtempSync(join(tmpdir(), "bench-e2e-"));
  const files = distinctCopies(docs, 1, join(scratch, "in"));

  const withNative = !values["no-native"] && hasNativeTesseract();
  const native = withNative ? writePageFiles(await rasterPages(docs)) : null;
  const dpi = config.ocr.dpi;

  const engine = await createEngine(config);
  // One page untimed: the second readers load their models on the first doubtful word, once per run.
  const warm = (await rasterPages(docs.slice(0, 1)))[0];
  if (warm) await ocrPage({ page: 1, kind: "raster", image: warm }, engine);

  const nativeBefore = native ? await timeNative(native, workers, dpi) : null;
  const ours = await runOurs(files, pageCount, config, engine);
  const nativeAfter = native ? await timeNative(native, workers, dpi) : null;
  let long: RunResult | null = null;
  if (values.long) {
    const total = Number(values.long);
    const copies = Math.ceil(total / pageCount);
    const longFiles = distinctCopies(docs, copies, join(scratch, "long"));
    const samples = Array.from({ length: 10 }, (_, i) => Math.round(((i + 1) * copies * pageCount) / 10));
    long = await runOurs(longFiles, copies * pageCount, config, engine, samples);
  }
  await engine.close();
  const digital = values.digital ? await runDigital(values.digital, config, Number(values.passes)) : null;
  rmSync(scratch, { recursive: true, force: true });
  if (native) rmSync(native.dir, { recursive: true, force: true });

  const nativeSeconds =
    nativeBefore !== null && nativeAfter !== null ? (nativeBefore + nativeAfter) / 2 : null;
  const nativePagesPerMin = nativeSeconds ? (pageCount / nativeSeconds) * 60 : null;
  console.log(
    `\nin-process runner, end to end (${workers} workers, default engine): ${ours.pagesPerMin.toFixed(1)} pages/min ` +
      `(${(ours.seconds / pageCount).toFixed(2)} s/page, ${(ours.cpuSeconds / pageCount).toFixed(2)} CPU-s/page in this ` +
      `process, ${(ours.cpuSeconds / ours.seconds).toFixed(2)} cores busy; PDF processes ` +
      `${(ours.cpuChildSeconds / pageCount).toFixed(2)} CPU-s/page, ` +
      `${((ours.cpuSeconds + ours.cpuChildSeconds) / ours.seconds).toFixed(2)} cores busy with them), peak RSS ${ours.peakRssMb} MB ` +
      `(${Math.round(ours.peakRssMb / workers)} MB per worker)`,
  );
  if (nativePagesPerMin !== null && nativeBefore !== null && nativeAfter !== null) {
    console.log(
      `native tesseract, ${workers} processes, recognition only, same pages: ${nativePagesPerMin.toFixed(1)} pages/min ` +
        `(passes before and after ours: ${((pageCount / nativeBefore) * 60).toFixed(1)}, ${((pageCount / nativeAfter) * 60).toFixed(1)})`,
    );
    console.log(
      `ours end to end / native recognition: ${(ours.pagesPerMin / nativePagesPerMin).toFixed(2)}x`,
    );
  } else {
    console.log("native tesseract: not run (not installed or --no-native)");
  }
  if (long?.peakRssMbBy) {
    console.log(
      `long run (${long.pages} pages): ${long.pagesPerMin.toFixed(1)} pages/min; peak RSS MB by page`,
      long.peakRssMbBy,
    );
  }
  if (digital) printDigital(digital);
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    set: values.set,
    documents: docs.map((d) => d.file),
    layouts,
    workers,
    ours,
    native: nativePagesPerMin === null ? null : { pagesPerMin: nativePagesPerMin, nativeBefore, nativeAfter },
    long,
    digital,
  };
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const file = new URL(`./results/e2e-${result.date.replace(/[:.]/gu, "-")}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${file.pathname}`);
}

if (values.digital !== undefined && values.pages === undefined) await digitalOnly(values.digital);
else await main();
