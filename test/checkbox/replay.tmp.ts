import { readFileSync } from "node:fs";
import type { OcrPage } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";
import { detectMarks } from "../../src/parse/checkbox/detect.ts";
import { readCheckboxFields } from "../../src/parse/checkbox/index.ts";
const dump = JSON.parse(readFileSync(process.argv[2] ?? "/tmp/ocrdump.json", "utf8")) as { page: OcrPage; image: PageImage & { data: string } }[];
const pages: OcrPage[] = [];
const show = process.argv[3];
for (const d of dump) {
  const image: PageImage = { ...d.image, data: new Uint8Array(Buffer.from(d.image.data, "base64")) };
  d.page.marks = detectMarks(image, d.page.lines);
  pages.push(d.page);
  if (show) for (const l of d.page.lines.filter((l) => l.text.includes(show))) console.log(d.page.page, l.words.map((w) => `${w.text}[${w.bbox.map(Math.round).join(",")}]`).join(" "));
  for (const m of d.page.marks) console.log(`  p${d.page.page} ${m.label} ${m.state} ${m.confidence} box ${m.bbox.join(",")} lb ${m.labelBbox.join(",")}`);
}
const f = readCheckboxFields(pages);
console.log("groups:", f.checkboxGroups.map((g) => `${g.id}[${g.options.map((o) => `${o.label}:${o.state[0]}`).join(" ")}]`).join("  "));
console.log("conclusion:", JSON.stringify(f.conclusion));
console.log("recommendation:", f.recommendation.value, "systems:", JSON.stringify(f.managementSystems.value), "auditType:", f.auditType.value);
console.log("evaluations:", JSON.stringify([...f.evaluationResults].map(([k, v]) => [k, v.value])));
