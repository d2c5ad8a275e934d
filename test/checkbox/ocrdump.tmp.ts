import { writeFileSync } from "node:fs";
import { openDocument } from "../../src/ingest/index.ts";
import { ocrPage } from "../../src/ocr/page.ts";
import { createTesseractEngine } from "../../src/ocr/tesseract.ts";
const file = process.argv[2]!;
const doc = await openDocument(file, {}, { renderDpi: 150, defaultImageDpi: 150 });
const engine = await createTesseractEngine({ workers: 1 });
const out: unknown[] = [];
for (const p of process.argv.slice(3).map(Number)) {
  const { page, image } = await ocrPage(await doc.getPage(p), engine, {});
  out.push({ page, image: image ? { ...image, data: Buffer.from(image.data).toString("base64") } : null });
}
writeFileSync("/tmp/ocrdump.json", JSON.stringify(out));
await engine.close();
await doc.close();
