/**
 * A/B of text-layer page work between two source trees in one process (this VM's load drifts by 2x within minutes,
 * so separate runs cannot show a 10-20% change): the PDF process's page reading (pdf.js in this process, as in the
 * PDF process) and the main process's page stages (tick marks, layout; sharp's threads included), the trees taking
 * turns document by document and page by page, which goes first alternating. Outputs are compared.
 *
 *   npx tsx bench/textlayer-ab.ts --a /path/to/old/tree --b . [--dir /work/data/textlayer/digital] [--passes 3]
 *
 * Tree A is e.g. `git archive <commit> src | tar -x -C DIR` with node_modules linked in.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    a: { type: "string" },
    b: { type: "string", default: "." },
    dir: { type: "string", default: "/work/data/textlayer/digital" },
    passes: { type: "string", default: "3" },
  },
});
if (!values.a) throw new Error("--a <tree> is required");
const trees = [resolve(values.a), resolve(values.b)];
const passes = Number(values.passes);
const dir = values.dir;

// pdf.js's worker code in this process, as the PDF process loads it.
const PDFJS_WORKER: string = "pdfjs-dist/legacy/build/pdf.worker.mjs";
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(PDFJS_WORKER);
const mods = await Promise.all(
  trees.map(async (root) => ({
    openPdf: (await import(join(root, "src/ingest/pdf.ts"))).openPdf,
    limits: (await import(join(root, "src/ingest/limits.ts"))).DEFAULT_INGEST_LIMITS,
    ocrPage: (await import(join(root, "src/ocr/page.ts"))).ocrPage,
    detectMarks: (await import(join(root, "src/parse/checkbox/detect.ts"))).detectMarks,
    buildPageLayout: (await import(join(root, "src/layout/index.ts"))).buildPageLayout,
  })),
);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".pdf"))
  .sort();
const cpuMs = (c0: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const digest = (x: unknown, pixels?: Uint8Array) => {
  const h = createHash("sha256").update(JSON.stringify(x));
  if (pixels) h.update(pixels);
  return h.digest("hex");
};

const pdf = [0, 0];
const stages = [0, 0];
let pageReads = 0;
let inputsDiffer = 0;
let stagesDiffer = 0;
for (let pass = 0; pass < passes; pass++) {
  for (const [i, f] of files.entries()) {
    const bytes = new Uint8Array(readFileSync(join(dir, f)));
    const order = (i + pass) % 2 === 0 ? [0, 1] : [1, 0];
    const inputs: unknown[][] = [[], []];
    const hashes: string[][] = [[], []];
    for (const k of order) {
      const m = mods[k]!;
      const c0 = process.cpuUsage();
      const doc = await m.openPdf(bytes, m.limits, { renderDpi: 200, defaultImageDpi: 200 });
      for (let p = 1; p <= doc.pageCount; p++) inputs[k]!.push(await doc.getPage(p));
      await doc.close();
      pdf[k]! += cpuMs(c0);
      hashes[k] = inputs[k]!.map((input) => {
        const { image, ...rest } = input as { image?: { data: Uint8Array } };
        return digest(rest, image?.data);
      });
    }
    pageReads += inputs[0]!.length;
    inputsDiffer += hashes[0]!.filter((h, j) => h !== hashes[1]![j]).length;
    // Both trees' page stages on the same input (tree B's), page by page.
    for (const [j, input] of inputs[1]!.entries()) {
      const outs: string[] = [];
      for (const k of (j + pass) % 2 === 0 ? [0, 1] : [1, 0]) {
        const m = mods[k]!;
        const c0 = process.cpuUsage();
        const { page, image } = await m.ocrPage(input, null);
        const marks = m.detectMarks(image, page.lines);
        const layout = await m.buildPageLayout(image, page.lines);
        stages[k]! += cpuMs(c0);
        outs[k] = digest({ marks, layout: { ...layout, ms: 0 } });
      }
      if (outs[0] !== outs[1]) stagesDiffer++;
    }
  }
}
const line = (what: string, v: number[], n: number) =>
  `${what}: A ${(v[0]! / n).toFixed(1)} CPU-ms/page, B ${(v[1]! / n).toFixed(1)}, B/A ${(v[1]! / v[0]!).toFixed(3)}`;
console.log(`${files.length} documents, ${pageReads / passes} pages, ${passes} passes`);
console.log(`${line("PDF process page reading", pdf, pageReads)}; pages whose input differs ${inputsDiffer}`);
console.log(
  `${line("main page stages", stages, pageReads)}; pages whose marks or layout differ ${stagesDiffer}`,
);
