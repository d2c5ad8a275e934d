import { describe, expect, it } from "vitest";
import { renderSyntheticPage, seedLines } from "../../bench/synthetic-page.ts";
import { whitenDarkBorders } from "../../src/ocr/borders.ts";
import {
  densestTextBand,
  estimateSkew,
  horizontalTextRatio,
  textBands,
} from "../../src/ocr/layout-analysis.ts";
import { downscale } from "../../src/ocr/pixels.ts";
import { prepareImage, readingScore } from "../../src/ocr/prepare.ts";

const lines = seedLines().slice(40);

describe("orientation probe band", () => {
  it("holds whole text lines: its edges fall in the gaps between lines", () => {
    // 100 DPI analysis copy: lines 14 px of ink every 30 px, the densest block from row 300 on.
    const W = 400;
    const H = 1000;
    const data = new Uint8Array(W * H).fill(240);
    const lineTops = [300, 330, 360, 390, 420, 450, 700];
    for (const top of lineTops)
      for (let y = top; y < top + 14; y++)
        for (let x = 20; x < 380; x++) if (x % 9 < 3) data[y * W + x] = 10 + ((x * 7) % 40);
    const small = { width: W, height: H, channels: 1 as const, data, dpi: 100 };
    const [top, bottom] = densestTextBand(small, 0.05);
    expect(bottom - top).toBeGreaterThanOrEqual(50);
    const inLine = (y: number) => lineTops.some((t) => y >= t && y < t + 14);
    expect(inLine(top), `top ${top}`).toBe(false);
    expect(inLine(bottom - 1), `bottom ${bottom}`).toBe(false);
    // Every line the band touches is inside it whole.
    for (const t of lineTops) if (t + 14 > top && t < bottom) expect(t >= top && t + 14 <= bottom).toBe(true);
  });
});

describe("reading score of a probe strip", () => {
  it("does not trust a sure reading of a few symmetric glyphs (brackets read the same either way up)", () => {
    // A dense band of an upside-down page, read by PP-OCR as brackets and one character at 0.81.
    expect(readingScore("（）\n（）号", 0.81)).toBeLessThan(0.3);
    expect(readingScore("人）、数据清洗、风险评估、成果交付", 0.97)).toBeGreaterThan(0.9);
    expect(readingScore("", 0.9)).toBe(0);
    // Symbols an upside-down read yields lower the score by their share.
    expect(readingScore("审核组长¬¬¬¬", 0.9)).toBeLessThan(0.5);
  });
});

describe("upside-down check", () => {
  /** A readability score that answers from a list, one answer per strip read, and counts the reads. */
  const scripted = (answers: number[]) => {
    const heard: number[] = [];
    return {
      heard,
      score: async () => {
        const next = answers[heard.length] ?? 0;
        heard.push(next);
        return next;
      },
    };
  };

  it("reads the next band when the densest reads as nothing either way up, and trusts the one that settles it", async () => {
    const { image } = await renderSyntheticPage({ lines, dpi: 100 });
    // As on an unseen report: tick-box rows read as "" upright, as garbage (0.15) upside down; the next band, text,
    // reads well upright. The page stays as scanned.
    const kept = scripted([0, 0.15, 0.86]);
    expect((await prepareImage(image, { readability: kept.score })).rotation).toBe(0);
    expect(kept.heard).toHaveLength(3);
    // The next band settles it the other way: the page is turned over.
    const turned = scripted([0.1, 0.2, 0.05, 0.8]);
    expect((await prepareImage(image, { readability: turned.score })).rotation).toBe(180);
    // A first band that settles it ends the check at once.
    const settled = scripted([0.02, 0.75]);
    expect((await prepareImage(image, { readability: settled.score })).rotation).toBe(180);
    expect(settled.heard).toHaveLength(2);
  });

  it("leaves a page no band settles as scanned, after three bands", async () => {
    const { image } = await renderSyntheticPage({ lines, dpi: 100 });
    const unsure = scripted([0, 0.2, 0.1, 0.25, 0.05, 0.15]);
    expect((await prepareImage(image, { readability: unsure.score })).rotation).toBe(0);
    expect(unsure.heard).toHaveLength(6);
  });

  it("takes bands densest first, none overlapping another", async () => {
    const { image } = await renderSyntheticPage({ lines, dpi: 100 });
    const small = downscale(image, 1);
    const bands = textBands(small, 0.06, 3);
    expect(bands).toHaveLength(3);
    expect(bands[0]).toEqual(densestTextBand(small, 0.06));
    for (let i = 0; i < bands.length; i++)
      for (let j = i + 1; j < bands.length; j++)
        expect(bands[i]![1] <= bands[j]![0] || bands[j]![1] <= bands[i]![0]).toBe(true);
  });
});

