import type { AuditRecord } from "../domain/record.ts";
import { writeCsvs } from "./csv.ts";
import { loadRecords, writeJsonl, writeRecordFiles } from "./json.ts";
import { writeReviewPage } from "./review.ts";

export { type CropIndex, type CropResult, makeCrops } from "./crops.ts";
export { csvSheets, FLAG_COLUMNS, NC_COLUMNS, REPORT_COLUMNS, TEAM_COLUMNS, writeCsvs } from "./csv.ts";
export { orderRecords } from "./files.ts";
export { renderReviewPage, reviewOrder } from "./html.ts";
export { jsonlLine, loadRecords, RecordLoadError, writeJsonl, writeRecordFiles } from "./json.ts";
export { outputName, safeName } from "./names.ts";
export { writeReviewPage } from "./review.ts";

export type ExportFormat = "json" | "jsonl" | "csv" | "html";

/**
 * Rebuilds exports from `<out>/records/*.json` without OCR (`audit-extract export <out> --format ...`).
 * Every record is validated first, and nothing is written if one is invalid. "json" rewrites each record
 * file under its canonical name (normalising hand-edited or older files). Returns the records used.
 */
export async function exportAll(out: string, formats: readonly ExportFormat[]): Promise<AuditRecord[]> {
  const records = await loadRecords(out);
  const want = new Set(formats);
  if (want.has("json")) for (const r of records) await writeRecordFiles(out, r);
  if (want.has("jsonl")) await writeJsonl(out, records);
  if (want.has("csv")) await writeCsvs(out, records);
  if (want.has("html")) await writeReviewPage(out, records);
  return records;
}
