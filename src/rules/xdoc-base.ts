import type { Evidence, Flag, Severity } from "../domain/flag.ts";
import type { AuditRecord, Report } from "../domain/record.ts";
import type { RulesConfig } from "./config.ts";
import { compact, type FindingOptions, finding, type RuleInputs } from "./context.ts";

/** XDOC family: checks across the reports of one batch, run when the batch ends. Each returns flags keyed
 * by document id; every check is linear in the batch's size (grouping by key, shingle index). */

export type ReportRecord = AuditRecord & { report: Report };

export interface CrossContext {
  records: readonly ReportRecord[];
  config: RulesConfig;
  rule: { id: string; severity: Severity; description: string; minInputConfidence?: number };
}

export interface CrossRuleDef {
  id: string;
  family: "XDOC";
  severity: Severity;
  description: string;
  inputs: RuleInputs;
  check: (ctx: CrossContext) => Map<string, Flag[]>;
}

export function push(out: Map<string, Flag[]>, id: string, flag: Flag): void {
  const list = out.get(id);
  if (list) list.push(flag);
  else out.set(id, [flag]);
}

/** A cross-report finding, through the same gate as every rule (context.ts `finding`). */
export function flag(
  ctx: CrossContext,
  message: string,
  evidence: Evidence[],
  options: FindingOptions = {},
): Flag {
  return finding(ctx, message, evidence, options);
}

/** Organisation identity for "different organisations": compacted name; null when not read (never compared). */
export function orgKey(r: ReportRecord): string | null {
  const v = r.report.organization.value;
  return v ? compact(v).replace(/[()（）]/g, "") : null;
}

export const label = (r: ReportRecord) =>
  `《${r.document.file}》（${r.report.organization.value ?? "组织未识别"}）`;
