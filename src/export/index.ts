import type { AuditRecord } from "../domain/record.ts";
import { loadReviewExport, reviewSheets } from "../review/export-data.ts";
import { writeCsvs } from "./csv.ts";
import { loadRecords, writeJsonl, writeRecordFiles } from "./json.ts";
import { writeReviewPage } from "./review.ts";

export { type CropIndex, type CropResult, makeCrops } from "./crops.ts";
export { csvSheets, FLAG_COLUMNS, NC_COLUMNS, REPORT_COLUMNS, TEAM_COLUMNS, writeCsvs } from "./csv.ts";
export { orderRecords } from "./files.ts";
export { renderReviewPage, reviewOrder } from "./html.ts";
export { jsonlLine, loadRecords, RecordLoadError, withReview, writeJsonl, writeRecordFiles } from "./json.ts";
export { outputName, safeName } from "./names.ts";
export { writeReviewPage } from "./review.ts";

export type ExportFormat = "json" | "jsonl" | "csv" | "html";

/**
 * Rebuilds exports from `<out>/records/*.json` without OCR (`audit-extract export <out> --format ...`).
 * Every record is validated first, and nothing is written if one is invalid. "json" rewrites each record
 * file under its canonical name (normalising hand-edited or older files). Decisions and corrections made
 * with `audit-extract review` (`<out>/review.sqlite`) go along: a `review` block in JSON/JSONL, and
 * csv/decisions.csv, csv/corrections.csv. Returns the records used.
 */
export async function exportAll(
  out: string,
  formats: readonly ExportFormat[],
  rulesConfig?: unknown,
): Promise<AuditRecord[]> {
  const records = await loadRecords(out);
  const review = loadReviewExport(out, records, rulesConfig);
  const want = new Set(formats);
  if (want.has("json")) for (const r of records) await writeRecordFiles(out, r, review?.blocks);
  if (want.has("jsonl")) await writeJsonl(out, records, review?.blocks);
  if (want.has("csv")) await writeCsvs(out, records, review ? reviewSheets(review) : null);
  if (want.has("html")) await writeReviewPage(out, records);
  return records;
}
