/** Reading a fixture set (manifest + truth) and a pipeline output folder (records/, text/). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { AuditRecord } from "../domain/record.ts";
import { DocumentTruth } from "./truth.ts";

export interface ManifestEntry {
  file: string;
  truth: string;
  kind: string;
}

export function loadManifest(setDir: string): ManifestEntry[] {
  const path = join(setDir, "manifest.json");
  if (existsSync(path))
    return (JSON.parse(readFileSync(path, "utf8")) as { documents: ManifestEntry[] }).documents;
  // No manifest: every *.truth.json names its own input.
  return readdirSync(setDir)
    .filter((f) => f.endsWith(".truth.json"))
    .sort()
    .map((t) => {
      const truth = loadTruth(join(setDir, t));
      return { file: truth.file, truth: t, kind: truth.kind };
    });
}

export function loadTruth(path: string): DocumentTruth {
  return DocumentTruth.parse(JSON.parse(readFileSync(path, "utf8")));
}

export interface PipelineOutput {
  record: AuditRecord | null;
  text: string | null;
  /** Set when a record exists but does not match the record schema (it is still scored). */
  warning: string | null;
}

/** Finds the record of an input in `<out>/records/`, by `document.file` first and by name second. */
export class OutputFolder {
  private readonly byFile = new Map<string, { record: AuditRecord; warning: string | null; path: string }>();

  constructor(private readonly out: string) {
    const dir = join(out, "records");
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".json"))) {
      const raw: unknown = JSON.parse(readFileSync(join(dir, f), "utf8"));
      const parsed = AuditRecord.safeParse(raw);
      const record = parsed.success ? parsed.data : (raw as AuditRecord);
      const warning = parsed.success
        ? null
        : `${f} does not match the record schema: ${parsed.error.issues[0]?.message ?? ""}`;
      const key = record?.document?.file ? basename(record.document.file) : f.replace(/\.json$/, "");
      this.byFile.set(key, { record, warning, path: f });
      this.byFile.set(`#${f.replace(/\.json$/, "")}`, { record, warning, path: f });
    }
  }

  get(file: string): PipelineOutput {
    const stem = file.slice(0, file.length - extname(file).length);
    const hit = this.byFile.get(file) ?? this.byFile.get(`#${stem}`) ?? this.byFile.get(`#${file}`) ?? null;
    // The text file shares the record's name, whatever naming the exporter chose.
    const named = hit ? [join(this.out, "text", hit.path.replace(/\.json$/, ".txt"))] : [];
    const textPath = [
      ...named,
      join(this.out, "text", `${stem}.txt`),
      join(this.out, "text", `${file}.txt`),
    ].find((p) => existsSync(p));
    return {
      record: hit?.record ?? null,
      text: textPath ? readFileSync(textPath, "utf8") : null,
      warning: hit?.warning ?? null,
    };
  }
}
