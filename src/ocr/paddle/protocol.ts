/** Messages between the PP-OCR engine (main thread) and its worker threads, and typed errors across them. */
import { AuditExtractError, EnvironmentError, type ErrorCode, InputError } from "../../domain/errors.ts";
import type { EngineResult } from "../engine.ts";
import type { PaddleReaderOptions } from "./reader.ts";

export interface WireImage {
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  dpi: number;
  data: Uint8Array;
}

/** `read` finds and reads every line of a page; `read-line` reads a crop holding one line as it is. */
export type ToWorker = { type: "read" | "read-line"; id: number; image: WireImage } | { type: "close" };

export interface WireError {
  kind: "environment" | "input" | "other";
  code: string | null;
  message: string;
  hint: string | null;
}

export type FromWorker =
  | { type: "ready" }
  | { type: "failed-to-start"; error: WireError }
  | { type: "result"; id: number; result: EngineResult }
  | { type: "failed"; id: number; error: WireError };

export type WorkerOptions = Partial<PaddleReaderOptions>;

export function toWire(error: unknown): WireError {
  const kind =
    error instanceof EnvironmentError ? "environment" : error instanceof InputError ? "input" : "other";
  return {
    kind,
    code: error instanceof AuditExtractError ? error.code : null,
    message: error instanceof Error ? error.message : String(error),
    hint: error instanceof AuditExtractError ? (error.hint ?? null) : null,
  };
}

export function fromWire(error: WireError): Error {
  const code = (error.code ?? "OCR_FAILED") as ErrorCode;
  const hint = error.hint ?? undefined;
  if (error.kind === "environment") return new EnvironmentError(code, error.message, hint);
  if (error.kind === "input") return new InputError(code, error.message, hint);
  return new Error(error.message);
}
