/**
 * PDF pages through pdf.js (legacy build: the modern one needs DOMMatrix, absent in Node 20). This runs inside
 * the PDF process (pdf-child-main.ts); the rest of the program opens PDFs through pdf-sandbox.ts.
 * Everything pdf.js might fetch (CMaps, standard fonts, wasm decoders) comes from the installed package
 * as filesystem paths; there is no URL for it to reach.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { type Canvas, createCanvas } from "@napi-rs/canvas";
import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { InputError } from "../domain/errors.ts";
import type { PageImage, PageInput } from "../domain/page.ts";
import type { IngestLimits, IngestOptions } from "./limits.ts";
import { hiddenGlyphShare, isMeaningfulTextLayer, type PdfTextItem, textLayerLines } from "./pdf-text.ts";
import { installPdfjsRejectionGuard } from "./pdfjs-guard.ts";
import { missesText, textCoverage } from "./text-coverage.ts";

type RenderParams = Parameters<PDFPageProxy["render"]>[0];

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
/** pdf.js wants these as directory "URLs" ending in "/"; in Node a filesystem path works. */
const assetDir = (name: string): string => `${join(pdfjsRoot, name)}/`;

/**
 * Every option pdf.js gets besides the bytes; exported so a test can pin the hardening.
 * - isEvalSupported false: fonts are never compiled to JS with `new Function` (CVE-2024-4367, fixed in
 *   4.2.67, is arbitrary JS through a crafted FontMatrix on that path).
 * - disableFontFace / useSystemFonts false: no FontFace objects, no lookups of fonts installed on the host;
 *   glyphs are drawn as paths from the embedded or bundled standard font data.
 * - no `url`, only `data`: pdf.js opens nothing itself; the three asset folders are the installed
 *   package's, read through its Node file readers. No XFA forms, no scripting (the legacy build has none
 *   unless a scripting sandbox is wired in, which we never do).
 */
export const PDFJS_DOCUMENT_OPTIONS = Object.freeze({
  cMapUrl: assetDir("cmaps"),
  cMapPacked: true,
  standardFontDataUrl: assetDir("standard_fonts"),
  wasmUrl: assetDir("wasm"),
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  enableXfa: false,
  verbosity: 0,
});

/** Directory pdf.js's assets are read from (the installed pdfjs-dist package). */
export const PDFJS_ROOT = pdfjsRoot;

export interface OpenedPdf {
  pageCount: number;
  /** `signal`: stop reading the page (the sandboxed reader kills its process). */
  getPage(page: number, signal?: AbortSignal): Promise<PageInput>;
  close(): Promise<void>;
}

function classifyOpenError(error: unknown): InputError {
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "PasswordException") {
    return new InputError(
      "PDF_ENCRYPTED",
      "the PDF is password-protected",
      "ask the sender for an unprotected copy",
      {
        cause: error,
      },
    );
  }
  return new InputError("PDF_CORRUPT", `the PDF cannot be read: ${message}`, undefined, { cause: error });
}

/** Opaque white and opaque black RGBA pixels read as one 32-bit word (black only on little-endian hosts). */
const WHITE = 0xffffffff;
const BLACK = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 0xff000000 : 0x000000ff;

/**
 * RGBA canvas pixels → grey (pdf.js draws on a white background we painted first). Most of a page is white paper
 * and black print: those words are settled without the weighted sum (which gives them 255 and 0 too).
 */
export function rgbaToGrey(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  dpi: number,
): PageImage {
  const grey = new Uint8Array(width * height);
  const aligned = rgba.byteOffset % 4 === 0;
  const words = aligned ? new Uint32Array(rgba.buffer, rgba.byteOffset, grey.length) : null;
  for (let i = 0, p = 0; i < grey.length; i++, p += 4) {
    const word = words ? words[i]! >>> 0 : 0;
    if (word === WHITE) grey[i] = 255;
    else if (word === BLACK) grey[i] = 0;
    else grey[i] = (rgba[p]! * 299 + rgba[p + 1]! * 587 + rgba[p + 2]! * 114 + 500) / 1000;
  }
  return { width, height, channels: 1, data: grey, dpi };
}

