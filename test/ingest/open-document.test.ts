import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../../src/domain/errors.ts";
import type { PageInput } from "../../src/domain/page.ts";
import { openDocument } from "../../src/ingest/index.ts";
import type { IngestLimits } from "../../src/ingest/limits.ts";
import {
  docxLikeBytes,
  encryptedPdf,
  imagePdf,
  multiPageTiff,
  scratchDir,
  textPdf,
  writeScratch,
  zeroPagePdf,
} from "./fixtures.ts";

const dir = scratchDir();

async function codeOf(path: string, limits?: Partial<IngestLimits>): Promise<ErrorCode | "opened"> {
  try {
    const doc = await openDocument(path, limits);
    await doc.close();
    return "opened";
  } catch (error) {
    const code = (error as { code?: ErrorCode }).code;
    if (!code) throw error;
    return code;
  }
}

describe("openDocument rejects unusable files with typed codes", async () => {
  const text = await textPdf([["Audit report page one"], ["Page two"]]);

  it.each([
    ["missing file", () => `${dir}/does-not-exist.pdf`, "INPUT_NOT_FOUND"],
    ["empty file", () => writeScratch(dir, "empty.pdf", ""), "INPUT_EMPTY"],
    ["docx renamed .pdf", () => writeScratch(dir, "report.pdf", docxLikeBytes()), "INPUT_UNSUPPORTED"],
    ["plain text", () => writeScratch(dir, "notes.png", "not an image"), "INPUT_UNSUPPORTED"],
    [
      "truncated PDF",
      () => writeScratch(dir, "cut.pdf", text.slice(0, Math.floor(text.length * 0.6))),
      "PDF_CORRUPT",
    ],
    ["PDF header, garbage body", () => writeScratch(dir, "junk.pdf", "%PDF-1.7\nnot a pdf\n"), "PDF_CORRUPT"],
    ["encrypted PDF", () => writeScratch(dir, "locked.pdf", encryptedPdf()), "PDF_ENCRYPTED"],
    ["PDF without pages", () => writeScratch(dir, "zero.pdf", zeroPagePdf()), "PDF_NO_PAGES"],
  ] as const)("%s", async (_label, make, expected) => {
    expect(await codeOf(make())).toBe(expected);
  });

  it("applies file-size, page-count and pixel limits", async () => {
    const pdf = writeScratch(dir, "two-pages.pdf", text);
    expect(await codeOf(pdf, { maxFileBytes: 100 })).toBe("INPUT_TOO_LARGE");
    expect(await codeOf(pdf, { maxPages: 1 })).toBe("PDF_TOO_MANY_PAGES");
    const png = writeScratch(
      dir,
      "big.png",
      await sharp({ create: { width: 300, height: 400, channels: 3, background: "#fff" } })
        .png()
        .toBuffer(),
    );
    expect(await codeOf(png, { maxPixelsPerPage: 1000 })).toBe("IMAGE_TOO_LARGE");
  });
});

describe("openDocument reads pages", () => {
  it("gives text-layer pages with boxes in pixels at their render DPI (150 at most), plus a rendered image", async () => {
    const path = writeScratch(
      dir,
      "text.pdf",
      await textPdf([["Audit report  page one", "Second line"], ["Two"]]),
    );
    const doc = await openDocument(path);
    expect(doc.format).toBe("pdf");
    expect(doc.pageCount).toBe(2);
    expect(doc.id).toMatch(/^[0-9a-f]{64}$/);
    const page = (await doc.getPage(1)) as Extract<PageInput, { kind: "text-layer" }>;
    expect(page.kind).toBe("text-layer");
    expect(page.lines.map((l) => l.text)).toEqual(["Audit report page one", "Second line"]);
    // Text-layer pages render at 150 DPI (their pixels serve tick boxes and crops): 72 pt from the left = 150 px;
    // 12 pt type ≈ 25 px tall.
    expect(page.dpi).toBe(150);
    const [x0, y0, , y1] = page.lines[0]!.bbox;
    expect(x0).toBeCloseTo(150, 0);
    expect(y1 - y0).toBeGreaterThan(19);
    expect(y1 - y0).toBeLessThan(30);
    expect(page.image?.channels).toBe(1);
    expect(page.image?.width).toBe(page.width);
    await doc.close();
  });

  it("rasterises image-only PDF pages to grey at 200 DPI", async () => {
    const doc = await openDocument(writeScratch(dir, "scan.pdf", await imagePdf(1)));
    const page = await doc.getPage(1);
    expect(page.kind).toBe("raster");
    if (page.kind !== "raster") return;
    expect(page.image).toMatchObject({ width: 1654, height: 2339, channels: 1, dpi: 200 });
    // The black bar drawn at (40,40) of a 400 px-wide image is at ~165 px at 200 DPI.
    expect(page.image.data[200 * 1654 + 300]).toBeLessThan(64);
    await doc.close();
  });

  it("detects type by content, not extension, and a multi-page TIFF gives one page per frame", async () => {
    const doc = await openDocument(writeScratch(dir, "scan.pdf.tif.pdf", await multiPageTiff(3)));
    expect(doc.format).toBe("image");
    expect(doc.pageCount).toBe(3);
    const pages = [await doc.getPage(1), await doc.getPage(3)];
    const greys = pages.map((p) => (p.kind === "raster" ? p.image.data[0] : -1));
    expect(greys).toEqual([0, 80]);
    await expect(doc.getPage(4)).rejects.toThrow(RangeError);
    await doc.close();
  });

  it("turns CMYK JPEG and 16-bit PNG into 8-bit grey, taking DPI from metadata", async () => {
    const base = sharp({
      create: { width: 827, height: 1169, channels: 3, background: { r: 200, g: 30, b: 30 } },
    });
    const cmyk = await base.clone().toColourspace("cmyk").jpeg().withMetadata({ density: 100 }).toBuffer();
    const deep = await base.clone().toColourspace("rgb16").png().toBuffer();
    for (const [name, bytes, dpi] of [
      ["cmyk.jpg", cmyk, 100],
      ["deep.png", deep, 100], // untagged but A4-shaped: 1169 px / 11.69 in
    ] as const) {
      const doc = await openDocument(writeScratch(dir, name, bytes));
      const page = await doc.getPage(1);
      expect(page.kind).toBe("raster");
      if (page.kind !== "raster") continue;
      expect(page.image.channels).toBe(1);
      expect(page.image.data.length).toBe(827 * 1169);
      expect(page.image.dpi).toBe(dpi);
      expect(page.image.data[0]).toBeGreaterThan(40);
      expect(page.image.data[0]).toBeLessThan(160);
      await doc.close();
    }
  });

  it("reports a corrupt image page as IMAGE_CORRUPT", async () => {
    const png = await sharp({ create: { width: 400, height: 400, channels: 3, background: "#888" } })
      .png()
      .toBuffer();
    const path = writeScratch(dir, "cut.png", png.subarray(0, 200));
    // Opening reads only the header; the damage shows when the page is decoded.
    const read = async (): Promise<void> => {
      const doc = await openDocument(path);
      await doc.getPage(1);
    };
    await expect(read()).rejects.toMatchObject({ code: "IMAGE_CORRUPT" });
  });
});
