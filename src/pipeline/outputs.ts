import { randomBytes } from "node:crypto";
import { copyFile, mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { OcrPage } from "../domain/ocr.ts";
import { AuditRecord } from "../domain/record.ts";
import { outputName } from "../export/names.ts";
import { PIPELINE_VERSION } from "./version.ts";

/** Marks a finished input by its sha256 so a second run over the same files does no work twice. */
interface DoneMarker {
  id: string;
  name: string;
  pipelineVersion: string;
}

export function pageImageDir(out: string, documentId: string): string {
  return path.join(out, "pages", documentId);
}

/**
 * Writes a whole file or nothing: a temporary file beside it, then rename (atomic on one filesystem). With
 * `durable`, the data is flushed to disk before the rename, so a crash or a full disk leaves the old file or
 * the new one, never a truncated one. Temporary names start with "." and end in ".tmp", so readers skip them.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  durable = true,
): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(tmp, "w");
    try {
      await handle.writeFile(data);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
}

const recordJson = (record: AuditRecord) => `${JSON.stringify(record, null, 2)}\n`;

export async function writeDocumentOutputs(
  out: string,
  record: AuditRecord,
  pages: readonly OcrPage[],
): Promise<string> {
  const name = outputName(record);
  await Promise.all(
    ["records", "text", "ocr", "state"].map((d) => mkdir(path.join(out, d), { recursive: true })),
  );
  // Text and OCR first, the record next and the done marker last: a marker always points at a whole record.
  await writeFileAtomic(path.join(out, "text", `${name}.txt`), pages.map((p) => p.text).join("\f"), false);
  const ocr = {
    documentId: record.document.id,
    file: record.document.file,
    engine: record.document.ocr.engine,
    pages,
  };
  await writeFileAtomic(path.join(out, "ocr", `${name}.json`), JSON.stringify(ocr), false);
  await writeFileAtomic(path.join(out, "records", `${name}.json`), recordJson(record));
  if (record.document.id) {
    const marker: DoneMarker = { id: record.document.id, name, pipelineVersion: PIPELINE_VERSION };
    await writeFileAtomic(path.join(out, "state", `${record.document.id}.json`), JSON.stringify(marker));
  }
  return name;
}

/**
 * Identical bytes under another name: the record of the copy already read, under this name (no OCR again).
 * Every name gets its own record; its text and OCR files are copies of the first's. Returns the new record.
 */
export async function writeDuplicateOutputs(
  out: string,
  done: AuditRecord,
  file: string,
): Promise<AuditRecord> {
  const copy: AuditRecord = { ...done, document: { ...done.document, file } };
  const from = outputName(done);
  const to = outputName(copy);
  await Promise.all(["records", "text", "ocr"].map((d) => mkdir(path.join(out, d), { recursive: true })));
  for (const [dir, ext] of [
    ["text", "txt"],
    ["ocr", "json"],
  ] as const) {
    await copyFile(path.join(out, dir, `${from}.${ext}`), path.join(out, dir, `${to}.${ext}`)).catch(
      () => undefined,
    );
  }
  await writeFileAtomic(path.join(out, "records", `${to}.json`), recordJson(copy));
  return copy;
}

/** The record a previous run wrote for this input, if it was made by this pipeline version and is whole. A
 * damaged record or marker counts as not done: the input is read again and its record rebuilt. */
export async function findDone(out: string, documentId: string): Promise<AuditRecord | null> {
  try {
    const marker = JSON.parse(
      await readFile(path.join(out, "state", `${documentId}.json`), "utf8"),
    ) as DoneMarker;
    if (marker.pipelineVersion !== PIPELINE_VERSION || marker.id !== documentId) return null;
    const raw = await readFile(path.join(out, "records", `${path.basename(marker.name)}.json`), "utf8");
    return AuditRecord.parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

/** The record of `file` under `name`, if it is there and whole. */
export async function readRecordNamed(out: string, name: string): Promise<AuditRecord | null> {
  try {
    return AuditRecord.parse(JSON.parse(await readFile(path.join(out, "records", `${name}.json`), "utf8")));
  } catch {
    return null;
  }
}

export interface DamagedRecord {
  /** Path under `out`, e.g. records/x.json. */
  file: string;
  reason: string;
}

/** Every whole record in `out`; a damaged one (truncated, empty, not a record) is listed in `damaged` and
 * left out, never fatal to the batch. */
export async function readAllRecords(out: string, damaged: DamagedRecord[] = []): Promise<AuditRecord[]> {
  const dir = path.join(out, "records");
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => n.endsWith(".json") && !n.startsWith("."))
    .sort();
  const records: AuditRecord[] = [];
  for (const n of names) {
    try {
      records.push(AuditRecord.parse(JSON.parse(await readFile(path.join(dir, n), "utf8"))));
    } catch (error) {
      const reason =
        error instanceof SyntaxError ? `not valid JSON (${error.message})` : "not a valid record";
      damaged.push({ file: path.join("records", n), reason });
    }
  }
  return records;
}

export async function rewriteRecord(out: string, record: AuditRecord): Promise<void> {
  await writeFileAtomic(path.join(out, "records", `${outputName(record)}.json`), recordJson(record));
}
