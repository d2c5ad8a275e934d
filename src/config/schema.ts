import os from "node:os";
import { z } from "zod";

export const OcrConfig = z.object({
  /** PP-OCRv4 through onnxruntime-node (default) or tesseract.js (chi_sim). PP-OCR by the blind families' first
   * read (docs/ocr-engines.md, 2026-12-03): fields 55.0% vs 44.9%, false high/medium flags 1.38 vs 1.50 per report,
   * CER 4.4% vs 10.4%, the same seconds per page. */
  engine: z.enum(["tesseract", "paddle"]).default("paddle"),
  /** Golden OCR recordings: replay results for known page images (tests, re-runs); with `record`, misses go to
   * the real engine and are stored. */
  replayDir: z.string().nullable().default(null),
  record: z.boolean().default(false),
  /** Workers in the OCR pool, default one per core; also the cores OCR keeps busy, second readers included. */
  workers: z.number().int().min(1).default(Math.max(1, os.availableParallelism())),
  /** Recycle a worker after this many pages so memory stays flat on long runs. */
  recycleAfter: z.number().int().min(1).default(200),
  /** DPI at which image-only PDF pages are rasterised: 200 reads as well as 300 (measured) with 2.25x fewer pixels. */
  dpi: z.number().int().min(72).max(600).default(200),
  languages: z.string().default("chi_sim"),
  /** tesseract: read doubtful words again with the float model (fixes rare name and firm characters; measured
   * 1.07x the time per page; one more worker, ~450 MB over a long run). */
  secondLook: z.boolean().default(true),
  /** Invert dark filled bands and header cells before OCR so their light text reads dark on light. Off by
   * default until the recorded OCR of the fixture sets is taken again with it (changed pixels miss the replays). */
  invertBands: z.boolean().default(false),
  /** PP-OCR: longest side of the image the text detector sees (larger pages are scaled down). */
  paddleDetMaxSide: z.number().int().min(320).max(4096).default(960),
  /** PP-OCR: threads per worker's ONNX session; null = 1 (measured fastest here: use workers for the cores). */
  paddleThreads: z.number().int().min(1).nullable().default(null),
});

export const LimitsConfig = z.object({
  maxFileBytes: z
    .number()
    .int()
    .positive()
    .default(200 * 1024 * 1024),
  maxPages: z.number().int().positive().default(500),
  maxPixelsPerPage: z.number().int().positive().default(60_000_000),
  /** Decoded bytes of one compressed PDF stream, and of all of them (flate bombs are refused before parsing). */
  maxStreamBytes: z
    .number()
    .int()
    .positive()
    .default(256 * 1024 * 1024),
  maxDecodedBytes: z
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024 * 1024),
  /** Resident memory of the process that parses and renders one PDF (pdf.js); it is killed above this. */
  pdfMemoryMb: z.number().int().min(128).default(1024),
  pageTimeoutMs: z.number().int().positive().default(120_000),
  documentTimeoutMs: z
    .number()
    .int()
    .positive()
    .default(60 * 60_000),
});

export const QueueConfig = z.object({
  redisUrl: z.string().default("redis://127.0.0.1:6379"),
  prefix: z.string().default("audit-extract"),
  concurrency: z.number().int().min(1).default(Math.max(1, os.availableParallelism())),
  /** How long a worker keeps trying to reach Redis (with backoff) before it exits with QUEUE_UNAVAILABLE. */
  connectRetryMs: z.number().int().min(0).default(60_000),
});

export const AppConfig = z.object({
  ocr: OcrConfig.default(OcrConfig.parse({})),
  limits: LimitsConfig.default(LimitsConfig.parse({})),
  queue: QueueConfig.default(QueueConfig.parse({})),
  /** Overrides for the QA rules (thresholds, enabled, severity); validated by the rules module. */
  rules: z.record(z.string(), z.unknown()).default({}),
  /** Save each page's prepared image for the review page's evidence crops. */
  savePageImages: z.boolean().default(true),
});
export type AppConfig = z.infer<typeof AppConfig>;
