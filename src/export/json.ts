import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { AuditExtractError } from "../domain/errors.ts";
import { AuditRecord } from "../domain/record.ts";
import { orderRecords, writeFileAtomic } from "./files.ts";
import { outputName } from "./names.ts";

/** The committee's decisions about one record (src/review/export-data.ts), exported under `review`. */
export type ReviewBlocks = ReadonlyMap<string, unknown>;

/** The record with its review block, when the committee has decided anything about it. */
export function withReview(
  record: AuditRecord,
  review?: ReviewBlocks | null,
): AuditRecord & { review?: unknown } {
  const block = review?.get(record.document.id);
  return block === undefined ? record : { ...record, review: block };
}

/** `<out>/records/<name>.json`, pretty. Returns the path written. */
export async function writeRecordFiles(
  out: string,
  record: AuditRecord,
  review?: ReviewBlocks | null,
): Promise<string> {
  const target = path.join(out, "records", `${outputName(record)}.json`);
  await writeFileAtomic(target, `${JSON.stringify(withReview(record, review), null, 2)}\n`);
  return target;
}

/** JSON.stringify already escapes \n and \r; these three are legal raw in JSON strings but are line breaks
 * to Python's str.splitlines() and some editors, which would split one record over two "lines". */
const LINE_BREAKS_JSON_KEEPS = /[\u0085\u2028\u2029]/g;

export function jsonlLine(record: AuditRecord & { review?: unknown }): string {
  return JSON.stringify(record).replace(
    LINE_BREAKS_JSON_KEEPS,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** `<out>/records.jsonl`: one record per line, every document exactly once, ordered by file name. */
export async function writeJsonl(
  out: string,
  records: readonly AuditRecord[],
  review?: ReviewBlocks | null,
): Promise<string> {
  const target = path.join(out, "records.jsonl");
  const lines = orderRecords(records).map((r) => jsonlLine(withReview(r, review)));
  await writeFileAtomic(target, lines.length ? `${lines.join("\n")}\n` : "");
  return target;
}

export class RecordLoadError extends Error {
  override readonly name = "RecordLoadError";
  constructor(
    readonly problems: readonly { file: string; message: string }[],
    dir: string,
  ) {
    super(
      `${problems.length} record file(s) in ${dir} are not valid records: ` +
        problems
          .slice(0, 5)
          .map((p) => `${p.file}: ${p.message}`)
          .join("; ") +
        (problems.length > 5 ? "; ..." : ""),
    );
  }
}

/**
 * Every `<out>/records/*.json`, validated. An invalid file stops the export with every bad file named,
 * rather than being skipped: a committee page silently missing one report is worse than no new page.
 */
export async function loadRecords(out: string): Promise<AuditRecord[]> {
  const dir = path.join(out, "records");
  const listing = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== "ENOENT") throw e;
    throw new AuditExtractError(
      "INPUT_NOT_FOUND",
      `no records folder in ${out}`,
      "export rebuilds outputs of an earlier `audit-extract ingest ... --out <dir>`",
    );
  });
  const names = listing.filter((n) => n.endsWith(".json")).sort();
  const records: AuditRecord[] = [];
  const problems: { file: string; message: string }[] = [];
  for (const n of names) {
    try {
      const parsed = AuditRecord.safeParse(JSON.parse(await readFile(path.join(dir, n), "utf8")));
      if (parsed.success) records.push(parsed.data);
      else
        problems.push({
          file: n,
          message: parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join(".")}: ${i.message}`)
            .join(", "),
        });
    } catch (e) {
      problems.push({ file: n, message: e instanceof Error ? e.message : String(e) });
    }
  }
  if (problems.length) throw new RecordLoadError(problems, dir);
  return orderRecords(records);
}
