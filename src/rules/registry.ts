import type { Flag, Severity } from "../domain/flag.ts";
import type { AuditRecord } from "../domain/record.ts";
import { checkboxRules } from "./checkboxes.ts";
import { loadRulesConfig, type RulesConfig, ruleOverride } from "./config.ts";
import { isUncheckedFlag, type RuleContext, type RuleDef, UNCHECKED_PREFIX } from "./context.ts";
import { dateRules } from "./dates.ts";
import { ncRules } from "./nc.ts";
import { piiRules } from "./pii.ts";
import { requiredRules } from "./required.ts";
import { scopeRules } from "./scope.ts";
import { teamRules } from "./team.ts";
import { timeRules } from "./time.ts";
import { type CrossRuleDef, crossRules, type ReportRecord } from "./xdoc.ts";

/** The rule catalogue (rules.md): every id, its family, severity and check. Per-record rules run in
 * runRules; XDOC rules need the whole batch and run in runCrossRules when a batch ends. */
export const RULES: readonly RuleDef[] = [
  ...dateRules,
  ...checkboxRules,
  ...ncRules,
  ...timeRules,
  ...teamRules,
  ...scopeRules,
  ...requiredRules,
  ...piiRules,
];

export const CROSS_RULES: readonly CrossRuleDef[] = crossRules;

export type RuleInfo = Pick<RuleDef, "id" | "family" | "severity" | "description" | "inputs">;

/** id, family, severity, description and declared inputs of every rule, per-record and cross-report, for
 * docs and the review page. */
export function ruleCatalogue(): RuleInfo[] {
  return [...RULES, ...CROSS_RULES].map(({ id, family, severity, description, inputs }) => ({
    id,
    family,
    severity,
    description,
    inputs,
  }));
}

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** High first; "could not check" notes after every real finding, so they never drown one. Stable otherwise. */
export function sortFlags(flags: readonly Flag[]): Flag[] {
  const key = (f: Flag) => RANK[f.severity] * 2 + (isUncheckedFlag(f) ? 1 : 0);
  return flags
    .map((f, i) => ({ f, i }))
    .sort((a, b) => key(a.f) - key(b.f) || a.i - b.i)
    .map((x) => x.f);
}

function hasReport(record: AuditRecord): record is ReportRecord {
  return record.report !== null;
}

function effective(config: RulesConfig, rule: { id: string; severity: Severity; description: string }) {
  const o = ruleOverride(config, rule.id);
  return {
    enabled: o.enabled,
    severity: o.severity ?? rule.severity,
    minInputConfidence: o.minInputConfidence ?? config.minInputConfidence,
  };
}

/** A rule that throws is a bug in that rule; the record keeps the other rules' flags and a note. */
function crashed(id: string, error: unknown): Flag {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    rule: id,
    severity: "low",
    status: "unchecked",
    subject: null,
    message: `${UNCHECKED_PREFIX}规则执行出错（${reason}）`,
    evidence: [],
  };
}

/** One could-not-check note per rule and record: several (one per gated finding) become one naming all. */
export function mergeUnchecked(flags: readonly Flag[]): Flag[] {
  const notes = new Map<string, Flag[]>();
  for (const f of flags) if (f.status === "unchecked") notes.set(f.rule, [...(notes.get(f.rule) ?? []), f]);
  const out: Flag[] = [];
  for (const f of flags) {
    if (f.status !== "unchecked") {
      out.push(f);
      continue;
    }
    const same = notes.get(f.rule) ?? [];
    if (same[0] !== f) continue;
    if (same.length === 1) {
      out.push(f);
      continue;
    }
    const bodies = [...new Set(same.map((n) => n.message.replace(UNCHECKED_PREFIX, "")))];
    const subjects = new Set(same.map((n) => n.subject));
    out.push({
      ...f,
      subject: subjects.size === 1 ? f.subject : null,
      message: `${UNCHECKED_PREFIX}${bodies.join("；")}`,
      evidence: same.flatMap((n) => n.evidence),
    });
  }
  return out;
}

/** Flags for one record. `config` is a RulesConfig or raw overrides (validated, merged over defaults). */
export function runRules(record: AuditRecord, config?: unknown): Flag[] {
  if (!hasReport(record)) return [];
  const cfg = loadRulesConfig(config);
  const flags: Flag[] = [];
  for (const rule of RULES) {
    const { enabled, severity, minInputConfidence } = effective(cfg, rule);
    if (!enabled) continue;
    const ctx: RuleContext = {
      record,
      report: record.report,
      config: cfg,
      rule: { id: rule.id, severity, description: rule.description, minInputConfidence },
    };
    try {
      flags.push(...mergeUnchecked(rule.check(ctx)));
    } catch (error) {
      flags.push(crashed(rule.id, error));
    }
  }
  return sortFlags(flags);
}

/** XDOC flags for a finished batch, keyed by document.id; every record with a report gets an entry. */
export function runCrossRules(records: readonly AuditRecord[], config?: unknown): Map<string, Flag[]> {
  const cfg = loadRulesConfig(config);
  const withReport = records.filter(hasReport);
  const out = new Map<string, Flag[]>(withReport.map((r) => [r.document.id, []]));
  for (const rule of CROSS_RULES) {
    const { enabled, severity, minInputConfidence } = effective(cfg, rule);
    if (!enabled) continue;
    let found: Map<string, Flag[]>;
    try {
      found = rule.check({
        records: withReport,
        config: cfg,
        rule: { id: rule.id, severity, description: rule.description, minInputConfidence },
      });
    } catch (error) {
      found = new Map(withReport.map((r) => [r.document.id, [crashed(rule.id, error)]]));
    }
    for (const [id, flags] of found) out.get(id)?.push(...flags);
  }
  for (const [id, flags] of out) out.set(id, sortFlags(flags));
  return out;
}

export type { CrossRuleDef, RuleContext, RuleDef, RulesConfig };
export { isUncheckedFlag, loadRulesConfig, UNCHECKED_PREFIX };
