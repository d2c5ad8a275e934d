/** `npm run eval -- --errors [--field <name>]`: every field that is not correct, with the truth, the value
 * read, the record's raw text and confidence where a scalar field has them, and the recognised line that
 * looks most like the truth, so a parser slip can be told from an OCR slip at a glance. */
import type { Field } from "../domain/field.ts";
import type { OutputFolder } from "./load.ts";
import type { EvalReport } from "./report-file.ts";

const show = (v: unknown): string => (v === null || v === undefined ? "∅" : JSON.stringify(v));

/** Character bigrams shared with the target, as a share of the target's bigrams. */
function likeness(line: string, target: string): number {
  const grams = (s: string) => {
    const c = [...s.replace(/\s/g, "")];
    return new Set(c.slice(0, -1).map((ch, i) => ch + c[i + 1]));
  };
  const t = grams(target);
  if (t.size === 0) return 0;
  const l = grams(line);
  let n = 0;
  for (const g of t) if (l.has(g)) n++;
  return n / t.size;
}

/** The recognised line most like `target` (at least a third of its bigrams), trimmed for a terminal. */
function closestLine(text: string | null, target: unknown): string | null {
  if (!text || typeof target !== "string" || target.length < 2) return null;
  let best: { line: string; score: number } | null = null;
  for (const line of text.split(/\n|\f/)) {
    const score = likeness(line, target);
    if (score > (best?.score ?? 0.33)) best = { line, score };
  }
  return best ? best.line.replace(/\t/g, " ⇥ ").slice(0, 140) : null;
}

/** Truth of a team attribute is scored without the member: name it from the preceding team.name result. */
function subject(expected: unknown): string | null {
  if (expected && typeof expected === "object" && !Array.isArray(expected)) {
    const o = expected as Record<string, unknown>;
    return String(o.criterion ?? o.section ?? "");
  }
  return null;
}

export function formatFieldErrors(report: EvalReport, folder: OutputFolder, only?: string): string {
  const out: string[] = [];
  for (const doc of report.documents) {
    const { record, text } = folder.get(doc.file);
    const rep = record?.report as unknown as Record<string, Field<unknown>> | undefined;
    let member = "";
    for (const r of doc.fields) {
      if (r.field === "team.name") member = String(r.expected ?? r.actual ?? "");
      if (r.outcome === "correct" || (only && !r.field.startsWith(only))) continue;
      const who = r.field.startsWith("team.") && r.field !== "team.name" ? ` [${member}]` : "";
      const sub = subject(r.expected);
      const f = rep && !r.field.includes(".") ? rep[r.field] : undefined;
      const prov =
        f && typeof f === "object" && "confidence" in f ? ` raw=${show(f.raw)} conf=${f.confidence}` : "";
      out.push(
        `${doc.file}  ${r.field}${who}${sub ? ` [${sub}]` : ""}  ${r.outcome.toUpperCase()}  truth=${show(r.expected)}  read=${show(r.actual)}${prov}`,
      );
      const hint = r.field.startsWith("team.") && r.field !== "team.name" ? member : r.expected;
      const ctx = closestLine(text, Array.isArray(hint) ? hint.join("") : hint);
      if (ctx) out.push(`    ocr: ${ctx}`);
    }
  }
  return out.length ? out.join("\n") : "no field errors";
}
