/** Small generated inputs for queue tests: PNG pages and image-only PDFs, each with distinct pixels, plus
 * bad files (empty, truncated PDF). */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import sharp from "sharp";

function pagePixels(seed: number, width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height, 255);
  let a = seed >>> 0 || 1;
  const rnd = () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
  // Dark "text lines" of varying lengths: a page-like image whose pixels depend on the seed.
  for (let row = 40; row < height - 40; row += 24) {
    const len = Math.floor((0.3 + 0.6 * rnd()) * (width - 80));
    for (let y = row; y < row + 10; y++) {
      for (let x = 40; x < 40 + len; x++) if (rnd() < 0.7) data[y * width + x] = 20;
    }
  }
  return data;
}

export async function pagePng(seed: number, width = 420, height = 300): Promise<Buffer> {
  return sharp(pagePixels(seed, width, height), { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}

export async function pagesPdf(seeds: number[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  for (const s of seeds) {
    const png = await pdf.embedPng(await pagePng(s));
    // Sized so that rendering at 300 DPI gives back about the PNG's pixels (small pages, fast tests).
    const w = (png.width * 72) / 300;
    const h = (png.height * 72) / 300;
    const page = pdf.addPage([w, h]);
    page.drawImage(png, { x: 0, y: 0, width: w, height: h });
  }
  return Buffer.from(await pdf.save());
}

export interface GeneratedInputs {
  dir: string;
  files: string[];
}

/** `count` documents: every third one a 2-page PDF, the rest PNG pages; `bad` adds an empty and a truncated
 * PDF. `seedBase` keeps different test files' inputs distinct. */
export async function makeInputs(
  dir: string,
  count: number,
  opts: { bad?: boolean; seedBase?: number } = {},
): Promise<GeneratedInputs> {
  await mkdir(dir, { recursive: true });
  const base = opts.seedBase ?? 1000;
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const seed = base + i * 7;
    const name = `doc-${String(i).padStart(3, "0")}`;
    if (i % 3 === 2) {
      const f = path.join(dir, `${name}.pdf`);
      await writeFile(f, await pagesPdf([seed, seed + 1]));
      files.push(f);
    } else {
      const f = path.join(dir, `${name}.png`);
      await writeFile(f, await pagePng(seed));
      files.push(f);
    }
  }
  if (opts.bad) {
    const empty = path.join(dir, "bad-empty.pdf");
    await writeFile(empty, Buffer.alloc(0));
    const good = await pagesPdf([base - 1]);
    const truncated = path.join(dir, "bad-truncated.pdf");
    await writeFile(truncated, good.subarray(0, Math.floor(good.length / 3)));
    files.push(empty, truncated);
  }
  return { dir, files };
}
