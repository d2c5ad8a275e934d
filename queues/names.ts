import { createHash } from "node:crypto";
import { z } from "zod";
import { LimitsConfig } from "../src/config/schema.ts";
import { PIPELINE_VERSION } from "../src/pipeline/version.ts";

/** Queue names; every key also carries `config.queue.prefix`, so deployments can share one Redis. */
export const QUEUES = {
  /** OCR of one page of one document: children of a document job (sandboxed, CPU-bound). */
  pages: "pages",
  /** One input file: waits for its page jobs, assembles the record and writes the outputs. */
  documents: "documents",
} as const;

/** Retry policy for transient failures (Redis blips, a crashed sandbox, a flaky shared filesystem). */
export const RETRY = {
  attempts: 3,
  backoff: { type: "exponential" as const, delay: 2_000 },
};

/** Settings from the submitter that change what is extracted, so every worker extracts the same way. */
export const JobSettings = z.object({
  limits: LimitsConfig,
  rules: z.record(z.string(), z.unknown()),
  savePageImages: z.boolean(),
  /** Render DPI for image-only PDF pages: the same on every worker so records match in-process ones. */
  renderDpi: z.number().int().positive(),
});
export type JobSettings = z.infer<typeof JobSettings>;

export const InputProblem = z.object({ code: z.string(), message: z.string() });
export type InputProblem = z.infer<typeof InputProblem>;

export const DocumentJobData = z.object({
  v: z.literal(1),
  /** sha256 of the file ("" when it cannot be read at all). */
  documentId: z.string(),
  /** Absolute path, readable by every worker (shared filesystem). */
  file: z.string(),
  /** How reports name the input (relative to the folder given on the command line). */
  display: z.string(),
  /** Absolute output folder, writable by every worker (shared filesystem). */
  out: z.string(),
  pageCount: z.number().int().nonnegative(),
  /** Set when the submitter could not open the file: the worker writes a failed record, nothing is OCR'd. */
  inputError: InputProblem.nullable(),
  settings: JobSettings,
});
export type DocumentJobData = z.infer<typeof DocumentJobData>;

export const PageJobData = z.object({
  v: z.literal(1),
  documentId: z.string(),
  file: z.string(),
  out: z.string(),
  page: z.number().int().min(1),
  pageCount: z.number().int().min(1),
  settings: JobSettings,
});
export type PageJobData = z.infer<typeof PageJobData>;

/** What a document job returns (also what `status` and the submitter read). */
export const DocumentJobResult = z.object({
  documentId: z.string(),
  file: z.string(),
  status: z.string(),
  kind: z.string(),
  codes: z.array(z.string()),
  pages: z.number().int().nonnegative(),
});
export type DocumentJobResult = z.infer<typeof DocumentJobResult>;

const short = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 12);

/** Idempotency key of a document: content hash + pipeline version + output folder. The same bytes submitted
 * again into the same output folder map to the same job (a no-op); another folder needs its own outputs.
 * No ':' (BullMQ reserves it). */
export function documentJobId(documentId: string, out: string): string {
  return `doc-${documentId}-v${PIPELINE_VERSION}-o${short(out)}`;
}

/** A file that could not be hashed (missing, unreadable): keyed by path, batch and output folder. */
export function unreadableJobId(file: string, out: string, batch: string): string {
  return `doc-unreadable-${short(file)}-${batch}-o${short(out)}`;
}

export function pageJobId(docJobId: string, page: number): string {
  return `${docJobId}-p${page}`;
}

/** Page number from a child key (`<prefix>:pages:<docJobId>-p<n>`). */
export function pageFromKey(key: string): number | null {
  const m = /-p(\d+)$/.exec(key);
  return m ? Number(m[1]) : null;
}

/** Failed jobs carry their code first in `failedReason`: "PDF_CORRUPT: the PDF cannot be read". */
export function reasonWithCode(code: string, message: string): string {
  return `${code}: ${message}`;
}

export function codeFromReason(reason: string | undefined | null, fallback = "JOB_FAILED"): string {
  const m = /^([A-Z][A-Z0-9_]+): /.exec(reason ?? "");
  return m ? m[1]! : fallback;
}

export function messageFromReason(reason: string | undefined | null): string {
  const r = reason ?? "";
  const m = /^[A-Z][A-Z0-9_]+: (.*)$/s.exec(r);
  return m ? m[1]! : r;
}
