/**
 * npm run noise:measure [-- <set dir> <recordings dir> <out file>]
 *
 * Measures each engine's noise on the committed fixture set: every recorded reading (fixtures/golden-ocr: first
 * readings by tesseract.js best_int, second looks by tesseract's float `best` model and by PP-OCRv4) is aligned line
 * by line to the truth text of the page it was read from, and the confusions are counted. Writes
 * src/noise/data/noise.json. Only the committed set is read (never a blind family).
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { countReadings, type LineReading, type TruthPage, truthPage } from "./measure.ts";
import {
  compact,
  type EngineCounts,
  emptyCounts,
  mergeCounts,
  type NoiseData,
  readForm,
} from "./model-data.ts";

const ENGINE_OF: [RegExp, string][] = [
  [/\.reread-ppocr\.json\.gz$/, "ppocr"],
  [/\.reread\.json\.gz$/, "tesseract-best"],
  [/^[0-9a-f]{64}\.json\.gz$/, "tesseract"],
];

/** What a recording holds (src/ocr/engine.ts's EngineResult, as far as measuring reads it). */
interface EngineResult {
  lines: { text: string; confidence: number; words: { text: string; confidence: number }[] }[];
}

interface TruthFile {
  kind: string;
  pages?: { text: string }[];
  boxes?: { label: string }[];
}

async function loadTruth(setDir: string): Promise<{ pages: TruthPage[]; labelStarts: Set<string> }> {
  const pages: TruthPage[] = [];
  const labelStarts = new Set<string>();
  for (const f of (await readdir(setDir)).filter((f) => f.endsWith(".truth.json")).sort()) {
    const t = JSON.parse(await readFile(path.join(setDir, f), "utf8")) as TruthFile;
    (t.pages ?? []).forEach((p, i) => {
      pages.push(truthPage(`${f}#${i + 1}`, p.text));
    });
    for (const b of t.boxes ?? []) labelStarts.add(readForm(b.label).slice(0, 2).join(""));
  }
  return { pages, labelStarts };
}

function lineReadings(result: EngineResult): LineReading[] {
  return result.lines.map((line) => {
    const chars: string[] = [];
    const confs: number[] = [];
    const words = line.words.length > 0 ? line.words : [line];
    for (const w of words) {
      for (const ch of readForm(w.text)) {
        chars.push(ch);
        confs.push(w.confidence);
      }
    }
    return { chars, confs };
  });
}

/** Characters read for a tick box at least twice: how often, and how often read at all. */
function boxReadings(all: EngineCounts): NoiseData["box"] {
  return Object.fromEntries(
    Object.entries(all.boxIns)
      .filter(([, n]) => n >= 2)
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => [r, [n, all.readAs[r] ?? n]]),
  );
}

async function main(): Promise<void> {
  const [setDir = "fixtures/set", recDir = "fixtures/golden-ocr", out = "src/noise/data/noise.json"] =
    process.argv.slice(2);
  const { pages, labelStarts } = await loadTruth(setDir);
  const byEngine = new Map<string, EngineCounts>();
  const files = (await readdir(recDir)).sort();
  for (const f of files) {
    const engine = ENGINE_OF.find(([re]) => re.test(f))?.[1];
    if (!engine) continue;
    const result = JSON.parse(
      gunzipSync(await readFile(path.join(recDir, f))).toString("utf8"),
    ) as EngineResult;
    const counts = countReadings(lineReadings(result), pages, labelStarts);
    if (!byEngine.has(engine)) byEngine.set(engine, emptyCounts());
    mergeCounts(byEngine.get(engine) as EngineCounts, counts);
  }
  const all = emptyCounts();
  for (const c of byEngine.values()) mergeCounts(all, c);
  const data: NoiseData = {
    about:
      "Measured by `npm run noise:measure` from the committed fixture set's recorded OCR (fixtures/golden-ocr) aligned to its truth texts. Counts, not probabilities: src/noise/model.ts smooths them.",
    engines: Object.fromEntries(
      [...[...byEngine].sort(), ["all", all] as const].map(([e, c]) => [e, compact(c)]),
    ),
    box: boxReadings(all),
  };
  await writeFile(out, `${JSON.stringify(data)}\n`);
  if (process.env.NOISE_DEBUG) {
    const rows = Object.entries(all.boxIns).sort((a, b) => b[1] - a[1]);
    console.log(rows.map(([r, n]) => `${r}:${n}/${all.ins[r]}/${all.readAs[r]}`).join(" "));
  }
  for (const [e, c] of byEngine) {
    const errs =
      Object.values(c.sub).reduce((a, m) => a + Object.values(m).reduce((x, y) => x + y, 0), 0) +
      Object.values(c.del).reduce((a, b) => a + b, 0) +
      Object.values(c.ins).reduce((a, b) => a + b, 0);
    console.log(
      `${e}: ${c.lines} lines (${c.skippedLines} not aligned), ${c.chars} chars, error rate ${((errs / Math.max(1, c.chars)) * 100).toFixed(2)}%`,
    );
  }
  console.log(
    `box readings: ${Object.entries(data.box)
      .map(([r, [n, of]]) => `${r} ${n}/${of}`)
      .join(", ")}`,
  );
  console.log(`wrote ${out}`);
}

await main();
