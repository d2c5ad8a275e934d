/** Accuracy over every drawn test box, and detectMarks speed on a 300 DPI page with ~40 labels.
 * Run: npx tsx test/checkbox/report.ts (a measurement script, not a timed test). */
import { performance } from "node:perf_hooks";
import fc from "fast-check";
import { detectMarks } from "../../src/parse/checkbox/detect.ts";
import { CASES, drawCase, score } from "./cases.ts";
import { drawPage, type Row } from "./draw.ts";
import { randomPage, scoreRandom } from "./random.ts";

let total = 0;
let correct = 0;
let unclear = 0;
const wrong: string[] = [];
for (const c of CASES) {
  const d = await drawCase(c);
  const s = score(d, detectMarks(d.image, d.lines));
  total += s.total;
  correct += s.correct;
  unclear += s.unclear + s.missing;
  wrong.push(...s.wrongConfident.map((w) => `${c.name}: ${w}`));
  const flag = s.correct === s.total ? "ok " : "BAD";
  console.log(`${flag} ${c.name}: ${s.correct}/${s.total}  ${s.details.join(" | ")}`);
}
console.log(
  `accuracy ${correct}/${total} = ${((100 * correct) / total).toFixed(1)}%, unclear/missing ${unclear}`,
);
console.log(`wrong at confidence > 0.9: ${wrong.length ? wrong.join("; ") : "none"}`);

// Random combinations of every degradation (fixed seed, reproducible).
let rTotal = 0;
let rCorrect = 0;
let rUnclear = 0;
const rWrong: string[] = [];
for (const a of fc.sample(randomPage, { numRuns: 300, seed: 42 })) {
  const s = await scoreRandom(a);
  rTotal += s.total;
  rCorrect += s.correct;
  rUnclear += s.unclear + s.missing;
  rWrong.push(...s.wrongConfident);
}
console.log(
  `random combined: ${rCorrect}/${rTotal} = ${((100 * rCorrect) / rTotal).toFixed(1)}%, unclear/missing ${rUnclear}, ` +
    `wrong > 0.9: ${rWrong.length}`,
);

// Speed: an A4 page at 300 DPI, 13 option rows of 3 labels (39 labels) plus narrative lines.
const rows: Row[] = [];
for (let i = 0; i < 13; i++) {
  rows.push({
    prefix: `3.${i} 管理体系的策划`,
    options: [
      { label: "符合", box: i % 3 === 0 ? "tick" : "empty" },
      { label: "基本符合", box: i % 3 === 1 ? "filled" : "empty" },
      { label: "不符合", box: i % 3 === 2 ? "cross" : "empty" },
    ],
  });
}
const narrative = Array.from(
  { length: 20 },
  () => "企业编制了管理体系文件，文件的审批、发放、更改订控制有效，符合标准要求，不符合项已整改。",
);
const page = await drawPage(rows, { width: 2480, narrative });
const runs = 100;
for (let i = 0; i < 20; i++) detectMarks(page.image, page.lines);
const t0 = performance.now();
const c0 = process.cpuUsage();
let n = 0;
for (let i = 0; i < runs; i++) n = detectMarks(page.image, page.lines).length;
const ms = (performance.now() - t0) / runs;
const cpu = process.cpuUsage(c0);
// CPU time as well as wall time: on a shared, loaded machine wall time mostly measures the neighbours.
const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
console.log(
  `detectMarks: ${ms.toFixed(2)} ms wall, ${cpuMs.toFixed(2)} ms CPU per page ` +
    `(${page.image.width}x${page.image.height}, ${n} marks, ${page.lines.length} lines)`,
);
