/** The whole chain on one fixture: render -> prepare -> tesseract.js OCR -> detectMarks -> readCheckboxFields,
 * compared with the truth's boxes and fields. Slow (real OCR). Run:
 * npx tsx test/checkbox/e2e-check.ts fixtures/set/report-003-isc-chk-multiple.pdf [pages...] */
import { readFileSync } from "node:fs";
import type { OcrPage } from "../../src/domain/ocr.ts";
import { openDocument } from "../../src/ingest/index.ts";
import { ocrPage } from "../../src/ocr/page.ts";
import { createTesseractEngine } from "../../src/ocr/tesseract.ts";
import { detectMarks } from "../../src/parse/checkbox/detect.ts";
import { readCheckboxFields } from "../../src/parse/checkbox/index.ts";

const file = process.argv[2]!;
const truth = JSON.parse(readFileSync(file.replace(/\.[a-z]+$/, ".truth.json"), "utf8"));
const dpi = truth.pages[0].dpi as number;
const want = process.argv.slice(3).map(Number);
const doc = await openDocument(file, {}, { renderDpi: dpi, defaultImageDpi: dpi });
const engine = await createTesseractEngine({ workers: 1 });
const pages: OcrPage[] = [];
for (let p = 1; p <= doc.pageCount; p++) {
  if (want.length && !want.includes(p)) continue;
  const t0 = performance.now();
  const { page, image } = await ocrPage(await doc.getPage(p), engine, {});
  const t1 = performance.now();
  if (image) page.marks = detectMarks(image, page.lines);
  const t2 = performance.now();
  console.log(
    `page ${p}: OCR ${(t1 - t0).toFixed(0)} ms, detectMarks ${(t2 - t1).toFixed(1)} ms, ${page.marks.length} marks`,
  );
  for (const m of page.marks) console.log(`   ${m.label} ${m.state} ${m.confidence} box ${m.bbox.join(",")}`);
  const boxLines = page.lines.filter((l) => /符合|满足|有效|达到|推荐|审核|体系/.test(l.text));
  for (const l of boxLines.slice(0, 12)) console.log(`   | ${l.words.map((w) => w.text).join(" ")}`);
  pages.push(page);
}
await engine.close();
await doc.close();
const f = readCheckboxFields(pages);
console.log(
  "groups:",
  f.checkboxGroups
    .map((g) => `${g.id}[${g.options.map((o) => `${o.label}:${o.state[0]}`).join(" ")}]`)
    .join("  "),
);
console.log("conclusion:", JSON.stringify(f.conclusion));
console.log("truth conclusion:", JSON.stringify(truth.fields.conclusion));
console.log("recommendation:", f.recommendation.value, "truth:", truth.fields.recommendation);
console.log(
  "systems:",
  JSON.stringify(f.managementSystems.value),
  "truth:",
  JSON.stringify(truth.fields.managementSystems),
);
console.log("auditType:", f.auditType.value, "truth:", truth.fields.auditType);
console.log("evaluations:", JSON.stringify([...f.evaluationResults].map(([k, v]) => [k, v.value])));
console.log(
  "truth evaluations:",
  JSON.stringify(
    truth.fields.evaluations?.map((e: { section: string; result: unknown }) => [e.section, e.result]),
  ),
);
