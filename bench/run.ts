import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { distance } from "fastest-levenshtein";
import { OcrConfig } from "../src/config/schema.ts";
import type { PageImage } from "../src/domain/page.ts";
import { ocrPage } from "../src/ocr/page.ts";
import { createTesseractEngine } from "../src/ocr/tesseract.ts";
import { PAGES_PER_WORKER, Semaphore } from "../src/pipeline/semaphore.ts";
import { runBoxPhase } from "./boxes.ts";
import { hasNativeTesseract, type NativePages, readNative, writePageFiles } from "./native.ts";
import { renderSyntheticPage, seedLines } from "./synthetic-page.ts";

const { values } = parseArgs({
  options: {
    pages: { type: "string", default: "6" },
    long: { type: "string" },
    dpi: { type: "string", default: "200" },
    "no-native": { type: "boolean", default: false },
  },
});
const pageCount = Math.max(1, Number(values.pages));
const dpi = Number(values.dpi);
const longRun = values.long ? Math.max(1, Number(values.long)) : 0;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const normalise = (s: string) => s.normalize("NFKC").replace(/\s/gu, "");
const cer = (ref: string, hyp: string) => distance(normalise(ref), normalise(hyp)) / normalise(ref).length;

/** Peak RSS sampler: tesseract.js workers are threads, so this process's RSS includes them. */
class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout | null = null;
  start(): void {
    this.peak = process.memoryUsage().rss;
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, process.memoryUsage().rss);
    }, 100);
  }
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    return this.peak;
  }
}

interface Page {
  image: PageImage;
  reference: string;
}

async function makePages(): Promise<Page[]> {
  const lines = seedLines();
  const pages: Page[] = [];
  for (let i = 0; i < pageCount; i++) {
    const offset = (i * 37) % Math.max(1, lines.length - 40);
    const page = await renderSyntheticPage({
      lines: lines.slice(offset, offset + 30),
      dpi,
      blur: 0.7,
      noise: 0.003,
      skewDeg: ((i % 5) - 2) * 0.6,
      quarterTurns: i % 4 === 3 ? 2 : 0, // every 4th page upside down, like a mis-fed sheet
      seed: i + 1,
    });
    pages.push({ image: page.image, reference: page.drawnLines.join("") });
  }
  return pages;
}

interface PhaseResult {
  workers: number;
  seconds: number;
  /** CPU time of the whole process (every thread: OCR workers, second readers, main) over the phase. */
  cpuSeconds: number;
  pagesPerMin: number;
  peakRssMb: number;
  meanCer: number;
  prepared: PageImage[];
}

async function runPhase(pages: readonly Page[], workers: number, secondLook = true): Promise<PhaseResult> {
  const engine = await createTesseractEngine({ workers, secondLook });
  // As many pages in flight as the in-process runner allows, so the bench schedules pages the way ingest does.
  const inFlight = new Semaphore(workers * PAGES_PER_WORKER);
  // One untimed page first: the pool is warm already, but the second reader loads its model on the first
  // doubtful word. Pages/min is the rate of a long batch, where that start-up happens once for thousands of
  // pages; timed, it would land on the spare core with 1 worker and on a busy one with 2.
  await ocrPage({ page: 0, kind: "raster", image: pages[0]!.image }, engine, { secondLook });
  const rss = new RssSampler();
  rss.start();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results = await Promise.all(
    pages.map((p, i) =>
      inFlight.run(() => ocrPage({ page: i + 1, kind: "raster", image: p.image }, engine, { secondLook })),
    ),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const peak = rss.stop();
  await engine.close();
  const cers = results.map((r, i) => cer(pages[i]!.reference, r.page.text));
  return {
    workers,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    pagesPerMin: (pages.length / seconds) * 60,
    peakRssMb: mb(peak),
    meanCer: cers.reduce((a, b) => a + b, 0) / cers.length,
    prepared: results.map((r) => r.image!),
  };
}

function averagePhases(a: PhaseResult, b: PhaseResult): PhaseResult {
  const seconds = (a.seconds + b.seconds) / 2;
  return {
    workers: a.workers,
    seconds,
    cpuSeconds: (a.cpuSeconds + b.cpuSeconds) / 2,
    pagesPerMin: (pageCount / seconds) * 60,
    peakRssMb: Math.max(a.peakRssMb, b.peakRssMb),
    meanCer: (a.meanCer + b.meanCer) / 2,
    prepared: a.prepared,
  };
}

async function runLong(
  pages: readonly Page[],
  total: number,
): Promise<{ rssMbAtPage: Record<number, number>; workersCreated: number }> {
  const engine = await createTesseractEngine({
    workers: availableParallelism(),
    recycleAfter: OcrConfig.parse({}).recycleAfter,
  });
  const step = Math.max(1, Math.round(total / 10));
  const rssMbAtPage: Record<number, number> = {};
  let done = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      const page = pages[i % pages.length]!;
      await ocrPage({ page: i + 1, kind: "raster", image: page.image }, engine);
      done++;
      if (done % step === 0 || done === total) rssMbAtPage[done] = mb(process.memoryUsage().rss);
    }
  };
  await Promise.all(Array.from({ length: engine.poolSize }, worker));
  const workersCreated = engine.workersCreated;
  await engine.close();
  return { rssMbAtPage, workersCreated };
}

