/** Input files built in the test run: no binary fixtures in the repository. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  PDFDocument,
  popGraphicsState,
  pushGraphicsState,
  StandardFonts,
  setTextRenderingMode,
  TextRenderingMode,
} from "pdf-lib";
import sharp from "sharp";

export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), "ingest-test-"));
}

export function writeScratch(dir: string, name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** A4 PDF whose pages carry a real text layer (Helvetica, so ASCII only). */
export async function textPdf(pages: readonly string[][]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595.28, 841.89]);
    lines.forEach((line, i) => {
      page.drawText(line, { x: 72, y: 770 - i * 20, size: 12, font });
    });
  }
  return doc.save();
}

/** A4 PDF holding only a scanned image per page (no text layer). */
export async function imagePdf(pageCount: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const png = await sharp({ create: { width: 400, height: 566, channels: 3, background: "#ffffff" } })
    .composite([
      {
        input: Buffer.from(
          '<svg width="400" height="566"><rect x="40" y="40" width="200" height="20"/></svg>',
        ),
      },
    ])
    .png()
    .toBuffer();
  const image = await doc.embedPng(png);
  for (let i = 0; i < pageCount; i++) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return doc.save();
}

/** Classic PDF with a correct xref table, built from object bodies (1-based object numbers). */
function assemblePdf(objects: readonly string[], trailerExtra: string): string {
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}

/**
 * A PDF protected by a user password (standard security handler, RC4 40-bit). The /O and /U strings
 * are arbitrary, so the empty password does not open it — exactly what a reader sees for a
 * password-protected report. pdf-lib cannot encrypt and qpdf is not installed, hence by hand.
 */
export function encryptedPdf(): Uint8Array {
  const hex32 = "A1".repeat(32);
  const pdf = assemblePdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
      `<< /Filter /Standard /V 1 /R 2 /O <${hex32}> /U <${"B2".repeat(32)}> /P -4 >>`,
    ],
    `/Encrypt 4 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]`,
  );
  return Buffer.from(pdf, "latin1");
}

/** A structurally valid PDF whose page tree is empty. */
export function zeroPagePdf(): Uint8Array {
  return Buffer.from(
    assemblePdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"], ""),
    "latin1",
  );
}

/** The first bytes of a .docx (a zip whose first entry is [Content_Types].xml). */
export function docxLikeBytes(): Uint8Array {
  const header = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
  return Buffer.concat([header, Buffer.from("[Content_Types].xml".padEnd(400, "\0"), "latin1")]);
}

/** Grey page images in one multi-page TIFF. */
export async function multiPageTiff(pageCount: number): Promise<Uint8Array> {
  const pages = await Promise.all(
    Array.from({ length: pageCount }, (_, i) =>
      sharp({
        create: { width: 210, height: 297, channels: 3, background: { r: 40 * i, g: 40 * i, b: 40 * i } },
      })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(pages, { join: { animated: true } })
    .tiff()
    .toBuffer();
}

/** Rows of the "scanned" pages below: 12 pt apart from 90 pt down, each a run of glyph-sized ink blobs. */
const SCAN_ROWS = 30;
const rowBaseline = (i: number) => 751 - i * 22;

/** A page image (150 DPI, A4) whose text rows are ink blobs the size of 11 pt characters: text as a scan shows it. */
async function scannedRowsPng(): Promise<Buffer> {
  const s = 150 / 72;
  const rects: string[] = [];
  for (let i = 0; i < SCAN_ROWS; i++) {
    const top = (841.89 - rowBaseline(i) - 8) * s;
    for (let c = 0; c < 24; c++) {
      rects.push(`<rect x="${(72 + c * 12) * s}" y="${top}" width="${9 * s}" height="${8 * s}"/>`);
    }
  }
  const [w, h] = [Math.round(595.28 * s), Math.round(841.89 * s)];
  return sharp({ create: { width: w, height: h, channels: 3, background: "#ffffff" } })
    .composite([{ input: Buffer.from(`<svg width="${w}" height="${h}">${rects.join("")}</svg>`) }])
    .png()
    .toBuffer();
}

/**
 * A scanned page with a text layer over it, as scanners with OCR write them: `layerRows` of its text rows carry
 * text-layer words at their place (11 pt Helvetica on the row's baseline), drawn invisibly (render mode 3) or not.
 */
export async function scanWithTextLayer(layerRows: number, invisible: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const image = await doc.embedPng(await scannedRowsPng());
  const page = doc.addPage([595.28, 841.89]);
  page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  page.pushOperators(pushGraphicsState());
  if (invisible) page.pushOperators(setTextRenderingMode(TextRenderingMode.Invisible));
  for (let i = 0; i < Math.min(layerRows, SCAN_ROWS); i++) {
    page.drawText(`Audit finding row ${String(i).padStart(2, "0")} reads as printed here, word for word`, {
      x: 72,
      y: rowBaseline(i),
      size: 11,
      font,
    });
  }
  page.pushOperators(popGraphicsState());
  return doc.save();
}
