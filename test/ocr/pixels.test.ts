import { describe, expect, it } from "vitest";
import type { PageImage } from "../../src/domain/page.ts";
import { downscale, histogram, otsuThreshold } from "../../src/ocr/pixels.ts";

/** Deterministic grey noise with a band of "ink", odd sizes so edges and leftovers are exercised. */
function noisyPage(width: number, height: number): PageImage {
  const data = new Uint8Array(width * height);
  let state = 12345;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    data[i] = Math.floor(i / width) % 9 < 3 ? 20 + (state % 60) : 180 + (state % 76);
  }
  return { width, height, channels: 1, data, dpi: 200 };
}

/** The definition: each output pixel the rounded mean of its f×f block. */
function naiveDownscale(image: PageImage, f: number): number[] {
  const w = Math.floor(image.width / f);
  const h = Math.floor(image.height / f);
  const out: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < f; dy++)
        for (let dx = 0; dx < f; dx++) sum += image.data[(y * f + dy) * image.width + x * f + dx]!;
      out.push(Math.round(sum / (f * f)));
    }
  }
  return out;
}

describe("pixel helpers", () => {
  it("downscales by 2 (the fast path) and by 3 to each block's rounded mean", () => {
    const page = noisyPage(101, 77);
    for (const f of [2, 3]) {
      const small = downscale(page, f);
      expect([small.width, small.height, small.dpi]).toEqual([
        Math.floor(101 / f),
        Math.floor(77 / f),
        200 / f,
      ]);
      expect([...small.data]).toEqual(naiveDownscale(page, f));
    }
  });

  it("counts every grey level, whatever the length's remainder by four", () => {
    for (const n of [0, 1, 6, 4003]) {
      const data = noisyPage(n, 1).data;
      const expected = new Array<number>(256).fill(0);
      for (const v of data) expected[v]!++;
      expect([...histogram(data)]).toEqual(expected);
    }
  });

  it("puts Otsu's threshold between ink and paper", () => {
    const page = noisyPage(64, 64);
    const values = [...page.data];
    const t = otsuThreshold(page);
    expect(t).toBeGreaterThanOrEqual(Math.max(...values.filter((v) => v < 128)));
    expect(t).toBeLessThan(Math.min(...values.filter((v) => v >= 128)));
  });
});
