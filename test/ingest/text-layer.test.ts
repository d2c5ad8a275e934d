/** Which PDF pages are read from their text layer and which by OCR: decided per page by evidence. */
import path from "node:path";
import { OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.ts";
import type { PageImage, TextLayerLine } from "../../src/domain/page.ts";
import { openDocument } from "../../src/ingest/index.ts";
import { hiddenGlyphShare } from "../../src/ingest/pdf-text.ts";
import { missesText, textCoverage } from "../../src/ingest/text-coverage.ts";
import { runIngest } from "../../src/pipeline/runner.ts";
import { ScriptedEngine } from "../helpers/fake-engines.ts";
import { scanWithTextLayer, scratchDir, textPdf, writeScratch } from "./fixtures.ts";

const dir = scratchDir();

async function kindOf(bytes: Uint8Array, name: string): Promise<string> {
  const doc = await openDocument(writeScratch(dir, name, bytes));
  try {
    return (await doc.getPage(1)).kind;
  } finally {
    await doc.close();
  }
}

describe("a PDF page's text layer is used only where it holds the page's text", () => {
  it("a layer drawn over every row of a scan is used; the same layer drawn invisibly is not", async () => {
    expect(await kindOf(await scanWithTextLayer(30, false), "visible-full.pdf")).toBe("text-layer");
    // A scanner's hidden OCR layer: its reading, not the print.
    expect(await kindOf(await scanWithTextLayer(30, true), "hidden-full.pdf")).toBe("raster");
  });

  it("a scan whose layer covers only a few of its rows is read by OCR, visible layer or not", async () => {
    expect(await kindOf(await scanWithTextLayer(5, false), "visible-part.pdf")).toBe("raster");
    expect(await kindOf(await scanWithTextLayer(5, true), "hidden-part.pdf")).toBe("raster");
  });
});

describe("text coverage", () => {
  const image = (): PageImage => {
    const width = 800;
    const height = 400;
    const data = new Uint8Array(width * height).fill(255);
    // Two rows of ten 20 px "characters" at 100 DPI.
    for (const top of [100, 200])
      for (let c = 0; c < 10; c++)
        for (let y = top; y < top + 20; y++) data.fill(0, y * width + 100 + c * 30, y * width + 120 + c * 30);
    return { width, height, channels: 1, data, dpi: 100 };
  };
  const row = (top: number): TextLayerLine => ({ text: "x".repeat(10), bbox: [100, top, 390, top + 20] });

  it("counts ink under text-layer lines as covered and text-shaped ink elsewhere as missed", () => {
    const both = textCoverage(image(), [row(100), row(200)]);
    expect(both.uncovered).toBe(0);
    expect(missesText(both)).toBe(false);
    const one = textCoverage(image(), [row(100)]);
    expect(one.uncoveredShare).toBeCloseTo(0.5, 1);
    expect(missesText(one)).toBe(true);
  });

  it("a solid band or a long ruling is not text", () => {
    const img = image();
    for (let y = 300; y < 330; y++) img.data.fill(0, y * img.width + 50, y * img.width + 750);
    for (let y = 360; y < 362; y++) img.data.fill(0, y * img.width + 50, y * img.width + 750);
    expect(textCoverage(img, [row(100), row(200)]).uncovered).toBe(0);
  });
});

describe("hidden glyphs", () => {
  const glyphs = (n: number) => [Array.from({ length: n }, () => ({ unicode: "a" }))];
  it("counts glyphs shown in render mode 3 or 7, with the mode restored by Q", () => {
    const fn = [OPS.save, OPS.setTextRenderingMode, OPS.showText, OPS.restore, OPS.showText];
    const args = [null, [3], glyphs(3), null, glyphs(1)];
    expect(hiddenGlyphShare(fn, args, OPS)).toBeCloseTo(0.75);
    expect(hiddenGlyphShare([OPS.showText], [glyphs(4)], OPS)).toBe(0);
  });
});

describe("the in-process runner on text-layer PDFs", () => {
  const config = loadConfig({ env: {}, flags: { ocr: { workers: 1 }, savePageImages: false } });

  it("reads a digital PDF without OCR and names no engine; a scan with a partial layer is OCRed", async () => {
    const digital = writeScratch(
      dir,
      "digital.pdf",
      await textPdf([["Audit report of a management system", "Second line of the report"]]),
    );
    const partial = writeScratch(dir, "partial.pdf", await scanWithTextLayer(5, true));
    const engine = new ScriptedEngine(["审核报告"]);
    const out = path.join(dir, "out");
    const { records } = await runIngest({ inputs: [digital, partial], out, config, engine });
    const byFile = new Map(records.map((r) => [r.document.file, r.document]));
    expect(byFile.get("digital.pdf")?.ocr).toMatchObject({ engine: null, textLayerPages: [1] });
    expect(byFile.get("partial.pdf")?.ocr.engine).toBe("scripted");
    expect(byFile.get("partial.pdf")?.ocr.textLayerPages).toBeUndefined();
    // The partial scan's page alone was read (preparation's orientation probe included).
    expect(engine.calls).toBeGreaterThan(0);
    const digitalOnly = new ScriptedEngine(["审核报告"]);
    await runIngest({ inputs: [digital], out: path.join(dir, "out2"), config, engine: digitalOnly });
    expect(digitalOnly.calls).toBe(0);
  }, 60_000);
});