/** Render DPI for a page, lowered for oversized pages (posters, A0 drawings) to stay within the pixel limit. */
function fitDpi(widthPt: number, heightPt: number, dpi: number, maxPixels: number, page: number): number {
  const pixels = ((widthPt * dpi) / 72) * ((heightPt * dpi) / 72);
  if (pixels <= maxPixels) return dpi;
  const fitted = Math.floor(dpi * Math.sqrt(maxPixels / pixels));
  if (fitted < 72) {
    throw new InputError(
      "IMAGE_TOO_LARGE",
      `page ${page} is ${Math.round(widthPt)}x${Math.round(heightPt)} pt: too large even at 72 DPI`,
    );
  }
  return fitted;
}

let lastCanvas: { width: number; height: number; canvas: Canvas } | null = null;

/**
 * A canvas of this size, white: the previous page's when the size is the same (a document's pages mostly are),
 * so its pixel memory is not allocated and faulted in again for every page. The PDF process renders one page at
 * a time; reset() clears every state pdf.js may have left (transform, clip, alpha, composite).
 */
function whiteCanvas(width: number, height: number) {
  if (lastCanvas?.width !== width || lastCanvas.height !== height) {
    lastCanvas = { width, height, canvas: createCanvas(width, height) };
  }
  const { canvas } = lastCanvas;
  const ctx = canvas.getContext("2d");
  ctx.reset();
  return { canvas, ctx };
}

async function renderPage(pdfPage: PDFPageProxy, dpi: number): Promise<PageImage> {
  const viewport = pdfPage.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const { canvas, ctx } = whiteCanvas(width, height);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);
  // pdf.js is typed against the DOM canvas; @napi-rs/canvas implements the same 2D API.
  await pdfPage.render({
    canvas: canvas as unknown as RenderParams["canvas"],
    canvasContext: ctx as unknown as RenderParams["canvasContext"],
    viewport,
  }).promise;
  return rgbaToGrey(ctx.getImageData(0, 0, width, height).data, width, height, dpi);
}

/** Share of the layer's glyphs drawn invisibly (render mode 3 or 7) above which it is a scan's hidden OCR layer. */
const MAX_HIDDEN = 0.5;

/**
 * Whether the text layer is the page's text, by evidence, cheapest first: readable characters (fonts without a
 * ToUnicode map give garbage), every text-shaped mark of ink under a text-layer line (a partial layer leaves some
 * bare), and glyphs that are drawn (a scanner's invisible OCR layer over its image is its reading, not the print).
 */
async function holdsPageText(
  pdfPage: PDFPageProxy,
  lines: ReturnType<typeof textLayerLines>,
  image: PageImage,
): Promise<boolean> {
  if (!isMeaningfulTextLayer(lines)) return false;
  if (missesText(textCoverage(image, lines))) return false;
  const ops = renderedOperatorList(pdfPage) ?? (await pdfPage.getOperatorList());
  return hiddenGlyphShare(ops.fnArray, ops.argsArray, OPS) <= MAX_HIDDEN;
}

interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
  lastChunk: boolean;
}

/**
 * The operator list the page's render just drew from. pdf.js keeps it on the page until cleanup() and gives
 * no public way to it; asking again with getOperatorList() builds the whole list a second time in its worker
 * (a tenth of a text-layer page's time). Null when this pdf.js keeps it elsewhere.
 */
function renderedOperatorList(pdfPage: PDFPageProxy): OperatorList | null {
  const states = (pdfPage as unknown as { _intentStates?: Map<unknown, { operatorList?: OperatorList }> })
    ._intentStates;
  if (!(states instanceof Map)) return null;
  for (const state of states.values()) {
    const list = state.operatorList;
    if (list?.lastChunk && Array.isArray(list.fnArray) && Array.isArray(list.argsArray)) return list;
  }
  return null;
}

type Matrix = [number, number, number, number, number, number];

/**
 * Text-layer pages are rendered at this DPI at most: their pixels serve only tick boxes, rulings and evidence
 * crops, which read as well at 150 as at 200 (12 digital reports: fields 70.2% / 68.0%, boxes 46% / 41%), and a
 * render of 0.56x the pixels is the largest cost of such a page.
 */