interface EngineTiming {
  secondsPerPage: number;
  meanCer: number;
}

/**
 * The engine alone on already prepared pages (no rotation or skew work) against native Tesseract on the
 * same pages. The two take turns page by page, and which goes first alternates: this VM's speed drifts by
 * a third over minutes, so two blocks timed one after the other compare two machines, not two engines.
 */
async function runEngineForEngine(
  prepared: readonly PageImage[],
  { files, dir }: NativePages,
  references: readonly string[],
): Promise<{ recognizeOnly: EngineTiming; native: EngineTiming }> {
  const engine = await createTesseractEngine({ workers: 1, secondLook: false });
  await engine.recognize(prepared[0]!); // start-up outside the timing, as a long-running pool has it
  const js = { ms: 0, cers: [] as number[] };
  const native = { ms: 0, cers: [] as number[] };
  const timeJs = async (i: number): Promise<void> => {
    const t0 = performance.now();
    const result = await engine.recognize(prepared[i]!);
    js.ms += performance.now() - t0;
    js.cers.push(cer(references[i]!, result.text));
  };
  const timeNative = async (i: number, file: string): Promise<void> => {
    const t0 = performance.now();
    const text = await readNative(file, dir, dpi);
    native.ms += performance.now() - t0;
    native.cers.push(cer(references[i]!, text));
  };
  try {
    for (const [i, file] of files.entries()) {
      if (i % 2 === 0) {
        await timeJs(i);
        await timeNative(i, file);
      } else {
        await timeNative(i, file);
        await timeJs(i);
      }
    }
  } finally {
    await engine.close();
  }
  const timing = (t: { ms: number; cers: number[] }): EngineTiming => ({
    secondsPerPage: t.ms / 1000 / prepared.length,
    meanCer: t.cers.reduce((a, b) => a + b, 0) / t.cers.length,
  });
  return { recognizeOnly: timing(js), native: timing(native) };
}

/**
 * The machine's own parallel scaling: native Tesseract over the same pages one process at a time and `workers`
 * processes at once (each taking the next page), timed in the order A B B A so that drift cancels. tesseract.js
 * cannot scale better than the cores scale the same engine work.
 */
async function runNativeScaling({ files, dir }: NativePages, workers: number) {
  const timed = async (processes: number): Promise<number> => {
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: processes }, async () => {
        while (next < files.length) await readNative(files[next++]!, dir, dpi);
      }),
    );
    return (performance.now() - t0) / 1000;
  };
  const parallel = await timed(workers);
  const serial = (await timed(1)) + (await timed(1));
  const parallelBoth = parallel + (await timed(workers));
  return { workers, serialSecondsPerPage: serial / 2 / files.length, scaling: serial / parallelBoth };
}

