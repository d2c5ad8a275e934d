import { mkdir, mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { cropRegion, makeCrops } from "../../src/export/crops.ts";
import { outputName } from "../../src/export/names.ts";
import { flag, idOf, record } from "./builder.ts";

async function page(file: string, channels: 1 | 3, width = 800, height = 1000) {
  await mkdir(path.dirname(file), { recursive: true });
  const data = Buffer.alloc(width * height * channels, 200);
  await sharp(data, { raw: { width, height, channels } }).jpeg().toFile(file);
}

const id = idOf("crops");

describe("makeCrops", () => {
  it("crops grey pages too, clips boxes at the page edge, and skips boxes off the page", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "crops-"));
    await page(path.join(out, "pages", id, "1.jpg"), 1);
    const r = record({
      id,
      flags: [
        flag("A", "high", 1, [700, 900, 900, 1100]), // runs off the bottom-right corner
        flag("B", "low", 1, [5000, 5000, 5100, 5100]), // nowhere on the page
        flag("C", "low", 2, [10, 10, 20, 20]), // page 2 has no image
      ],
    });
    r.document.ocr.dpi = 300;
    const { index } = await makeCrops(out, [r]);
    expect([...(index.get(outputName(r)) ?? new Map()).entries()]).toEqual([[1, `review/crops/${id}-1.jpg`]]);
    const meta = await sharp(path.join(out, "review", "crops", `${id}-1.jpg`)).metadata();
    expect(meta.width).toBe(800 - (700 - 360)); // 1.2 inch sideways at 300 DPI, clipped at the edge
    expect(meta.height).toBe(1000 - (900 - 75)); // 0.25 inch up
    // The red frame is red on a grey page too (the pipeline may save grey pages).
    const { data, info } = await sharp(path.join(out, "review", "crops", `${id}-1.jpg`))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = ((75 - 4) * info.width + 400) * info.channels;
    expect(info.channels).toBe(3);
    expect(data[at]!).toBeGreaterThan(180);
    expect(data[at + 1]!).toBeLessThan(80);
  });

  it("scales a full-width line down to 1400 px wide and keeps the frame around the box", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "crops-"));
    await page(path.join(out, "pages", id, "1.jpg"), 1, 2480, 600);
    const r = record({ id, flags: [flag("A", "high", 1, [100, 200, 2380, 260])] });
    const { index, failed } = await makeCrops(out, [r]);
    expect(failed).toEqual([]);
    expect(index.get(outputName(r))?.get(1)).toBe(`review/crops/${id}-1.jpg`);
    const meta = await sharp(path.join(out, "review", "crops", `${id}-1.jpg`)).metadata();
    expect(meta.width).toBe(1400);
  });

  it("reuses unchanged crops, redoes moved boxes, removes crops no flag points at", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "crops-"));
    await page(path.join(out, "pages", id, "1.jpg"), 3);
    const dir = path.join(out, "review", "crops");
    const r = record({
      id,
      flags: [flag("A", "high", 1, [100, 100, 300, 150]), flag("B", "low", 1, [100, 400, 300, 450])],
    });
    await makeCrops(out, [r]);
    const first = await stat(path.join(dir, `${id}-1.jpg`));
    await new Promise((res) => setTimeout(res, 20));
    await makeCrops(out, [r]);
    expect((await stat(path.join(dir, `${id}-1.jpg`))).mtimeMs).toBe(first.mtimeMs);

    r.flags = [flag("A", "high", 1, [100, 100, 500, 150])];
    await makeCrops(out, [r]);
    expect((await stat(path.join(dir, `${id}-1.jpg`))).mtimeMs).not.toBe(first.mtimeMs);
    expect((await readdir(dir)).sort()).toEqual([`${id}-1.jpg`, "manifest.json"]);
  });

  it("two records with the same bytes (same id) under different names keep separate crops", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "crops-"));
    await page(path.join(out, "pages", id, "1.jpg"), 3);
    const a = record({ id, file: "a/r.pdf", flags: [flag("A", "high", 1, [10, 10, 100, 50])] });
    const b = record({ id, file: "b/r.pdf", flags: [flag("B", "high", 1, [10, 300, 600, 350])] });
    const { index } = await makeCrops(out, [a, b]);
    expect(index.get(outputName(a))?.get(1)).toBe(`review/crops/${id}-1.jpg`);
    expect(index.get(outputName(b))?.get(1)).toBe(`review/crops/${id}~2-1.jpg`);
    const wa = (await sharp(path.join(out, "review", "crops", `${id}-1.jpg`)).metadata()).width;
    const wb = (await sharp(path.join(out, "review", "crops", `${id}~2-1.jpg`)).metadata()).width;
    expect(wa).not.toBe(wb);
  });

  it("a corrupt page image or an unsafe id gives no crop, not an error", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "crops-"));
    await mkdir(path.join(out, "pages", id), { recursive: true });
    await writeFile(path.join(out, "pages", id, "1.jpg"), "not a jpeg");
    const bad = record({ id, flags: [flag("A", "high", 1, [1, 1, 50, 50])] });
    const traversal = record({ id: "../../etc", flags: [flag("A", "high", 1, [1, 1, 50, 50])] });
    const { index, failed } = await makeCrops(out, [bad, traversal]);
    expect(index.size).toBe(0);
    expect(failed.map((f) => f.page)).toEqual([1]);
  });

  it("cropRegion takes in whole OCR lines the region touches, and not lines outside its band", () => {
    // 150 DPI: margins 180 px sideways, 38 px up and down. The box sits in the middle of a long line.
    const line: [number, number, number, number] = [60, 500, 1180, 530];
    const nextLine: [number, number, number, number] = [60, 540, 1100, 570]; // middle 555, inside the band
    const farBelow: [number, number, number, number] = [60, 700, 1180, 730];
    const region = cropRegion([500, 505, 600, 528], 1240, 1754, 150, [line, nextLine, farBelow]);
    const pad = Math.round(0.05 * 150);
    expect(region).toEqual({
      left: 60 - pad,
      top: 505 - 38,
      width: 1180 + pad - (60 - pad),
      height: 570 + pad - (505 - 38),
    });
    // Without lines: the plain margins, cut mid-line.
    expect(cropRegion([500, 505, 600, 528], 1240, 1754, 150)).toEqual({
      left: 320,
      top: 467,
      width: 460,
      height: 99,
    });
  });

  it("cropRegion adds a DPI-scaled margin and rejects degenerate boxes", () => {
    expect(cropRegion([100, 100, 200, 150], 1000, 1000, 150)).toEqual({
      left: 0,
      top: 62,
      width: 380,
      height: 126,
    });
    expect(cropRegion([200, 150, 100, 100], 1000, 1000, 150)).toEqual({
      left: 0,
      top: 62,
      width: 380,
      height: 126,
    });
    expect(cropRegion([2000, 2000, 2100, 2100], 1000, 1000, 300)).toBeNull();
    expect(cropRegion([Number.NaN, 0, 10, 10], 1000, 1000, 300)).toBeNull();
  });
});
