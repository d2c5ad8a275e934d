/** The JSON report a run writes, and the differences between two of them. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { DocumentScore, Summary } from "./score.ts";

export interface EvalReport {
  createdAt: string;
  set: string;
  /** OCR engine of the run (absent in reports written before engines were compared). */
  engine?: string | null;
  /** Wall-clock seconds of the whole pipeline run over its pages (documents and pages overlap). */
  wallSecondsPerPage?: number | null;
  summary: Summary;
  documents: DocumentScore[];
}

export function writeReport(path: string, report: EvalReport): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 1)}\n`);
}

export function readReport(path: string): EvalReport {
  return JSON.parse(readFileSync(path, "utf8")) as EvalReport;
}

const pct = (v: number | null) => (v === null ? "-" : `${(v * 100).toFixed(2)}%`);
function delta(label: string, a: number | null, b: number | null, lowerIsBetter = false): string | null {
  if (a === b) return null;
  const d = a !== null && b !== null ? b - a : null;
  const better = d === null ? "" : (lowerIsBetter ? d < 0 : d > 0) ? " (better)" : " (worse)";
  return `${label}: ${pct(a)} -> ${pct(b)}${better}`;
}

/** Lines describing what changed from `old` to `now`: overall numbers, fields, rules, per-document CER. */
export function compareReports(old: EvalReport, now: EvalReport): string[] {
  const out: string[] = [];
  const o = old.summary;
  const n = now.summary;
  const push = (s: string | null) => s && out.push(s);
  push(delta("CER overall", o.cer.overall, n.cer.overall, true));
  if (o.cer.unorderedOverall !== undefined)
    push(delta("CER in any order", o.cer.unorderedOverall, n.cer.unorderedOverall ?? null, true));
  push(delta("fields overall", o.fieldsOverall.accuracy, n.fieldsOverall.accuracy));
  if (o.fieldsOverall.wrong !== n.fieldsOverall.wrong)
    out.push(`fields wrong: ${o.fieldsOverall.wrong} -> ${n.fieldsOverall.wrong}`);
  push(delta("boxes", o.boxes.accuracy, n.boxes.accuracy));
  push(delta("flag precision", o.flagsOverall.precision, n.flagsOverall.precision));
  push(delta("flag recall", o.flagsOverall.recall, n.flagsOverall.recall));
  if (o.handledAsExpected.ok !== n.handledAsExpected.ok)
    out.push(`handled as expected: ${o.handledAsExpected.ok} -> ${n.handledAsExpected.ok}`);
  if (o.secondsPerPage !== n.secondsPerPage)
    out.push(
      `seconds per page: ${o.secondsPerPage?.toFixed(2) ?? "-"} -> ${n.secondsPerPage?.toFixed(2) ?? "-"}`,
    );
  for (const k of new Set([...Object.keys(o.fields), ...Object.keys(n.fields)]))
    push(delta(`field ${k}`, o.fields[k]?.accuracy ?? null, n.fields[k]?.accuracy ?? null));
  for (const k of new Set([...Object.keys(o.flags), ...Object.keys(n.flags)])) {
    push(delta(`rule ${k} precision`, o.flags[k]?.precision ?? null, n.flags[k]?.precision ?? null));
    push(delta(`rule ${k} recall`, o.flags[k]?.recall ?? null, n.flags[k]?.recall ?? null));
  }
  const oldDocs = new Map(old.documents.map((d) => [d.file, d]));
  for (const d of now.documents) {
    const p = oldDocs.get(d.file);
    if (!p) {
      out.push(`new document ${d.file}`);
      continue;
    }
    const a = p.cer?.value ?? null;
    const b = d.cer?.value ?? null;
    if (a !== null && b !== null && Math.abs(a - b) >= 0.005) push(delta(`CER ${d.file}`, a, b, true));
    if (p.handledAsExpected !== d.handledAsExpected)
      out.push(`${d.file}: handled ${p.handledAsExpected} -> ${d.handledAsExpected}`);
  }
  return out;
}
