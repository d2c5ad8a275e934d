/** Field-by-field comparison of a record against the truth. A wrong value is counted apart from a
 * missing one: a pipeline that guesses must not look as good as one that says "not found". */
import type { AuditRecord, Report } from "../domain/record.ts";
import { normSet, normText, normValue, splitList } from "./normalise.ts";
import type { TruthFields } from "./truth.ts";

export type Outcome = "correct" | "wrong" | "missing" | "spurious";
export interface FieldResult {
  field: string;
  outcome: Outcome;
  expected: unknown;
  actual: unknown;
}

export const SCALAR_FIELDS = [
  "reportNumber",
  "organization",
  "certificationBody",
  "auditType",
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
  "employees",
  "foundedDate",
  "systemImplementedDate",
  "ncMajor",
  "ncMinor",
  "rectificationDeadline",
  "nextAuditDue",
  "recommendation",
] as const;
export const SET_FIELDS = ["managementSystems", "standards", "sites"] as const;

/** Compares normalised values; strings and numbers as text, arrays as sorted sets. */
export function outcomeOf(expected: string | string[] | null, actual: string | string[] | null): Outcome {
  const e = Array.isArray(expected) ? (expected.length ? expected.join("|") : null) : expected;
  const a = Array.isArray(actual) ? (actual.length ? actual.join("|") : null) : actual;
  if (e === null) return a === null ? "correct" : "spurious";
  if (a === null) return "missing";
  return e === a ? "correct" : "wrong";
}

function push(out: FieldResult[], field: string, expected: unknown, actual: unknown, outcome: Outcome): void {
  out.push({ field, outcome, expected, actual });
}

export function compareFields(truth: TruthFields, report: Report | null): FieldResult[] {
  const out: FieldResult[] = [];
  for (const f of SCALAR_FIELDS) {
    const actual = report ? report[f].value : null;
    push(out, f, truth[f], actual, outcomeOf(normValue(truth[f]), normValue(actual)));
  }
  for (const f of SET_FIELDS) {
    const actual = report ? report[f].value : null;
    push(out, f, truth[f], actual, outcomeOf(normSet(truth[f]), normSet(actual)));
  }
  // Conclusion rows by criterion; evaluation sections by their printed id.
  const conclusion = new Map(Object.entries(report?.conclusion ?? {}).map(([k, v]) => [normText(k), v]));
  for (const [criterion, expected] of Object.entries(truth.conclusion)) {
    const actual = conclusion.get(normText(criterion)) ?? null;
    push(
      out,
      "conclusion",
      { criterion, expected },
      actual,
      outcomeOf(normValue(expected), normValue(actual)),
    );
  }
  const evaluations = new Map((report?.evaluations ?? []).map((e) => [normText(e.section), e.result.value]));
  for (const e of truth.evaluations) {
    const actual = evaluations.get(normText(e.section)) ?? null;
    push(
      out,
      "evaluations",
      { section: e.section, expected: e.result },
      actual,
      outcomeOf(normValue(e.result), normValue(actual)),
    );
  }
  compareTeam(out, truth, report);
  compareNcItems(out, truth, report);
  return out;
}

/** Team members are matched by name; each attribute of a matched member is a field of its own.
 * The auditee's guide (向导) is in the truth for completeness but is not audit team (issue 4): not scored. */
function compareTeam(out: FieldResult[], truth: TruthFields, report: Report | null): void {
  const byName = new Map(
    (report?.team ?? [])
      .filter((m) => m.name.value && m.role.value !== "guide")
      .map((m) => [normText(m.name.value!), m]),
  );
  const seen = new Set<string>();
  for (const t of truth.team.filter((m) => m.role !== "guide")) {
    const key = normText(t.name);
    const m = byName.get(key);
    seen.add(key);
    push(out, "team.name", t.name, m?.name.value ?? null, m ? "correct" : "missing");
    const attrs: [string, string | string[] | null, string | string[] | null][] = [
      ["team.role", normValue(t.role), m ? normValue(m.role.value) : null],
      ["team.grade", normValue(t.grade), m ? normValue(m.grade.value) : null],
      [
        "team.registrationNo",
        normSet(splitList(t.registrationNo)),
        m ? normSet(splitList(m.registrationNo.value)) : null,
      ],
      ["team.technicalCodes", normSet(t.technicalCodes), m ? normSet(m.technicalCodes.value) : null],
    ];
    for (const [field, e, a] of attrs) push(out, field, e, a, outcomeOf(e, a));
  }
  for (const [key, m] of byName) if (!seen.has(key)) push(out, "team.name", null, m.name.value, "spurious");
}

/** NC items are matched by clause; department and severity of a matched item are compared. */
function compareNcItems(out: FieldResult[], truth: TruthFields, report: Report | null): void {
  const items = [...(report?.ncItems ?? [])];
  for (const t of truth.ncItems) {
    const i = items.findIndex((r) => normValue(r.clause.value) === normValue(t.clause));
    const m = i >= 0 ? items.splice(i, 1)[0]! : null;
    push(out, "ncItems.clause", t.clause, m?.clause.value ?? null, m ? "correct" : "missing");
    push(
      out,
      "ncItems.department",
      t.department,
      m?.department.value ?? null,
      outcomeOf(normValue(t.department), m ? normValue(m.department.value) : null),
    );
    push(
      out,
      "ncItems.severity",
      t.severity,
      m?.severity.value ?? null,
      outcomeOf(t.severity, m ? normValue(m.severity.value) : null),
    );
  }
  for (const r of items) push(out, "ncItems.clause", null, r.clause.value, "spurious");
}

export type { AuditRecord };
