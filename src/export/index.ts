import type { AuditRecord } from "../domain/record.ts";
import { writeCsvs } from "./csv.ts";
import { loadRecords, type ReviewBlocks, writeJsonl, writeRecordFiles } from "./json.ts";
import { writeReviewPage } from "./review.ts";

export { type CropIndex, type CropResult, makeCrops } from "./crops.ts";
export { csvSheets, FLAG_COLUMNS, NC_COLUMNS, REPORT_COLUMNS, TEAM_COLUMNS, writeCsvs } from "./csv.ts";
export { orderRecords } from "./files.ts";
export { renderReviewPage, reviewOrder } from "./html.ts";
export { jsonlLine, loadRecords, RecordLoadError, withReview, writeJsonl, writeRecordFiles } from "./json.ts";
export { outputName, safeName } from "./names.ts";
export { writeReviewPage } from "./review.ts";

export type ExportFormat = "json" | "jsonl" | "csv" | "html";

/** What the committee decided, for the records about to be exported: a `review` block per record id and
 * extra sheets (decisions.csv, corrections.csv). Made by src/review (`reviewForExport`), which the export
 * stage does not import: the caller passes it. */
export type ReviewForExport = (
  records: readonly AuditRecord[],
) => { blocks: ReviewBlocks; sheets: Readonly<Record<string, string>> } | null;

/**
 * Rebuilds exports from `<out>/records/*.json` without OCR (`audit-extract export <out> --format ...`).
 * Every record is validated first, and nothing is written if one is invalid. "json" rewrites each record
 * file under its canonical name (normalising hand-edited or older files). With `review`, the decisions
 * and corrections go along: a `review` block in JSON/JSONL, and its sheets beside the CSVs. Returns the
 * records used.
 */
export async function exportAll(
  out: string,
  formats: readonly ExportFormat[],
  review?: ReviewForExport,
): Promise<AuditRecord[]> {
  const records = await loadRecords(out);
  const decided = review?.(records) ?? null;
  const want = new Set(formats);
  if (want.has("json")) for (const r of records) await writeRecordFiles(out, r, decided?.blocks);
  if (want.has("jsonl")) await writeJsonl(out, records, decided?.blocks);
  if (want.has("csv")) await writeCsvs(out, records, decided?.sheets ?? null);
  if (want.has("html")) await writeReviewPage(out, records);
  return records;
}
