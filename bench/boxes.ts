/** Tick-box detection time against OCR time on the same real report pages (issue 5: detection < 10% of OCR). */
import { readdirSync } from "node:fs";
import path from "node:path";
import { openDocument } from "../src/ingest/index.ts";
import { ocrPage } from "../src/ocr/page.ts";
import { createTesseractEngine } from "../src/ocr/tesseract.ts";
import { detectMarks } from "../src/parse/checkbox/detect.ts";

export interface BoxPhaseResult {
  pages: number;
  marks: number;
  ocrMsPerPage: number;
  boxMsPerPage: number;
  /** Box detection time as a share of OCR time (prepare + recognise) per page. */
  share: number;
}

/** The bundled sample reports (generated scans with conclusion tables, systems and audit-type boxes). */
export async function runBoxPhase(dir: string): Promise<BoxPhaseResult> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".pdf"))
    .map((f) => path.join(dir, f));
  const engine = await createTesseractEngine({ workers: 1 });
  let [pages, marks, ocrMs, boxMs] = [0, 0, 0, 0];
  try {
    for (const file of files) {
      const doc = await openDocument(file);
      for (let p = 1; p <= doc.pageCount; p++) {
        const input = await doc.getPage(p);
        const t0 = performance.now();
        const { page, image } = await ocrPage(input, engine);
        const t1 = performance.now();
        if (!image) continue;
        marks += detectMarks(image, page.lines).length;
        boxMs += performance.now() - t1;
        ocrMs += t1 - t0;
        pages++;
      }
      await doc.close();
    }
  } finally {
    await engine.close();
  }
  return {
    pages,
    marks,
    ocrMsPerPage: ocrMs / Math.max(1, pages),
    boxMsPerPage: boxMs / Math.max(1, pages),
    share: boxMs / Math.max(1, ocrMs),
  };
}