describe("page geometry without OCR", () => {
  it("measures skew within 0.2° over ±5°", async () => {
    for (const skew of [-3.5, 1.2]) {
      const { image } = await renderSyntheticPage({ lines, dpi: 100, skewDeg: skew, noise: 0.002 });
      // The page was turned `skew` clockwise: undoing it is the opposite turn.
      expect(Math.abs(estimateSkew(image) + skew)).toBeLessThan(0.2);
    }
  });

  it("measures a few skewed lines over a level band across the whole sheet (the scanner's edge)", async () => {
    // A short page (three lines), turned 2°, whose bottom rows hold a dark band from edge to edge that the scanner
    // drew level and that does not reach the page's edge (another sheet's white below it).
    const { image } = await renderSyntheticPage({
      lines: lines.slice(0, 3),
      dpi: 100,
      skewDeg: 2,
      noise: 0.002,
    });
    const data = Uint8Array.from(image.data);
    const { width, height, channels } = image;
    for (let y = height - 60; y < height - 40; y++)
      for (let x = 0; x < width; x++)
        for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = 30;
    expect(Math.abs(estimateSkew({ ...image, data }) + 2)).toBeLessThan(0.2);
  });

  it("tells sideways pages from upright ones and turns them upright", async () => {
    const upright = await renderSyntheticPage({ lines, dpi: 100 });
    const sideways = await renderSyntheticPage({ lines, dpi: 100, quarterTurns: 1 });
    expect(horizontalTextRatio(downscale(upright.image, 1))).toBeGreaterThan(1.2);
    expect(horizontalTextRatio(downscale(sideways.image, 1))).toBeLessThan(0.8);
    const prepared = await prepareImage(sideways.image);
    // Without an OCR probe, 90 vs 270 is left to the 180° check, so only the axis is asserted.
    expect([90, 270]).toContain(prepared.rotation);
    expect(prepared.image.height).toBeGreaterThan(prepared.image.width);
  });

  it("does not take a page ruled as a table for sideways text", async () => {
    const { image } = await renderSyntheticPage({ lines, dpi: 100 });
    const { width, height, data } = image;
    // Column rules every 1.5 inch over most of the page, row rules every 3 text lines.
    for (let x = 90; x < width - 60; x += 150) {
      for (let y = 80; y < height - 80; y++) data[y * width + x] = data[y * width + x + 1] = 0;
    }
    for (let y = 85; y < height - 80; y += 72) data.fill(0, y * width + 90, y * width + width - 60);
    expect(horizontalTextRatio(image)).toBeGreaterThan(1);
  });

  it("whitens a dark scanner-lid band and a wedge but keeps a thin rule touching the edge", () => {
    const width = 400;
    const height = 500;
    const data = new Uint8Array(width * height).fill(255);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < 30; x++) data[y * width + x] = 20; // left band
      const wedge = Math.round((y / height) * 40);
      for (let x = width - wedge; x < width; x++) data[y * width + x] = 40; // right wedge
    }
    for (let x = 0; x < width; x++) data[250 * width + x] = 0; // 1-px table rule edge to edge
    const image = { width, height, channels: 1 as const, data, dpi: 100 };
    whitenDarkBorders(image);
    expect(data[100 * width + 10]).toBe(255);
    expect(data[450 * width + width - 5]).toBe(255);
    expect(data[250 * width + 200]).toBe(0);
  });
});
