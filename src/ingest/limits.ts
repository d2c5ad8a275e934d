/** Limits that protect a batch from one oversized or hostile file. Defaults match src/config/schema.ts. */
export interface IngestLimits {
  maxFileBytes: number;
  maxPages: number;
  /** Pixels of one rendered or decoded page. */
  maxPixelsPerPage: number;
  /** Decoded size of one compressed PDF stream (a flate bomb is a few MB on disk and GBs decoded). */
  maxStreamBytes: number;
  /** Decoded size of all of a PDF's compressed streams together. */
  maxDecodedBytes: number;
  /** Resident memory of the process that parses and renders one PDF; it is killed above this. */
  pdfMemoryMb: number;
  /** Time one PDF page may take in that process before it is killed. */
  pageTimeoutMs: number;
  /** Time opening a PDF (decoded-size check, parsing its structure) may take: part of the document's time. */
  documentTimeoutMs: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxFileBytes: 200 * 1024 * 1024,
  maxPages: 500,
  maxPixelsPerPage: 60_000_000,
  maxStreamBytes: 256 * 1024 * 1024,
  maxDecodedBytes: 2 * 1024 * 1024 * 1024,
  pdfMemoryMb: 1024,
  pageTimeoutMs: 120_000,
  documentTimeoutMs: 3_600_000,
};

export interface IngestOptions {
  /**
   * DPI PDF pages are rendered at. 200: on synthetic report pages Tesseract read 200 and 300 DPI
   * equally well (CER 1.6/0.4% vs 2.2/0.2%) at ~2.25x fewer pixels; see the ingest/OCR report.
   */
  renderDpi: number;
  /** DPI assumed for images without a usable resolution tag that are not A4-shaped. */
  defaultImageDpi: number;
}

export const DEFAULT_INGEST_OPTIONS: IngestOptions = { renderDpi: 200, defaultImageDpi: 300 };

/** Config objects carry more keys (document timeout); take only the ones ingest knows, ignoring undefined. */
export function resolveLimits(limits?: Partial<IngestLimits>): IngestLimits {
  const d = DEFAULT_INGEST_LIMITS;
  return {
    maxFileBytes: limits?.maxFileBytes ?? d.maxFileBytes,
    maxPages: limits?.maxPages ?? d.maxPages,
    maxPixelsPerPage: limits?.maxPixelsPerPage ?? d.maxPixelsPerPage,
    maxStreamBytes: limits?.maxStreamBytes ?? d.maxStreamBytes,
    maxDecodedBytes: limits?.maxDecodedBytes ?? d.maxDecodedBytes,
    pdfMemoryMb: limits?.pdfMemoryMb ?? d.pdfMemoryMb,
    pageTimeoutMs: limits?.pageTimeoutMs ?? d.pageTimeoutMs,
    documentTimeoutMs: limits?.documentTimeoutMs ?? d.documentTimeoutMs,
  };
}
