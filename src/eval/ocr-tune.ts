/**
 * OCR engine tuning on the fixture set's degraded pages: CER against the truth text, seconds per page and
 * peak RSS for one engine setting, or a grid of settings each in its own process (so peak RSS is that
 * setting's own).
 *
 *   npx tsx src/eval/ocr-tune.ts --engine paddle --det 1600 --threads 1 --workers 2 [--docs 6] [--pages 16]
 *   npx tsx src/eval/ocr-tune.ts --grid "det=960,1280,1600;threads=1,2;workers=1,2" [--docs 6] [--pages 16]
 *
 * Pages are rendered first (not timed), then read through page preparation (orientation probe included) with
 * the engine's pool; s/page = wall time / pages. RSS is sampled every 50 ms while reading.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadConfig } from "../config/load.ts";
import type { PageInput } from "../domain/page.ts";
import { openDocument } from "../ingest/index.ts";
import { ocrPage } from "../ocr/page.ts";
import { createEngine } from "../pipeline/engine.ts";
import { characterErrorRate } from "./cer.ts";
import { loadManifest, loadTruth } from "./load.ts";
import { selectDocuments } from "./select.ts";

const { values } = parseArgs({
  options: {
    set: { type: "string", default: "fixtures/set" },
    docs: { type: "string", default: "6" },
    pages: { type: "string", default: "16" },
    engine: { type: "string", default: "paddle" },
    det: { type: "string", default: "1600" },
    threads: { type: "string" },
    workers: { type: "string", default: "2" },
    grid: { type: "string" },
  },
});

interface Result {
  engine: string;
  det: number;
  threads: number | null;
  workers: number;
  pages: number;
  cer: number;
  secondsPerPage: number;
  peakRssMb: number;
}

async function loadPages(): Promise<{ input: PageInput; truth: string }[]> {
  const setDir = resolve(values.set!);
  const wanted = Number(values.pages);
  const entries = selectDocuments(
    loadManifest(setDir).filter((m) => m.kind === "audit_report"),
    Number(values.docs),
  );
  const out: { input: PageInput; truth: string }[] = [];
  for (const entry of entries) {
    const truth = loadTruth(join(setDir, entry.truth));
    const doc = await openDocument(join(setDir, entry.file), {}, { renderDpi: loadConfig().ocr.dpi });
    try {
      // Every page of a document until the budget is spent, at most 3 per document (more layouts seen).
      for (let p = 1; p <= Math.min(doc.pageCount, 3) && out.length < wanted; p++) {
        out.push({ input: await doc.getPage(p), truth: truth.pages[p - 1]?.text ?? "" });
      }
    } finally {
      await doc.close();
    }
  }
  return out;
}

async function runOne(): Promise<Result> {
  const pages = await loadPages();
  const threads = values.threads ? Number(values.threads) : null;
  const config = loadConfig({
    flags: {
      ocr: {
        engine: values.engine,
        workers: Number(values.workers),
        paddleDetMaxSide: Number(values.det),
        paddleThreads: threads,
      },
    },
  });
  const engine = await createEngine(config);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const results = await Promise.all(pages.map((p) => ocrPage(p.input, engine)));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  await engine.close();
  let edits = 0;
  let length = 0;
  results.forEach((r, i) => {
    const c = characterErrorRate(pages[i]!.truth, r.page.text);
    edits += c.edits;
    length += c.refLength;
  });
  return {
    engine: engine.name,
    det: config.ocr.paddleDetMaxSide,
    threads,
    workers: config.ocr.workers,
    pages: pages.length,
    cer: edits / Math.max(1, length),
    secondsPerPage: seconds / pages.length,
    peakRssMb: Math.round(peak / 1024 / 1024),
  };
}

function grid(spec: string): void {
  const axes = Object.fromEntries(
    spec.split(";").map((part) => {
      const [key, list] = part.split("=");
      return [key!.trim(), list!.split(",").map((v) => v.trim())];
    }),
  );
  const combos: Record<string, string>[] = [{}];
  for (const [key, list] of Object.entries(axes)) {
    const next = combos.flatMap((c) => list.map((v) => ({ ...c, [key]: v })));
    combos.splice(0, combos.length, ...next);
  }
  const script = fileURLToPath(import.meta.url);
  console.log("| engine | det max side | threads/worker | workers | pages | CER | s/page | peak RSS MB |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const combo of combos) {
    const args = ["--import", "tsx", script, "--docs", values.docs!, "--pages", values.pages!];
    args.push("--engine", combo.engine ?? values.engine!, "--workers", combo.workers ?? values.workers!);
    args.push("--det", combo.det ?? values.det!);
    const threads = combo.threads ?? values.threads;
    if (threads) args.push("--threads", threads);
    const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const last = run.stdout.trim().split("\n").at(-1) ?? "";
    if (run.status !== 0 || !last.startsWith("{")) {
      console.log(`| ${JSON.stringify(combo)} failed: ${run.stderr.trim().split("\n").at(-1) ?? ""} |`);
      continue;
    }
    const r = JSON.parse(last) as Result;
    console.log(
      `| ${r.engine} | ${r.det} | ${r.threads ?? "auto"} | ${r.workers} | ${r.pages} | ${(r.cer * 100).toFixed(2)}% | ${r.secondsPerPage.toFixed(2)} | ${r.peakRssMb} |`,
    );
  }
}

if (values.grid) grid(values.grid);
else console.log(JSON.stringify(await runOne()));
