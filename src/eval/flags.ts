/** Flag recall and precision per rule, for high and medium severities, one document at a time. */
import type { AuditRecord } from "../domain/record.ts";
import type { DocumentTruth } from "./truth.ts";

export interface RuleCounts {
  tp: number;
  fp: number;
  fn: number;
}
export type RuleTally = Record<string, RuleCounts>;

const SCORED = new Set(["high", "medium"]);

export function scoreFlags(truth: DocumentTruth, record: AuditRecord | null): RuleTally {
  const ignored = new Set(truth.ignoredRules ?? []);
  // Expected: planted findings at high/medium. Any truth finding (even low) shields its rule from
  // counting as a false positive: the rule is right to look there.
  const expected = new Set(
    truth.findings.filter((f) => SCORED.has(f.severity) && !ignored.has(f.rule)).map((f) => f.rule),
  );
  const known = new Set(truth.findings.map((f) => f.rule));
  const raised = new Set(
    (record?.flags ?? []).filter((f) => SCORED.has(f.severity) && !ignored.has(f.rule)).map((f) => f.rule),
  );
  const tally: RuleTally = {};
  const at = (rule: string) => (tally[rule] ??= { tp: 0, fp: 0, fn: 0 });
  for (const rule of expected) raised.has(rule) ? at(rule).tp++ : at(rule).fn++;
  for (const rule of raised) if (!expected.has(rule) && !known.has(rule)) at(rule).fp++;
  return tally;
}

export function addRuleTally(into: RuleTally, from: RuleTally): void {
  for (const [rule, c] of Object.entries(from)) {
    into[rule] ??= { tp: 0, fp: 0, fn: 0 };
    const t = into[rule];
    t.tp += c.tp;
    t.fp += c.fp;
    t.fn += c.fn;
  }
}

export function precision(c: RuleCounts): number | null {
  return c.tp + c.fp === 0 ? null : c.tp / (c.tp + c.fp);
}
export function recall(c: RuleCounts): number | null {
  return c.tp + c.fn === 0 ? null : c.tp / (c.tp + c.fn);
}
