import type { AuditRecord } from "../domain/record.ts";
import { writeCsvs, writeJsonl, writeReviewPage } from "../export/index.ts";
import { loadReviewExport, reviewSheets } from "../review/export-data.ts";
import { runCrossRules, sortFlags } from "../rules/registry.ts";
import { type DamagedRecord, readAllRecords, rewriteRecord } from "./outputs.ts";

const isCross = (rule: string) => rule.startsWith("XDOC-");

/** Runs when a batch ends, in-process and queued alike: cross-report rules over every record in `out`,
 * then the batch exports. Returns the records as finally written; damaged record files are listed in
 * `damaged` and left out. */
export async function finishBatch(
  out: string,
  rulesConfig?: unknown,
  damaged: DamagedRecord[] = [],
): Promise<AuditRecord[]> {
  const records = await readAllRecords(out, damaged);
  const cross = runCrossRules(records, rulesConfig);
  for (const record of records) {
    const before = JSON.stringify(record.flags);
    record.flags = sortFlags([
      ...record.flags.filter((f) => !isCross(f.rule)),
      ...(cross.get(record.document.id) ?? []),
    ]);
    if (JSON.stringify(record.flags) !== before) await rewriteRecord(out, record);
  }
  // A re-ingest keeps what the committee decided in the exports (decisions live in review.sqlite).
  const review = loadReviewExport(out, records, rulesConfig);
  await writeJsonl(out, records, review?.blocks);
  await writeCsvs(out, records, review ? reviewSheets(review) : null);
  await writeReviewPage(out, records);
  return records;
}
