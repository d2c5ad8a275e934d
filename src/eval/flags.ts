/** Flags scored as a reviewer would: a planted finding is hit only by a flag of the right rule whose evidence
 * lies on one of the finding's pages and whose subject (tick group, member, field, clause) is the finding's,
 * when the truth names them. Every other high/medium finding flag is false. Low flags are counted apart. */
import type { Flag } from "../domain/flag.ts";
import type { AuditRecord } from "../domain/record.ts";
import type { DocumentTruth, TruthFinding } from "./truth.ts";

export interface RuleCounts {
  tp: number;
  fp: number;
  fn: number;
}
export type RuleTally = Record<string, RuleCounts>;

/** Low-severity flags: findings that hit a planted low finding, other low findings, could-not-check notes. */
export interface LowCounts {
  hits: number;
  other: number;
  unchecked: number;
}

export interface FlagScore {
  rules: RuleTally;
  low: LowCounts;
  /** A second flag on a finding already hit (same rule, page and subject): noise, not a false finding. */
  duplicates: number;
}

const SCORED = new Set(["high", "medium"]);

const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

/** Whether `flag` points where the truth finding is: rule, page (when the truth gives pages) and subject
 * (when the truth names one). */
export function flagMatches(flag: Flag, truth: TruthFinding): boolean {
  if (flag.rule !== truth.rule) return false;
  const pages = truth.pages ?? [];
  if (pages.length > 0 && !flag.evidence.some((e) => e.page !== null && pages.includes(e.page))) return false;
  const subject = truth.subject ?? null;
  if (subject !== null && (flag.subject === null || norm(flag.subject) !== norm(subject))) return false;
  return true;
}

export function scoreFlags(truth: DocumentTruth, record: AuditRecord | null): FlagScore {
  const ignored = new Set(truth.ignoredRules ?? []);
  const findings = truth.findings.filter((f) => !ignored.has(f.rule));
  const flags = (record?.flags ?? []).filter((f) => !ignored.has(f.rule));
  const rules: RuleTally = {};
  const at = (rule: string) => (rules[rule] ??= { tp: 0, fp: 0, fn: 0 });
  const low: LowCounts = { hits: 0, other: 0, unchecked: 0 };
  const hit = new Set<TruthFinding>();
  let duplicates = 0;
  for (const flag of flags) {
    if (flag.status === "unchecked") {
      low.unchecked++;
      continue;
    }
    const scored = SCORED.has(flag.severity);
    // A flag hits a planted finding of its own class: high/medium for high/medium, low for low.
    const open = findings.find(
      (t) => !hit.has(t) && SCORED.has(t.severity) === scored && flagMatches(flag, t),
    );
    if (open) {
      hit.add(open);
      if (scored) at(flag.rule).tp++;
      else low.hits++;
    } else if (findings.some((t) => flagMatches(flag, t))) duplicates++;
    else if (scored) at(flag.rule).fp++;
    else low.other++;
  }
  for (const t of findings) if (SCORED.has(t.severity) && !hit.has(t)) at(t.rule).fn++;
  return { rules, low, duplicates };
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