async function main(): Promise<void> {
  const cores = availableParallelism();
  console.log(`rendering ${pageCount} synthetic pages at ${dpi} DPI (${cores} cores)...`);
  const pages = await makePages();
  // Phases run in the order A B C D B A and each pair is averaged, so that all of them are centred on the same
  // moment: this VM's speed drifts over minutes, and phases timed one after the other would carry the drift.
  const singleFirst = await runPhase(pages, 1);
  const multiFirst = cores > 1 ? await runPhase(pages, cores) : singleFirst;
  // The second look at doubtful words (second-look.ts) costs this much of a worker's time (its readers share the
  // workers' cores); the pair without it, timed side by side, shows how far the workers scale without it.
  const firstLookOnly = await runPhase(pages, 1, false);
  const multiFirstLookOnly = cores > 1 ? await runPhase(pages, cores, false) : firstLookOnly;
  const multi = cores > 1 ? averagePhases(multiFirst, await runPhase(pages, cores)) : multiFirst;
  const single = averagePhases(singleFirst, await runPhase(pages, 1));
  const withNative = !values["no-native"] && hasNativeTesseract();
  const pageFiles = withNative ? writePageFiles(single.prepared) : null;
  const engineForEngine = pageFiles
    ? await runEngineForEngine(
        single.prepared,
        pageFiles,
        pages.map((p) => p.reference),
      )
    : null;
  const nativeScaling = pageFiles && cores > 1 ? await runNativeScaling(pageFiles, cores) : null;
  if (pageFiles) rmSync(pageFiles.dir, { recursive: true, force: true });
  const native = engineForEngine?.native ?? null;
  const recognizeOnly = engineForEngine?.recognizeOnly ?? null;
  const boxes = await runBoxPhase(new URL("../fixtures/sample/", import.meta.url).pathname);
  const long = longRun > 0 ? await runLong(pages, longRun) : null;

  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const rows = [
    [
      "tesseract.js, 1 worker",
      single.seconds / pages.length,
      single.pagesPerMin,
      single.peakRssMb,
      single.meanCer,
    ],
    [
      `tesseract.js, ${cores} workers`,
      multi.seconds / pages.length,
      multi.pagesPerMin,
      multi.peakRssMb,
      multi.meanCer,
    ],
    [
      "tesseract.js, 1 worker, no second look",
      firstLookOnly.seconds / pages.length,
      firstLookOnly.pagesPerMin,
      firstLookOnly.peakRssMb,
      firstLookOnly.meanCer,
    ],
  ] as const;
  console.log("\n| engine | s/page | pages/min | peak RSS MB | mean CER |\n|---|---|---|---|---|");
  for (const [name, spp, ppm, rss, c] of rows) {
    console.log(`| ${name} | ${spp.toFixed(2)} | ${ppm.toFixed(1)} | ${rss} | ${pct(c)} |`);
  }
  if (recognizeOnly) {
    console.log(
      `| tesseract.js, 1 worker, recognize only (prepared pages) | ${recognizeOnly.secondsPerPage.toFixed(2)} | ${(60 / recognizeOnly.secondsPerPage).toFixed(1)} | - | ${pct(recognizeOnly.meanCer)} |`,
    );
  }
  if (native) {
    console.log(
      `| native tesseract, 1 process | ${native.secondsPerPage.toFixed(2)} | ${(60 / native.secondsPerPage).toFixed(1)} | - | ${pct(native.meanCer)} |`,
    );
  }
  // Pages/min of 1 worker against 2 hides how many cores each phase really kept busy: page preparation on the main
  // thread runs beside the workers (the second readers share the workers' cores, src/ocr/core-budget.ts).
  const busy = (p: PhaseResult) =>
    `${(p.cpuSeconds / pages.length).toFixed(2)} CPU-s/page, ${(p.cpuSeconds / p.seconds).toFixed(2)} cores busy`;
  console.log(
    `\nCPU: 1 worker ${busy(single)}; ${cores} workers ${busy(multi)}; 1 worker without the second look ${busy(firstLookOnly)}`,
  );
  const scaling = multi.pagesPerMin / single.pagesPerMin;
  console.log(
    `second look: 1 worker ${(single.seconds / firstLookOnly.seconds).toFixed(2)}x the time without it`,
  );
  const scalingFirstLook = multiFirstLookOnly.pagesPerMin / firstLookOnly.pagesPerMin;
  console.log(`\n${cores}-worker / 1-worker throughput: ${scaling.toFixed(2)}x`);
  console.log(
    `${cores}-worker / 1-worker throughput without the second look (one pair, side by side): ${scalingFirstLook.toFixed(2)}x`,
  );
  if (nativeScaling) {
    console.log(
      `native tesseract, ${cores} processes / 1 process on the same pages (the machine's own scaling): ${nativeScaling.scaling.toFixed(2)}x`,
    );
  }
  if (native) {
    console.log(
      `tesseract.js (1 worker, incl. prepare) / native s/page: ${(single.seconds / pages.length / native.secondsPerPage).toFixed(2)}x`,
    );
    if (recognizeOnly) {
      console.log(
        `tesseract.js recognize only / native s/page (same prepared pages): ${(recognizeOnly.secondsPerPage / native.secondsPerPage).toFixed(2)}x`,
      );
    }
  }
  console.log(
    `tick boxes on ${boxes.pages} sample report pages: ${boxes.marks} found, detection ${boxes.boxMsPerPage.toFixed(0)} ms/page vs OCR ${boxes.ocrMsPerPage.toFixed(0)} ms/page (${(boxes.share * 100).toFixed(1)}% of OCR time)`,
  );
  console.log(
    `layout stage on the same pages: ${boxes.tables} ruled tables, ${boxes.layoutMsPerPage.toFixed(0)} ms/page (${(boxes.layoutShare * 100).toFixed(1)}% of OCR time)`,
  );
  if (long) {
    console.log(
      `long run (${longRun} pages, ${long.workersCreated} workers started incl. recycling): RSS MB at page`,
      long.rssMbAtPage,
    );
    const samples = Object.entries(long.rssMbAtPage).map(([page, rss]) => [Number(page), rss] as const);
    const [firstPage, firstRss] = samples[0]!;
    const later = samples.map(([, rss]) => rss);
    console.log(
      `RSS from page ${firstPage} to ${longRun}: ${Math.min(...later)}-${Math.max(...later)} MB, at most ${(((Math.max(...later) - firstRss) / firstRss) * 100).toFixed(1)}% above page ${firstPage}`,
    );
  }

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cores,
    pages: pageCount,
    dpi,
    single: { ...single, prepared: undefined },
    firstLookOnly: { ...firstLookOnly, prepared: undefined },
    multiFirstLookOnly: { ...multiFirstLookOnly, prepared: undefined },
    scalingFirstLook,
    multi: { ...multi, prepared: undefined },
    scaling,
    native,
    nativeScaling,
    recognizeOnly,
    boxes,
    long: long ? { pages: longRun, ...long } : null,
  };
  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const file = new URL(`./results/${result.date.replace(/[:.]/gu, "-")}.json`, import.meta.url);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${file.pathname}`);
}

await main();
