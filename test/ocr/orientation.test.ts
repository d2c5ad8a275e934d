import { describe, expect, it } from "vitest";
import type { PageImage } from "../../src/domain/page.ts";
import type { EngineResult, OcrEngine } from "../../src/ocr/engine.ts";
import { uprightReading } from "../../src/ocr/orientation.ts";
import { ocrPage } from "../../src/ocr/page.ts";

const reading = (text: string, meanConfidence: number): EngineResult => ({
  text,
  meanConfidence,
  lines: [],
});
const GOOD = reading("审核报告编号 CQC2026 质量管理体系", 0.85);
const GARBAGE = reading("ʃ∿ ¦ɿ ʖ ∞ ⌐ ¬", 0.2);

/** A page whose first pixel tells which way up it lies (rotate180 moves the last pixel first). */
function page(): PageImage {
  const data = new Uint8Array(64 * 64).fill(255);
  data[data.length - 1] = 0;
  return { width: 64, height: 64, channels: 1, data, dpi: 200 };
}

/** An engine that reads the page turned over as `over` and counts its calls. */
function engine(over: EngineResult | Error): OcrEngine & { calls: number } {
  return {
    name: "fake",
    calls: 0,
    async recognize(image: PageImage) {
      this.calls++;
      if (over instanceof Error) throw over;
      return image.data[0] === 0 ? over : GARBAGE;
    },
    close: async () => undefined,
  };
}

describe("upside-down pages, decided from the page's own reading", () => {
  it("an upright page that reads well is not read again", async () => {
    const e = engine(GARBAGE);
    const r = await uprightReading(page(), GOOD, e);
    expect(r.turned).toBe(false);
    expect(r.result).toBe(GOOD);
    expect(e.calls).toBe(0);
  });

  it("a page that reads as garbage is read turned over, and turned when that reads better", async () => {
    const e = engine(GOOD);
    const r = await uprightReading(page(), GARBAGE, e);
    expect(e.calls).toBe(1);
    expect(r.turned).toBe(true);
    expect(r.result).toBe(GOOD);
    expect(r.image.data[0]).toBe(0);
  });

  it("stays as read when the turned page reads no better or cannot be read (a replay without it)", async () => {
    expect((await uprightReading(page(), GARBAGE, engine(GARBAGE))).turned).toBe(false);
    const failing = await uprightReading(page(), GARBAGE, engine(new Error("no recording")));
    expect(failing.turned).toBe(false);
    expect(failing.result).toBe(GARBAGE);
  });

  it("a whole upright page costs one OCR call, an upside-down one two, and reports 180°", async () => {
    // The page's ink is in its top half; turned over it is in the bottom half.
    const data = new Uint8Array(400 * 400).fill(255);
    for (let y = 40; y < 60; y++) for (let x = 40; x < 360; x += 3) data[y * 400 + x] = 0;
    const image: PageImage = { width: 400, height: 400, channels: 1, data, dpi: 200 };
    const byHalf = (upright: boolean): OcrEngine & { calls: number } => ({
      name: "fake",
      calls: 0,
      async recognize(img: PageImage) {
        this.calls++;
        const inkTop = img.data.subarray(0, img.data.length / 2).includes(0);
        return inkTop === upright ? GOOD : GARBAGE;
      },
      close: async () => undefined,
    });
    const opts = { recoverMissedLines: false, secondLook: false };
    const up = byHalf(true);
    expect((await ocrPage({ page: 1, kind: "raster", image }, up, opts)).page.rotation).toBe(0);
    expect(up.calls).toBe(1);
    const down = byHalf(false);
    expect((await ocrPage({ page: 1, kind: "raster", image }, down, opts)).page.rotation).toBe(180);
    expect(down.calls).toBe(2);
  });
});
