import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AuditRecord } from "../domain/record.ts";
import { outputName } from "./names.ts";

/** Writes beside the target, then renames: someone opening reports.csv or review.html mid-run sees the old
 * file or the new one, never half of one; a crash leaves at most a stray temp file. */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every document once, in a stable order by file name (then id), whatever order the batch finished in.
 * Two records with the same output name are the same document (a record read from disk twice, or written
 * again by a later run): the last one given wins. Code-point order, not locale order, so the result does
 * not depend on the machine's ICU data.
 */
export function orderRecords(records: readonly AuditRecord[]): AuditRecord[] {
  const byName = new Map<string, AuditRecord>();
  for (const r of records) byName.set(outputName(r), r);
  return [...byName.values()].sort(
    (a, b) => byCodePoint(a.document.file, b.document.file) || byCodePoint(a.document.id, b.document.id),
  );
}
