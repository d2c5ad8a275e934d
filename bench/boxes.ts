/** Tick-box detection and layout-stage time against OCR time on the same real report pages (issue 5: detection
 * < 10% of OCR; issue 24: layout stage ≤ 10% of OCR). */
import { readdirSync } from "node:fs";
import path from "node:path";
import { openDocument } from "../src/ingest/index.ts";
import { buildPageLayout } from "../src/layout/index.ts";
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
  layoutMsPerPage: number;
  /** Layout stage (ruling lines, cells, key–value pairs) time as a share of OCR time per page. */
  layoutShare: number;
  tables: number;
}

/** The bundled sample reports (generated scans with conclusion tables, systems and audit-type boxes). */
export async function runBoxPhase(dir: string): Promise<BoxPhaseResult> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".pdf"))
    .map((f) => path.join(dir, f));
  const engine = await createTesseractEngine({ workers: 1 });
  let [pages, marks, ocrMs, boxMs, layoutMs, tables] = [0, 0, 0, 0, 0, 0];
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
        const t2 = performance.now();
        boxMs += t2 - t1;
        ocrMs += t1 - t0;
        tables += (await buildPageLayout(image, page.lines)).tables.length;
        layoutMs += performance.now() - t2;
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
    layoutMsPerPage: layoutMs / Math.max(1, pages),
    layoutShare: layoutMs / Math.max(1, ocrMs),
    tables,
  };
}
