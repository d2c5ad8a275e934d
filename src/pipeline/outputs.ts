import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
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

export async function writeDocumentOutputs(
  out: string,
  record: AuditRecord,
  pages: readonly OcrPage[],
): Promise<string> {
  const name = outputName(record);
  await Promise.all(
    ["records", "text", "ocr", "state"].map((d) => mkdir(path.join(out, d), { recursive: true })),
  );
  await writeFile(path.join(out, "records", `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  await writeFile(path.join(out, "text", `${name}.txt`), pages.map((p) => p.text).join("\f"));
  const ocr = {
    documentId: record.document.id,
    file: record.document.file,
    engine: record.document.ocr.engine,
    pages,
  };
  await writeFile(path.join(out, "ocr", `${name}.json`), JSON.stringify(ocr));
  if (record.document.id) {
    const marker: DoneMarker = { id: record.document.id, name, pipelineVersion: PIPELINE_VERSION };
    await writeFile(path.join(out, "state", `${record.document.id}.json`), JSON.stringify(marker));
  }
  return name;
}

/** The record a previous run wrote for this input, if it was made by this pipeline version. */
export async function findDone(out: string, documentId: string): Promise<AuditRecord | null> {
  try {
    const marker = JSON.parse(
      await readFile(path.join(out, "state", `${documentId}.json`), "utf8"),
    ) as DoneMarker;
    if (marker.pipelineVersion !== PIPELINE_VERSION || marker.id !== documentId) return null;
    const raw = await readFile(path.join(out, "records", `${marker.name}.json`), "utf8");
    return AuditRecord.parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

export async function readAllRecords(out: string): Promise<AuditRecord[]> {
  const dir = path.join(out, "records");
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".json")).sort();
  const records: AuditRecord[] = [];
  for (const n of names)
    records.push(AuditRecord.parse(JSON.parse(await readFile(path.join(dir, n), "utf8"))));
  return records;
}

export async function rewriteRecord(out: string, record: AuditRecord): Promise<void> {
  await writeFile(
    path.join(out, "records", `${outputName(record)}.json`),
    `${JSON.stringify(record, null, 2)}\n`,
  );
}