const TEXT_LAYER_DPI = 150;

async function render(pdfPage: PDFPageProxy, dpi: number, pageNo: number): Promise<PageImage> {
  try {
    return await renderPage(pdfPage, dpi);
  } catch (cause) {
    throw new InputError(
      "PAGE_RENDER_FAILED",
      `page ${pageNo} could not be rendered: ${String(cause)}`,
      undefined,
      {
        cause,
      },
    );
  }
}

async function readPage(
  doc: PDFDocumentProxy,
  pageNo: number,
  limits: IngestLimits,
  options: IngestOptions,
): Promise<PageInput> {
  let pdfPage: PDFPageProxy;
  try {
    pdfPage = await doc.getPage(pageNo);
  } catch (cause) {
    throw new InputError("PDF_CORRUPT", `page ${pageNo} cannot be read: ${String(cause)}`, undefined, {
      cause,
    });
  }
  try {
    const base = pdfPage.getViewport({ scale: 1 });
    const dpi = fitDpi(base.width, base.height, options.renderDpi, limits.maxPixelsPerPage, pageNo);
    const content = await pdfPage.getTextContent();
    const items = content.items.filter((i): i is typeof i & PdfTextItem => "str" in i);
    const textDpi = Math.min(dpi, TEXT_LAYER_DPI);
    const lines = textLayerLines(items, pdfPage.getViewport({ scale: textDpi / 72 }).transform as Matrix);
    if (isMeaningfulTextLayer(lines)) {
      const image = await render(pdfPage, textDpi, pageNo);
      if (await holdsPageText(pdfPage, lines, image)) {
        return {
          page: pageNo,
          kind: "text-layer",
          width: image.width,
          height: image.height,
          dpi: textDpi,
          lines,
          image,
        };
      }
    }
    return { page: pageNo, kind: "raster", image: await render(pdfPage, dpi, pageNo) };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError("PAGE_RENDER_FAILED", `page ${pageNo}: ${String(error)}`, undefined, {
      cause: error,
    });
  } finally {
    // Frees the page's parsed resources (fonts, images); the document stays open for other pages.
    pdfPage.cleanup();
  }
}

export async function openPdf(
  bytes: Uint8Array,
  limits: IngestLimits,
  options: IngestOptions,
): Promise<OpenedPdf> {
  installPdfjsRejectionGuard();
  // pdf.js transfers (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    ...PDFJS_DOCUMENT_OPTIONS,
    // Images inside the PDF above the page pixel limit are skipped, not decoded: a 100k x 100k
    // Flate stream of zeros is a few KB on disk and 10 GB in memory.
    maxImageSize: limits.maxPixelsPerPage,
    data: new Uint8Array(bytes),
  });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw classifyOpenError(error);
  }
  const pageCount = doc.numPages;
  const fail = async (error: InputError): Promise<never> => {
    await doc.destroy().catch(() => undefined);
    throw error;
  };
  if (pageCount < 1) await fail(new InputError("PDF_NO_PAGES", "the PDF has no pages"));
  if (pageCount > limits.maxPages) {
    await fail(
      new InputError("PDF_TOO_MANY_PAGES", `the PDF has ${pageCount} pages (limit ${limits.maxPages})`),
    );
  }
  // pdf.js rebuilds the cross-reference table of damaged files and may then open a truncated PDF;
  // the last page object is the first casualty of truncation, so parsing it (no rendering) catches that.
  try {
    const last = await doc.getPage(pageCount);
    last.cleanup();
  } catch (cause) {
    await fail(
      new InputError("PDF_CORRUPT", `the PDF is damaged (page ${pageCount} unreadable)`, undefined, {
        cause,
      }),
    );
  }

  return {
    pageCount,
    getPage(pageNo: number): Promise<PageInput> {
      if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > pageCount) {
        return Promise.reject(new RangeError(`page ${pageNo} is outside 1..${pageCount}`));
      }
      return readPage(doc, pageNo, limits, options);
    },
    close: () => {
      // A poster's canvas is not kept for the next document.
      lastCanvas = null;
      return doc.destroy();
    },
  };
}
