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
  /** The record's confidence in `actual`, where the record gives one. */
  confidence?: number;
}

/** At or above this a value is presented as read (the LLM assist's default threshold for "unsure" too). */
export const CONFIDENT = 0.6;

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

function push(
  out: FieldResult[],
  field: string,
  expected: unknown,
  actual: unknown,
  outcome: Outcome,
  confidence?: number,
): void {
  out.push({ field, outcome, expected, actual, ...(confidence === undefined ? {} : { confidence }) });
}

export function compareFields(truth: TruthFields, report: Report | null): FieldResult[] {
  const out: FieldResult[] = [];
  for (const f of SCALAR_FIELDS) {
    const actual = report ? report[f].value : null;
    push(out, f, truth[f], actual, outcomeOf(normValue(truth[f]), normValue(actual)), report?.[f].confidence);
  }
  for (const f of SET_FIELDS) {
    const actual = report ? report[f].value : null;
    push(out, f, truth[f], actual, outcomeOf(normSet(truth[f]), normSet(actual)), report?.[f].confidence);
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
  const evaluations = new Map((report?.evaluations ?? []).map((e) => [normText(e.section), e.result]));
  for (const e of truth.evaluations) {
    const found = evaluations.get(normText(e.section));
    const actual = found?.value ?? null;
    push(
      out,
      "evaluations",
      { section: e.section, expected: e.result },
      actual,
      outcomeOf(normValue(e.result), normValue(actual)),
      found?.confidence,
    );
  }
  compareTeam(out, truth, report);
  compareNcItems(out, truth, report);
  return out;
}

type TeamMember = Report["team"][number];
type TruthMember = TruthFields["team"][number];

function regNos(value: string | null | undefined): Set<string> {
  return new Set(splitList(value).map(normText));
}

/** Differ by one substitution: a misread character in a name of the same length. */
function oneCharApart(a: string, b: string): boolean {
  const [x, y] = [[...a], [...b]];
  return x.length === y.length && x.length >= 2 && x.filter((c, i) => c !== y[i]).length === 1;
}

/**
 * Pairs truth members with record members: the same name first, then a shared registration number, then a
 * name one character apart. A member found under a misread name is then scored as a wrong name (not a missing
 * one plus a spurious one), and its role, grade and numbers are still compared.
 */
function pairTeam(
  truth: readonly TruthMember[],
  found: readonly TeamMember[],
): Map<TruthMember, TeamMember | null> {
  const free = new Set(found);
  const pairs = new Map<TruthMember, TeamMember | null>(truth.map((t) => [t, null]));
  const pass = (same: (t: TruthMember, m: TeamMember) => boolean) => {
    for (const t of truth) {
      if (pairs.get(t)) continue;
      const m = [...free].find((c) => same(t, c));
      if (m) {
        pairs.set(t, m);
        free.delete(m);
      }
    }
  };
  const name = (m: TeamMember) => (m.name.value ? normText(m.name.value) : null);
  pass((t, m) => name(m) === normText(t.name));
  pass((t, m) => {
    const mine = regNos(m.registrationNo.value);
    return [...regNos(t.registrationNo)].some((r) => mine.has(r));
  });
  pass((t, m) => {
    const n = name(m);
    return n !== null && oneCharApart(n, normText(t.name));
  });
  return pairs;
}

/** Each attribute of a paired member is a field of its own. The auditee's guide (向导) is in the truth for
 * completeness but is not audit team (issue 4): not scored. */
function compareTeam(out: FieldResult[], truth: TruthFields, report: Report | null): void {
  const found = (report?.team ?? []).filter((m) => m.role.value !== "guide");
  const pairs = pairTeam(
    truth.team.filter((m) => m.role !== "guide"),
    found,
  );
  for (const [t, m] of pairs) {
    const name = m?.name.value ? normText(m.name.value) : null;
    push(
      out,
      "team.name",
      t.name,
      m?.name.value ?? null,
      outcomeOf(normText(t.name), name),
      m?.name.confidence,
    );
    const attrs: [string, string | string[] | null, string | string[] | null, number | undefined][] = [
      ["team.role", normValue(t.role), m ? normValue(m.role.value) : null, m?.role.confidence],
      ["team.grade", normValue(t.grade), m ? normValue(m.grade.value) : null, m?.grade.confidence],
      [
        "team.registrationNo",
        normSet(splitList(t.registrationNo)),
        m ? normSet(splitList(m.registrationNo.value)) : null,
        m?.registrationNo.confidence,
      ],
      [
        "team.technicalCodes",
        normSet(t.technicalCodes),
        m ? normSet(m.technicalCodes.value) : null,
        m?.technicalCodes.confidence,
      ],
    ];
    for (const [field, e, a, c] of attrs) push(out, field, e, a, outcomeOf(e, a), c);
  }
  const paired = new Set([...pairs.values()]);
  for (const m of found) {
    if (!paired.has(m) && m.name.value) push(out, "team.name", null, m.name.value, "spurious");
  }
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
