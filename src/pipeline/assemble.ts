import type { ErrorCode } from "../domain/errors.ts";
import type { OcrPage } from "../domain/ocr.ts";
import { type AuditRecord, type DocumentStatus, type Problem, SCHEMA_VERSION } from "../domain/record.ts";
import { assistRecord, type LlmConfig } from "../llm/index.ts";
import { parseDocument } from "../parse/index.ts";
import { runRules } from "../rules/registry.ts";

export interface DocumentMeta {
  id: string;
  file: string;
  engine: string;
  timings: { totalMs: number; ocrMs: number };
}

/** A rejected input still gets a record, so nothing is lost and the batch can report it. */
export function failedRecord(
  meta: DocumentMeta,
  code: ErrorCode | string,
  message: string,
  pages = 0,
): AuditRecord {
  return {
    schemaVersion: SCHEMA_VERSION,
    document: {
      id: meta.id,
      file: meta.file,
      pages,
      kind: "unknown",
      status: "failed",
      errors: [{ code, page: null, message }],
      ocr: { engine: meta.engine, meanConfidence: null, dpi: null },
      timings: meta.timings,
    },
    report: null,
    flags: [],
  };
}

/** A document nothing could be read from is not extracted: failed, with NO_TEXT (exit 3), like an unreadable one. */
function statusOf(
  pages: readonly OcrPage[],
  kind: AuditRecord["document"]["kind"],
  errors: readonly Problem[],
): DocumentStatus {
  const failed = pages.filter((p) => p.error).length;
  if (failed === pages.length || kind === "not_audit_report") return "failed";
  if (errors.some((e) => e.code === "NO_TEXT" && e.page === null)) return "failed";
  return failed > 0 ? "partial" : "ok";
}

/** OCR pages -> record -> (optional LLM assist) -> flags. Without the LLM the same pages give the same record. */
export async function assembleRecord(
  meta: DocumentMeta,
  pages: readonly OcrPage[],
  rulesConfig?: unknown,
  llm: LlmConfig | null = null,
): Promise<AuditRecord> {
  const errors: Problem[] = pages
    .filter((p) => p.error)
    .map((p) => ({ code: p.error!.code, page: p.page, message: p.error!.message }));
  const read = pages.filter((p) => !p.error);
  const parsed = parseDocument(pages);
  errors.push(...parsed.problems);
  if (
    read.every((p) => p.text.trim() === "") &&
    pages.length > 0 &&
    !errors.some((e) => e.code === "NO_TEXT")
  ) {
    errors.push({ code: "NO_TEXT", page: null, message: "no text could be read from any page" });
  }
  if (parsed.kind === "not_audit_report") {
    errors.push({ code: "NOT_AUDIT_REPORT", page: null, message: "the document is not an audit report" });
  }
  const textLayerPages = pages.filter((p) => p.source === "text-layer").map((p) => p.page);
  const conf = read.length ? read.reduce((s, p) => s + p.meanConfidence, 0) / read.length : null;
  const record: AuditRecord = {
    schemaVersion: SCHEMA_VERSION,
    document: {
      id: meta.id,
      file: meta.file,
      pages: pages.length,
      kind: parsed.kind,
      status: statusOf(pages, parsed.kind, errors),
      errors,
      ocr: {
        // A document whose every page came from its text layer names no OCR engine.
        engine: pages.some((p) => p.source === "ocr") ? meta.engine : null,
        ...(textLayerPages.length > 0 ? { textLayerPages } : {}),
        meanConfidence: conf,
        dpi: pages[0]?.dpi ?? null,
      },
      timings: meta.timings,
    },
    report: parsed.kind === "audit_report" ? parsed.report : null,
    flags: [],
  };
  const usage = await assistRecord(record, pages, llm);
  if (usage) {
    const { model, calls, cacheHits, promptTokens, completionTokens } = usage;
    record.document.llm = { model, calls, cacheHits, promptTokens, completionTokens };
  }
  record.flags = runRules(record, rulesConfig);
  return record;
}
