/**
 * npm run noise:measure [-- <set dir>:<recordings dir> ... [--out <file>]]
 *
 * Measures each engine's noise on fixture sets with recorded OCR: every recorded reading is aligned line by line to
 * the truth text (`*.truth.json` pages) of the page it was read from, and the confusions are counted. A recording
 * folder's engine.json names the engine of its page readings (tesseract, paddle = ppocr); second looks are named by
 * their suffix (`.reread.json.gz` tesseract's float `best` model, `.reread-ppocr.json.gz` PP-OCRv4). Without pairs
 * the committed set (fixtures/set:fixtures/golden-ocr) is measured. Writes src/noise/data/noise.json. Only sets
 * named here are read: never pass a blind family.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { countReadings, type LineReading, type TruthPage, truthPage } from "./measure.ts";
import { compact, type EngineCounts, emptyCounts, mergeCounts, NoiseData, readForm } from "./model-data.ts";

/** Second looks by their file name; page readings (`<sha256>.json.gz`) are the folder's engine. */
const SECOND_LOOK: [RegExp, string][] = [
  [/\.reread-ppocr\.json\.gz$/, "ppocr"],
  [/\.reread\.json\.gz$/, "tesseract-best"],
];
const PAGE_READING = /^[0-9a-f]{64}\.json\.gz$/;
/** engine.json's engine name -> the model's. */
const MODEL_ENGINE: Record<string, string> = { tesseract: "tesseract", paddle: "ppocr" };

async function folderEngine(recDir: string): Promise<string> {
  const raw = await readFile(path.join(recDir, "engine.json"), "utf8").catch(() => '{"engine":"tesseract"}');
  const name = (JSON.parse(raw) as { engine?: string }).engine ?? "tesseract";
  const engine = MODEL_ENGINE[name];
  if (!engine) throw new Error(`${recDir}: unknown engine ${name}`);
  return engine;
}

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
    const edges: boolean[] = [];
    const words = line.words.length > 0 ? line.words : [line];
    for (const w of words) {
      const wc = readForm(w.text);
      wc.forEach((ch, i) => {
        chars.push(ch);
        confs.push(w.confidence);
        edges.push(i === 0 || i === wc.length - 1);
      });
    }
    return { chars, confs, edges };
  });
}

/** Characters inserted so at least twice: how often, and how often read (at all, or where `of` counts). */
function insertedReadings(
  inserted: Record<string, number>,
  of: Record<string, number>,
): Record<string, [number, number]> {
  return Object.fromEntries(
    Object.entries(inserted)
      .filter(([, n]) => n >= 2)
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => [r, [n, of[r] ?? n]]),
  );
}

/** Adds every recording of one folder to the counts of its engine, aligned to its set's truth pages. */
async function measurePair(setDir: string, recDir: string, byEngine: Map<string, EngineCounts>) {
  const { pages, labelStarts } = await loadTruth(setDir);
  const pageEngine = await folderEngine(recDir);
  for (const f of (await readdir(recDir)).sort()) {
    const engine = SECOND_LOOK.find(([re]) => re.test(f))?.[1] ?? (PAGE_READING.test(f) ? pageEngine : null);
    if (!engine) continue;
    const result = JSON.parse(
      gunzipSync(await readFile(path.join(recDir, f))).toString("utf8"),
    ) as EngineResult;
    const counts = countReadings(lineReadings(result), pages, labelStarts);
    if (!byEngine.has(engine)) byEngine.set(engine, emptyCounts());
    mergeCounts(byEngine.get(engine) as EngineCounts, counts);
  }
}

interface Args {
  pairs: [string, string][];
  out: string;
  /** Replace only the word-edge readings in `out`, keeping the rest as measured before. */
  edgeOnly: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  let out = "src/noise/data/noise.json";
  let edgeOnly = false;
  const pairs: [string, string][] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--out") out = argv[++i] ?? out;
    else if (a === "--edge-only") edgeOnly = true;
    else {
      const [set, rec] = a.split(":");
      if (!set || !rec) throw new Error(`expected <set dir>:<recordings dir>, got ${a}`);
      pairs.push([set, rec]);
    }
  }
  return { pairs: pairs.length > 0 ? pairs : [["fixtures/set", "fixtures/golden-ocr"]], out, edgeOnly };
}

function describe(pairs: readonly [string, string][]): string {
  return pairs.map(([s, r]) => `${path.basename(s)} <- ${path.basename(r)}`).join(", ");
}

/** Replaces the word-edge readings of an existing data file: its confusions came from recordings that are not all
 * committed, so they are kept as they are. */
async function writeEdgeOnly(out: string, all: EngineCounts, pairs: readonly [string, string][]) {
  const before = NoiseData.parse(JSON.parse(await readFile(out, "utf8")));
  const about = before.about.replace(/ Word-edge readings measured from .*$/, "");
  const data: NoiseData = {
    ...before,
    about: `${about} Word-edge readings measured from ${describe(pairs)} (\`--edge-only\`).`,
    edge: insertedReadings(all.edgeIns, all.edgeReads),
  };
  await writeFile(out, `${JSON.stringify(data)}\n`);
}

async function main(): Promise<void> {
  const { pairs, out, edgeOnly } = parseArgs(process.argv.slice(2));
  const byEngine = new Map<string, EngineCounts>();
  for (const [setDir, recDir] of pairs) await measurePair(setDir, recDir, byEngine);
  const all = emptyCounts();
  for (const c of byEngine.values()) mergeCounts(all, c);
  if (edgeOnly) {
    await writeEdgeOnly(out, all, pairs);
    console.log(
      `edge readings: ${JSON.stringify(insertedReadings(all.edgeIns, all.edgeReads))}\nwrote ${out}`,
    );
    return;
  }
  const data: NoiseData = {
    about: `Measured by \`npm run noise:measure\` from recorded OCR aligned to the truth texts of its set (${describe(pairs)}). Counts, not probabilities: src/noise/model.ts smooths them.`,
    engines: Object.fromEntries(
      [...[...byEngine].sort(), ["all", all] as const].map(([e, c]) => [e, compact(c)]),
    ),
    box: insertedReadings(all.boxIns, all.readAs),
    edge: insertedReadings(all.edgeIns, all.edgeReads),
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
