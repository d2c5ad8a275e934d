/** Opens an input file as a SourceDocument: type by magic bytes, limits checked, pages produced on demand. */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import { InputError } from "../domain/errors.ts";
import type { SourceDocument } from "../domain/page.ts";
import { sniffType } from "./detect.ts";
import { openImage } from "./image.ts";
import { DEFAULT_INGEST_OPTIONS, type IngestLimits, type IngestOptions, resolveLimits } from "./limits.ts";
import { openPdfSandboxed } from "./pdf-sandbox.ts";

export type { IngestLimits, IngestOptions } from "./limits.ts";
export { DEFAULT_INGEST_LIMITS, DEFAULT_INGEST_OPTIONS } from "./limits.ts";
export { normalizeText } from "./normalize-text.ts";

const WRONG_TYPE_HINT: Record<string, string> = {
  zip: "it looks like an Office document (.docx/.xlsx) or a zip archive; export it to PDF first",
  ole: "it looks like an old Office document (.doc/.xls); export it to PDF first",
};

async function readInput(path: string, limits: IngestLimits): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError("INPUT_UNSUPPORTED", `${path} is not a regular file`);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError("INPUT_NOT_FOUND", `cannot open ${path}`, undefined, { cause: error });
  }
  if (size === 0) throw new InputError("INPUT_EMPTY", `${path} is empty`);
  if (size > limits.maxFileBytes) {
    throw new InputError("INPUT_TOO_LARGE", `${path} is ${size} bytes (limit ${limits.maxFileBytes})`);
  }
  try {
    return new Uint8Array(await readFile(path));
  } catch (cause) {
    throw new InputError("INPUT_NOT_FOUND", `cannot read ${path}`, undefined, { cause });
  }
}

/**
 * Opens a PDF or page image. Throws InputError (INPUT_*, PDF_*, IMAGE_*) for files that cannot be
 * used; pages are rendered or decoded only when `getPage` is called, so no document sits in memory
 * as pixels. `getPage` rejects with PDF_CORRUPT / PAGE_RENDER_FAILED / IMAGE_CORRUPT / IMAGE_TOO_LARGE.
 */
export async function openDocument(
  path: string,
  limits?: Partial<IngestLimits>,
  options?: Partial<IngestOptions>,
): Promise<SourceDocument> {
  const resolved = resolveLimits(limits);
  const opts: IngestOptions = {
    renderDpi: options?.renderDpi ?? DEFAULT_INGEST_OPTIONS.renderDpi,
    defaultImageDpi: options?.defaultImageDpi ?? DEFAULT_INGEST_OPTIONS.defaultImageDpi,
  };
  const bytes = await readInput(path, resolved);
  const id = createHash("sha256").update(bytes).digest("hex");
  const type = sniffType(bytes);
  const common = { id, path, name: basename(path) };

  if (type === "pdf") {
    const pdf = await openPdfSandboxed(bytes, resolved, opts);
    return { ...common, format: "pdf", pageCount: pdf.pageCount, getPage: pdf.getPage, close: pdf.close };
  }
  if (type === "png" || type === "jpeg" || type === "tiff" || type === "webp") {
    const image = await openImage(bytes, resolved, opts);
    return {
      ...common,
      format: "image",
      pageCount: image.pageCount,
      getPage: image.getPage,
      close: image.close,
    };
  }
  throw new InputError(
    "INPUT_UNSUPPORTED",
    `${basename(path)} is not a PDF or a page image`,
    WRONG_TYPE_HINT[type] ?? "accepted: PDF, PNG, JPEG, TIFF, WebP",
  );
}
