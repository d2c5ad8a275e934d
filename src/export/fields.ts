import type { Field } from "../domain/field.ts";
import type { Severity } from "../domain/flag.ts";
import type { AuditRecord, Report } from "../domain/record.ts";

/** Report keys that hold one Field (a value with provenance), as opposed to lists and tables. */
export type ScalarKey = {
  // Optional fields (auditorDaysPrinted, absent from older records) stay in the JSON only.
  [K in keyof Report]-?: Report[K] extends Field<unknown> ? K : never;
}[keyof Report];

/** Every scalar field with its CSV column and the label the committee reads. A Record over ScalarKey so
 * adding a field to the schema fails type checking here until it is given a column: the CSV stays complete.
 * Insertion order is the column order, so do not reorder casually (the README documents it). */
export const SCALAR_FIELDS: Readonly<Record<ScalarKey, { column: string; label: string }>> = {
  reportNumber: { column: "report_number", label: "项目编号" },
  certificationBody: { column: "certification_body", label: "认证机构" },
  organization: { column: "organization", label: "受审核方" },
  auditType: { column: "audit_type", label: "审核类型" },
  managementSystems: { column: "management_systems", label: "管理体系" },
  standards: { column: "standards", label: "审核准则" },
  reportDate: { column: "report_date", label: "报告日期" },
  auditStart: { column: "audit_start", label: "审核开始" },
  auditEnd: { column: "audit_end", label: "审核结束" },
  auditDays: { column: "audit_days", label: "审核天数" },
  stage1Start: { column: "stage1_start", label: "一阶段开始" },
  stage1End: { column: "stage1_end", label: "一阶段结束" },
  stage1Days: { column: "stage1_days", label: "一阶段天数" },
  coverageFrom: { column: "coverage_from", label: "覆盖时期起" },
  coverageTo: { column: "coverage_to", label: "覆盖时期止" },
  scope: { column: "scope", label: "审核范围" },
  sites: { column: "sites", label: "审核场所" },
  employees: { column: "employees", label: "人数" },
  foundedDate: { column: "founded_date", label: "组织成立时间" },
  systemImplementedDate: { column: "system_implemented_date", label: "体系实施时间" },
  signatures: { column: "signatures", label: "签名" },
  ncMajor: { column: "nc_major", label: "严重不符合项" },
  ncMinor: { column: "nc_minor", label: "一般不符合项" },
  rectificationDeadline: { column: "rectification_deadline", label: "整改期限" },
  nextAuditDue: { column: "next_audit_due", label: "下次审核" },
  recommendation: { column: "recommendation", label: "推荐意见" },
};

export const SCALAR_KEYS = Object.keys(SCALAR_FIELDS) as ScalarKey[];

/** Confidence below this is marked for the reviewer (the brief's threshold). */
export const LOW_CONFIDENCE = 0.6;

/** Lists joined with "; " (record.md: one registration number per person is joined the same way). */
export const LIST_SEPARATOR = "; ";

export type CellValue = string | number | null;

/** A field's value as one spreadsheet cell: dates are already ISO strings, lists joined, null stays empty. */
export function cellOf(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String).join(LIST_SEPARATOR);
  if (typeof value === "number" || typeof value === "string") return value;
  return String(value);
}

export const SEVERITIES: readonly Severity[] = ["high", "medium", "low"];
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, medium: 1, low: 2 };

export function flagCounts(record: AuditRecord): Record<Severity, number> {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0 };
  for (const f of record.flags) counts[f.severity] += 1;
  return counts;
}

/** "审核准则的要求: 符合; 体系运行: 基本有效" — criteria differ by template, so one fixed column holds them;
 * a criterion with none or several boxes ticked (null) shows with nothing after the colon. */
export function conclusionCell(report: Report | null): string | null {
  if (!report) return null;
  const items = Object.entries(report.conclusion).map(([k, v]) => `${k}: ${v ?? ""}`.trimEnd());
  return items.length ? items.join(LIST_SEPARATOR) : null;
}

/** "3.1 管理体系的策划: 符合; ..." in the report's own order. */
export function evaluationsCell(report: Report | null): string | null {
  if (!report || report.evaluations.length === 0) return null;
  return report.evaluations
    .map((e) => `${e.section} ${e.title}: ${e.result.value ?? ""}`.trimEnd())
    .join(LIST_SEPARATOR);
}
