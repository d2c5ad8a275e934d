/** Replays recorded tesseract TSV of the fixture PDFs through the parser and scores fields against the
 * generator's truth files. Usage: npx tsx test/parse/helpers/eval-fixtures.ts <tsv-dir> [fixtures/set] */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Report } from "../../../src/domain/record.ts";
import { parseDocument } from "../../../src/parse/index.ts";
import { layoutPages } from "./layout.ts";
import { pageFromTsv } from "./tesseract-tsv.ts";

const tsvDir = process.argv[2] ?? "/tmp/ocr";
const setDir = process.argv[3] ?? "fixtures/set";
const SCALARS = [
  "reportNumber",
  "organization",
  "certificationBody",
  "auditType",
  "standards",
  "reportDate",
  "auditStart",
  "auditEnd",
  "auditDays",
  "stage1Start",
  "stage1End",
  "stage1Days",
  "coverageFrom",
  "coverageTo",
  "scope",
  "sites",
  "employees",
  "foundedDate",
  "systemImplementedDate",
  "ncMajor",
  "ncMinor",
  "rectificationDeadline",
  "nextAuditDue",
] as const;

type Truth = {
  kind: string;
  layout: string;
  pages?: { text: string }[];
  fields: Record<string, unknown> & {
    team?: {
      name: string;
      role: string;
      registrationNo: string | null;
      technicalCodes: string[];
      grade: string | null;
    }[];
    ncItems?: { clause: string; department: string; severity: string }[];
  };
};

/** A line of short space-separated segments without sentence punctuation is a table row: spaces become cell
 * breaks. Prose keeps its spaces. */
function asRow(line: string): string {
  const parts = line.split(/[ \u3000]+/).filter((p) => p !== "");
  const row = parts.length >= 2 && parts.every((p) => p.length <= 48 && !/[，。]/.test(p));
  return row ? parts.join("\t") : line;
}

const perField = new Map<string, { ok: number; n: number }>();
const bump = (k: string, ok: boolean) => {
  const c = perField.get(k) ?? { ok: 0, n: 0 };
  c.n++;
  if (ok) c.ok++;
  perField.set(k, c);
};
const verbose = process.env.VERBOSE === "1";

for (const truthFile of readdirSync(setDir)
  .filter((f) => f.endsWith(".truth.json"))
  .sort()) {
  const base = truthFile.replace(".truth.json", "");
  const truthText = process.env.TRUTH_TEXT === "1";
  const tsvs = truthText
    ? ["-"]
    : readdirSync(tsvDir)
        .filter((f) => f.startsWith(`${base}-`) && f.endsWith(".tsv"))
        .sort((a, b) => Number(a.match(/-(\d+)\.tsv$/)![1]) - Number(b.match(/-(\d+)\.tsv$/)![1]));
  if (tsvs.length === 0) continue;
  // With a per-document completion marker present, skip documents whose OCR is still running.
  if (
    !truthText &&
    readdirSync(tsvDir).some((f) => f.endsWith(".ok")) &&
    !readdirSync(tsvDir).includes(`${base}.ok`)
  )
    continue;
  const truth = JSON.parse(readFileSync(join(setDir, truthFile), "utf8")) as Truth;
  if (truthText && !truth.pages?.length) continue;
  // TRUTH_TEXT=1: the generator's own page text (perfect OCR); a space next to a Chinese character is a cell gap.
  const pages = truthText
    ? layoutPages((truth.pages ?? []).map((p) => p.text.split("\n").map(asRow).join("\n")).join("\n\n\n\n"))
    : tsvs.map((f, i) => pageFromTsv(readFileSync(join(tsvDir, f), "utf8"), i + 1));
  const t0 = performance.now();
  const result = parseDocument(pages);
  const ms = performance.now() - t0;
  bump("kind", result.kind === truth.kind);
  const r = result.report as Report | null;
  const misses: string[] = [];
  if (r) {
    for (const k of SCALARS) {
      if (!(k in truth.fields)) continue;
      const want = truth.fields[k];
      const got = (r[k] as { value: unknown }).value;
      const ok = JSON.stringify(got) === JSON.stringify(want);
      bump(k, ok);
      if (!ok) misses.push(`${k}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
    }
    const team = (truth.fields.team ?? []).filter((m) => m.role !== "guide");
    for (const m of team) {
      const got = r.team.find((x) => x.name.value === m.name);
      bump("team.name", !!got);
      bump("team.role", got?.role.value === m.role);
      bump("team.grade", got?.grade.value === m.grade);
      bump("team.registrationNo", got?.registrationNo.value === m.registrationNo);
      bump(
        "team.technicalCodes",
        JSON.stringify(got?.technicalCodes.value ?? null) === JSON.stringify(m.technicalCodes),
      );
      if (!got) misses.push(`team member ${m.name} missing`);
      else if (
        got.registrationNo.value !== m.registrationNo ||
        got.role.value !== m.role ||
        got.grade.value !== m.grade ||
        JSON.stringify(got.technicalCodes.value) !== JSON.stringify(m.technicalCodes)
      )
        misses.push(
          `team ${m.name}: ${got.role.value} ${got.grade.value} ${got.registrationNo.value} ${JSON.stringify(got.technicalCodes.value)} != ${m.role} ${m.grade} ${m.registrationNo} ${JSON.stringify(m.technicalCodes)}`,
        );
    }
    bump("team.extra", r.team.length <= team.length);
    if (r.team.length > team.length) misses.push(`extra team: ${r.team.map((x) => x.name.value).join(",")}`);
    const nc = truth.fields.ncItems ?? [];
    const gotNc = r.ncItems.map((n) => [n.clause.value, n.department.value, n.severity.value].join("|"));
    const wantNc = nc.map((n) => [n.clause, n.department, n.severity].join("|"));
    bump("ncItems", JSON.stringify(gotNc) === JSON.stringify(wantNc));
    if (JSON.stringify(gotNc) !== JSON.stringify(wantNc))
      misses.push(`ncItems ${JSON.stringify(gotNc)} != ${JSON.stringify(wantNc)}`);
  }
  console.log(`${base} [${truth.layout}] kind=${result.kind} ${ms.toFixed(0)}ms misses=${misses.length}`);
  if (verbose) for (const m of misses) console.log(`   ${m}`);
}
let ok = 0;
let n = 0;
for (const [k, c] of perField) {
  ok += c.ok;
  n += c.n;
  console.log(`${k.padEnd(24)} ${c.ok}/${c.n}`);
}
console.log(`TOTAL ${ok}/${n} = ${((100 * ok) / n).toFixed(1)}%`);
