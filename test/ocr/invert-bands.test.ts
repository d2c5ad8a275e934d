import { describe, expect, it } from "vitest";
import type { PageImage } from "../../src/domain/page.ts";
import { findDarkBands, invertDarkBands } from "../../src/ocr/invert-bands.ts";

/** A 200 DPI page: a dark band (grey 40) with light "glyphs" (grey 230) in it, and dark glyphs on the paper. */
function page(): PageImage {
  const width = 1600;
  const height = 1200;
  const data = new Uint8Array(width * height).fill(250);
  const fill = (x0: number, y0: number, x1: number, y1: number, v: number) => {
    for (let y = y0; y < y1; y++) data.fill(v, y * width + x0, y * width + x1);
  };
  fill(150, 300, 1450, 370, 40);
  for (let c = 0; c < 20; c++) fill(180 + c * 40, 315, 205 + c * 40, 355, 230);
  // Dense dark type on paper: bold glyphs 30 px with 10 px gaps, two lines.
  for (const top of [600, 650])
    for (let c = 0; c < 30; c++) fill(150 + c * 40, top, 180 + c * 40, top + 30, 20);
  // A filled tick box: dark, but small.
  fill(150, 900, 185, 935, 10);
  return { width, height, channels: 1, data, dpi: 200 };
}

const at = (img: PageImage, x: number, y: number) => img.data[y * img.width + x] ?? -1;

describe("dark band inversion", () => {
  it("finds the band to its edges, not the dark type or the filled box", async () => {
    const bands = await findDarkBands(page());
    expect(bands).toHaveLength(1);
    const [x0, y0, x1, y1] = bands[0] ?? [0, 0, 0, 0];
    expect(Math.abs(x0 - 150)).toBeLessThanOrEqual(2);
    expect(Math.abs(y0 - 300)).toBeLessThanOrEqual(2);
    expect(Math.abs(x1 - 1450)).toBeLessThanOrEqual(2);
    expect(Math.abs(y1 - 370)).toBeLessThanOrEqual(2);
  });

  it("makes the band's light text dark on light and leaves the rest of the page as it was", async () => {
    const input = page();
    const before = Uint8Array.from(input.data);
    const { image, bands } = await invertDarkBands(input);
    expect(bands).toHaveLength(1);
    expect(Buffer.from(input.data).equals(Buffer.from(before))).toBe(true);
    expect(at(image, 190, 335)).toBeLessThan(60); // a glyph inside the band
    expect(at(image, 210, 335)).toBeGreaterThan(200); // band between glyphs
    expect(at(image, 160, 620)).toBe(20); // type on paper untouched
    expect(at(image, 160, 910)).toBe(10); // the tick box too
    expect(at(image, 150, 300)).toBe(40); // the band's rim stays: its edge is a ruling
  });

  it("leaves a page without bands as the same image", async () => {
    const blank: PageImage = {
      width: 400,
      height: 400,
      channels: 1,
      data: new Uint8Array(160000).fill(255),
      dpi: 200,
    };
    const { image, bands } = await invertDarkBands(blank);
    expect(bands).toEqual([]);
    expect(image).toBe(blank);
  });
});
