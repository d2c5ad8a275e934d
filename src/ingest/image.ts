/** Page images (PNG, JPEG, TIFF incl. multi-page, WebP) decoded by sharp to 8-bit grey, one page at a time. */
import sharp, { type Metadata } from "sharp";
import { InputError } from "../domain/errors.ts";
import type { PageImage, PageInput } from "../domain/page.ts";
import type { IngestLimits, IngestOptions } from "./limits.ts";

export interface OpenedImage {
  pageCount: number;
  getPage(page: number): Promise<PageInput>;
  close(): Promise<void>;
}

const A4_ASPECT = 297 / 210;
const A4_LONG_INCHES = 297 / 25.4;

/**
 * DPI of a scan. A resolution tag is trusted when it implies a plausible sheet (4-24 inches on the long
 * side); many tools write 72 or 96 regardless. Otherwise an A4-shaped image is assumed to be A4, and
 * anything else gets the default.
 */
export function resolveDpi(
  width: number,
  height: number,
  density: number | undefined,
  fallback: number,
): number {
  const long = Math.max(width, height);
  const short = Math.max(1, Math.min(width, height));
  if (density && density >= 50 && density <= 2400) {
    const inches = long / density;
    if (inches >= 4 && inches <= 24) return density;
  }
  if (Math.abs(long / short - A4_ASPECT) < 0.04) {
    const guessed = Math.round(long / A4_LONG_INCHES);
    if (guessed >= 50) return guessed;
  }
  return fallback;
}

function decodeError(page: number, cause: unknown): InputError {
  const message = cause instanceof Error ? cause.message : String(cause);
  if (/pixel limit/iu.test(message)) {
    return new InputError("IMAGE_TOO_LARGE", `page ${page}: ${message}`, undefined, { cause });
  }
  return new InputError("IMAGE_CORRUPT", `page ${page} cannot be decoded: ${message}`, undefined, { cause });
}

async function decodePage(
  bytes: Uint8Array,
  pageIndex: number,
  limits: IngestLimits,
  options: IngestOptions,
): Promise<PageImage> {
  const page = pageIndex + 1;
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { page: pageIndex, limitInputPixels: false }).metadata();
  } catch (cause) {
    throw decodeError(page, cause);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > limits.maxPixelsPerPage) {
    throw new InputError(
      "IMAGE_TOO_LARGE",
      `page ${page} is ${width}x${height} pixels (limit ${limits.maxPixelsPerPage})`,
    );
  }
  try {
    // rotate() honours EXIF orientation (phone photos of pages); flatten() puts transparency on white;
    // b-w + uchar turns CMYK, palette and 16-bit input into plain 8-bit grey.
    const { data, info } = await sharp(bytes, {
      page: pageIndex,
      limitInputPixels: limits.maxPixelsPerPage,
      failOn: "error",
    })
      .rotate()
      .flatten({ background: "#ffffff" })
      .toColourspace("b-w")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
    const pixels = info.width * info.height;
    let grey = new Uint8Array(data.buffer, data.byteOffset, data.length);
    if (info.channels !== 1) {
      grey = new Uint8Array(pixels);
      for (let i = 0, p = 0; i < pixels; i++, p += info.channels) grey[i] = data[p]!;
    }
    const dpi = resolveDpi(info.width, info.height, meta.density, options.defaultImageDpi);
    return { width: info.width, height: info.height, channels: 1, data: grey, dpi };
  } catch (cause) {
    throw decodeError(page, cause);
  }
}

export async function openImage(
  bytes: Uint8Array,
  limits: IngestLimits,
  options: IngestOptions,
): Promise<OpenedImage> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw decodeError(1, cause);
  }
  const pageCount = Math.max(1, meta.pages ?? 1);
  if (pageCount > limits.maxPages) {
    throw new InputError("PDF_TOO_MANY_PAGES", `the image has ${pageCount} pages (limit ${limits.maxPages})`);
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > limits.maxPixelsPerPage) {
    throw new InputError(
      "IMAGE_TOO_LARGE",
      `the image is ${meta.width}x${meta.height} pixels (limit ${limits.maxPixelsPerPage})`,
    );
  }
  return {
    pageCount,
    async getPage(pageNo: number): Promise<PageInput> {
      if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > pageCount) {
        throw new RangeError(`page ${pageNo} is outside 1..${pageCount}`);
      }
      return { page: pageNo, kind: "raster", image: await decodePage(bytes, pageNo - 1, limits, options) };
    },
    close: async () => undefined,
  };
}
