import path from "node:path";
import type { AuditRecord } from "../domain/record.ts";
import { makeCrops } from "./crops.ts";
import { orderRecords, writeFileAtomic } from "./files.ts";
import { renderReviewPage } from "./html.ts";

/** Crops into `<out>/review/crops/`, then `<out>/review.html` (one self-contained page that points at
 * them by relative path, so the folder can be zipped and opened anywhere). Returns the page's path. */
export async function writeReviewPage(
  out: string,
  records: readonly AuditRecord[],
  now: Date = new Date(),
): Promise<string> {
  const ordered = orderRecords(records);
  const crops = await makeCrops(out, ordered);
  const target = path.join(out, "review.html");
  await writeFileAtomic(target, renderReviewPage(ordered, crops.index, now, crops.failed.length));
  return target;
}
