/** What reading a text-layer page costs in the PDF process, and that its tick boxes still come from its pixels. */

import { PDFDocument, rgb, StandardFonts } from "pdf-lib";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDocument } from "../../src/ingest/index.ts";
import { DEFAULT_INGEST_LIMITS, DEFAULT_INGEST_OPTIONS } from "../../src/ingest/limits.ts";
import { openPdf, rgbaToGrey } from "../../src/ingest/pdf.ts";
import { buildPageLayout } from "../../src/layout/index.ts";
import { ocrPage } from "../../src/ocr/page.ts";
import { ScriptedEngine } from "../helpers/fake-engines.ts";
import { scanWithTextLayer, scratchDir, textPdf, writeScratch } from "./fixtures.ts";

const dir = scratchDir();

/** pdf.js's page class, whose getOperatorList builds a page's whole operator list again in its worker. */
async function pageProto(bytes: Uint8Array): Promise<{ getOperatorList: () => unknown }> {
  const doc = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const page = await doc.getPage(1);
  const proto = Object.getPrototypeOf(page) as { getOperatorList: () => unknown };
  await doc.destroy();
  return proto;
}

async function kindInProcess(bytes: Uint8Array): Promise<string> {
  const pdf = await openPdf(bytes, DEFAULT_INGEST_LIMITS, DEFAULT_INGEST_OPTIONS);
  try {
    return (await pdf.getPage(1)).kind;
  } finally {
    await pdf.close();
  }
}

afterEach(() => vi.restoreAllMocks());

describe("a text-layer page in the PDF process", () => {
  it("asks for no second operator list: the hidden-glyph check reads the one the render drew from", async () => {
    const digital = await textPdf([["Audit report of a management system", "Second line of the report"]]);
    const spy = vi.spyOn(await pageProto(digital), "getOperatorList");
    expect(await kindInProcess(digital)).toBe("text-layer");
    // A scanner's invisible OCR layer over its image is still told from print by that list.
    expect(await kindInProcess(await scanWithTextLayer(30, true))).toBe("raster");
    expect(await kindInProcess(await scanWithTextLayer(30, false))).toBe("text-layer");
    expect(spy).not.toHaveBeenCalled();
  }, 60_000);

  it("grey from RGBA is the weighted sum, rounded, for every pixel (paper and print included)", () => {
    const n = 4096;
    const rgba = new Uint8Array(4 * n);
    let seed = 7;
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const kind = seed % 4;
      const v = [seed & 255, (seed >> 8) & 255, (seed >> 16) & 255];
      const px = kind === 0 ? [255, 255, 255] : kind === 1 ? [0, 0, 0] : v;
      rgba.set([...px, 255], 4 * i);
    }
    const grey = rgbaToGrey(rgba, 64, 64, 150).data;
    for (let i = 0; i < n; i++) {
      const [r, g, b] = [rgba[4 * i]!, rgba[4 * i + 1]!, rgba[4 * i + 2]!];
      expect(grey[i]).toBe(Math.floor((r * 299 + g * 587 + b * 114 + 500) / 1000));
    }
  });
});

/** A digital page: text in its layer, two drawn tick boxes (vector squares) beside it, a tick drawn in the second. */
async function digitalTickPage(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText("Audit of the quality management system, second stage", { x: 72, y: 760, size: 10, font });
  const y = 700;
  const box = 12;
  page.drawText("Audit type:", { x: 72, y: y + 2, size: 10, font });
  for (const [x, label] of [
    [150, "Initial"],
    [250, "Surveillance"],
  ] as const) {
    page.drawRectangle({ x, y, width: box, height: box, borderColor: rgb(0, 0, 0), borderWidth: 1 });
    page.drawText(label, { x: x + box + 4, y: y + 2, size: 10, font });
  }
  // The tick: two strokes inside the second box; no glyph of the layer stands for it.
  page.drawLine({ start: { x: 252.5, y: 706 }, end: { x: 255.5, y: 702.5 }, thickness: 1.6 });
  page.drawLine({ start: { x: 255.5, y: 702.5 }, end: { x: 260, y: 710 }, thickness: 1.6 });
  return doc.save();
}

describe("tick boxes of a digital page", () => {
  it("are found and read from the rendered pixels, with no OCR", async () => {
    const file = writeScratch(dir, "ticks.pdf", await digitalTickPage());
    const doc = await openDocument(file);
    try {
      const input = await doc.getPage(1);
      expect(input.kind).toBe("text-layer");
      const engine = new ScriptedEngine(["审核报告"]);
      const { page, image } = await ocrPage(input, engine);
      expect(engine.calls).toBe(0);
      expect(page.text).not.toMatch(/[✓✔☑√]/u);
      if (!image) throw new Error("a text-layer page comes with its render");
      const layout = await buildPageLayout(image, page.lines);
      const boxes = (layout.options ?? []).flatMap((r) => r.boxes).sort((a, b) => a.bbox[0] - b.bbox[0]);
      expect(boxes.map((b) => b.state)).toEqual(["unchecked", "checked"]);
      expect(boxes.map((b) => b.text).join(" ")).toMatch(/Initial.*Surveillance/u);
    } finally {
      await doc.close();
    }
  }, 60_000);
});
