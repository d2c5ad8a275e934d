import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Field } from "../../src/domain/field.ts";
import type { AuditRecord, Report } from "../../src/domain/record.ts";
import { parseDocument } from "../../src/parse/index.ts";
import { isUncheckedFlag, runCrossRules, runRules } from "../../src/rules/registry.ts";
import { layoutPages } from "../parse/helpers/layout.ts";

/** The generated fixture set (fixtures/set/*.truth.json): page text through the parser for sections and
 * provenance, the truth's field values on top (so a parser slip does not hide a rule's behaviour), then the
 * rules. Every planted finding must be raised; nothing high may be raised that the truth does not list.
 * CHK-MULTIPLE and CHK-NONE need the checkbox reader's pixels, which text pages do not have. */

const DIR = new URL("../../fixtures/set/", import.meta.url);
const NEEDS_PIXELS = new Set(["CHK-MULTIPLE", "CHK-NONE"]);

interface Truth {
  file: string;
  kind: string;
  fields: Record<string, unknown>;
  pages: { text: string }[];
  findings: { rule: string; severity: string }[];
  boxes: {
    page: number;
    bbox: [number, number, number, number];
    state: "checked" | "unchecked";
    label: string;
    group: string;
  }[];
}

/** The drawn tick boxes as the checkbox reader finds them in pixels: text pages have none, and tick rules
 * speak only about groups whose boxes were found. */
function groupsOf(boxes: Truth["boxes"]): Report["checkboxGroups"] {
  const ids = [...new Set(boxes.map((b) => b.group))];
  return ids.map((id) => ({
    id,
    label: id.split(".").slice(1).join(".") || id,
    options: boxes
      .filter((b) => b.group === id)
      .map((b) => ({ label: b.label, state: b.state, confidence: 0.95, page: b.page, bbox: b.bbox })),
  }));
}

const LISTS = new Set(["team", "ncItems", "evaluations", "conclusion"]);

function fieldOf<T>(value: T | null, like?: Field<unknown>): Field<T> {
  return {
    value,
    raw: like?.raw ?? (value === null ? null : String(value)),
    confidence: 0.9,
    page: like?.page ?? 1,
    bbox: like?.bbox ?? [0, 0, 1, 1],
    method: like?.method ?? "ocr",
  };
}

function isField(v: unknown): v is Field<unknown> {
  return typeof v === "object" && v !== null && "value" in v && "confidence" in v;
}

function withTruth(parsed: Report, fields: Record<string, unknown>): Report {
  const r: Record<string, unknown> = { ...parsed };
  for (const [k, v] of Object.entries(fields)) {
    const cur = r[k];
    if (!LISTS.has(k) && isField(cur)) r[k] = fieldOf(v ?? null, cur);
  }
  const out = r as Report;
  const team = fields.team as Record<string, unknown>[] | undefined;
  if (team) {
    out.team = team.map((m) => ({
      name: fieldOf(m.name as string | null),
      role: fieldOf(m.role as Report["team"][number]["role"]["value"]),
      grade: fieldOf(m.grade as string | null),
      registrationNo: fieldOf(m.registrationNo as string | null),
      technicalCodes: fieldOf(m.technicalCodes as string[] | null),
    }));
  }
  const ncs = fields.ncItems as Record<string, unknown>[] | undefined;
  if (ncs) {
    out.ncItems = ncs.map((n) => ({
      clause: fieldOf(n.clause as string | null),
      department: fieldOf(n.department as string | null),
      severity: fieldOf(n.severity as "major" | "minor" | null),
      text: fieldOf<string>(null),
    }));
  }
  const evals = fields.evaluations as
    | { section: string; result: "符合" | "基本符合" | "不符合" | null }[]
    | undefined;
  if (evals) {
    out.evaluations = evals.map((e) => ({
      section: e.section,
      title: parsed.evaluations.find((p) => p.section === e.section)?.title ?? "",
      result: fieldOf(e.result, undefined),
    }));
  }
  if (fields.conclusion) out.conclusion = fields.conclusion as Record<string, string | null>;
  return out;
}

describe.skipIf(!existsSync(DIR))("fixture set", () => {
  const truths: Truth[] = readdirSync(DIR)
    .filter((f) => f.endsWith(".truth.json"))
    .map((f) => JSON.parse(readFileSync(new URL(f, DIR), "utf8")) as Truth)
    .filter((t) => t.kind === "audit_report");
  const records: AuditRecord[] = [];
  const wanted = new Map<string, Truth>();
  for (const t of truths) {
    const parsed = parseDocument(layoutPages(t.pages.map((p) => p.text).join("\n\n"))).report;
    if (!parsed) continue;
    const id = t.file;
    wanted.set(id, t);
    records.push({
      schemaVersion: "1",
      document: {
        id,
        file: t.file,
        pages: t.pages.length,
        kind: "audit_report",
        status: "ok",
        errors: [],
        ocr: { engine: "truth", meanConfidence: 1, dpi: 300 },
        timings: { totalMs: 0, ocrMs: 0 },
      },
      report: { ...withTruth(parsed, t.fields), checkboxGroups: groupsOf(t.boxes) },
      flags: [],
    });
  }
  const cross = runCrossRules(records);
  const flagsOf = (r: AuditRecord) =>
    [...runRules(r), ...(cross.get(r.document.id) ?? [])].filter((f) => !isUncheckedFlag(f));

  it("has reports to check", () => expect(records.length).toBeGreaterThan(10));

  it("raises every planted finding", () => {
    const missed: string[] = [];
    for (const r of records) {
      const got = new Set(flagsOf(r).map((f) => f.rule));
      for (const f of wanted.get(r.document.id)!.findings) {
        if (!NEEDS_PIXELS.has(f.rule) && !got.has(f.rule)) missed.push(`${r.document.file}: ${f.rule}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it("raises no high finding the truth does not list", () => {
    const extra: string[] = [];
    for (const r of records) {
      const listed = new Set(wanted.get(r.document.id)!.findings.map((f) => f.rule));
      for (const f of flagsOf(r)) {
        if (f.severity === "high" && !listed.has(f.rule))
          extra.push(`${r.document.file}: ${f.rule} ${f.message}`);
      }
    }
    expect(extra).toEqual([]);
  });
});
