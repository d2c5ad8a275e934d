import type { Field } from "../domain/field.ts";
import type { Report, TeamMember } from "../domain/record.ts";
import { halfOf, slot } from "./calendar.ts";
import type { RulesConfig } from "./config.ts";
import { evidenceOf, fieldInput, fieldsIn, finding, missingOf, type RuleDef, unchecked } from "./context.ts";

/** TIME family: audit time against IAF MD 5.
 *
 * D (auditor-days) = on-site days × auditors who count. Leader and members count unless their grade is a
 * trainee's (实习); technical experts, observers and guides never count (MD 5, rules.md). The stage-1 team is
 * taken to be the stage-2 team (reports print one team).
 *
 * T = the MD 5 QMS table value for the headcount. Several systems in one audit: T is the largest single
 * system's value (each read from the QMS table, the only one configured). That is a lower bound on an
 * integrated audit's time, so the rule stays conservative: it fires only when even one system's minimum
 * was not spent.
 *
 * Initial audit (stage 1 + stage 2 reports): D over both stages against 0.7 × T rounded to the nearest
 * half day; days when stage 1 and stage 2 overlap are counted once (the same people cannot audit twice
 * in one morning). Surveillance: 0.7 × T × 1/3; recertification: 0.7 × T × 2/3. */

export function md5Days(config: RulesConfig, employees: number): number {
  const row = config.md5Qms.find((r) => employees <= r.maxEmployees);
  return (row ?? config.md5Qms[config.md5Qms.length - 1]!).auditorDays;
}

export function roundHalf(days: number): number {
  return Math.round(days * 2) / 2;
}

export function countsAsAuditor(m: TeamMember): boolean {
  const grade = m.grade.value ?? "";
  if (/实习|trainee|专家|expert|观察|向导/i.test(grade)) return false;
  const role = m.role.value;
  if (role === "leader" || role === "member") return true;
  return role === null && /审核员|auditor/i.test(grade);
}

/** Half days that stage 1 and stage 2 share, counted once in D. */
function overlapDays(r: Report): number {
  const s1 = r.stage1Start.value ?? r.stage1End.value;
  const s2 = r.auditStart.value;
  if (s1 === null || s2 === null || r.stage1Days.value === null || r.auditDays.value === null) return 0;
  const a0 = slot(s1, halfOf(r.stage1Start.raw ?? r.stage1End.raw, "start"), "start");
  const a1 = a0 + Math.round(r.stage1Days.value * 2) - 1;
  const b0 = slot(s2, halfOf(r.auditStart.raw, "start"), "start");
  const b1 = b0 + Math.round(r.auditDays.value * 2) - 1;
  const shared = Math.min(a1, b1) - Math.max(a0, b0) + 1;
  return shared > 0 ? shared / 2 : 0;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

const timeLow: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const type = r.auditType.value ?? (r.stage1End.value !== null ? "initial" : null);
  if (type === "stage1" || type === "special") return [];
  const auditors = r.team.filter(countsAsAuditor);
  const missing = missingOf({ 员工人数: r.employees, 审核天数: r.auditDays });
  if (type === null) missing.push("审核类型");
  // A team read as only trainees or experts is a finding (D = 0); a team not read at all is not.
  if (r.team.length === 0) missing.push("审核组成员");
  if (missing.length) return [unchecked(ctx, "审核时间", missing)];
  const employees = r.employees.value!;
  if (type === null) return [];
  const T = md5Days(ctx.config, employees);
  const staged = type === "stage2" || type === "initial";
  const factor = staged
    ? 1
    : type === "surveillance"
      ? ctx.config.surveillanceFactor
      : ctx.config.recertificationFactor;
  const required = roundHalf(ctx.config.reduction * T * factor);
  const s1 = staged ? r.stage1Days.value : 0;
  const shared = staged ? overlapDays(r) : 0;
  const days = r.auditDays.value! + (s1 ?? 0) - shared;
  const D = days * auditors.length;
  if (D >= required) return [];
  // Stage 1 unread: D without it is a lower bound, so a shortfall cannot be asserted.
  if (staged && s1 === null) return [unchecked(ctx, "审核时间（含第一阶段）", ["第一阶段审核天数"])];
  const parts = staged
    ? `第一阶段 ${fmt(s1 ?? 0)} 天 + 第二阶段 ${fmt(r.auditDays.value!)} 天${shared ? ` − 重叠 ${fmt(shared)} 天` : ""}`
    : `${fmt(r.auditDays.value!)} 天`;
  const exact = ctx.config.reduction * T * factor;
  const basis = staged
    ? `${ctx.config.reduction} × ${T} = ${fmt(exact)}`
    : `${ctx.config.reduction} × ${T} × ${fmt(factor)} = ${fmt(exact)}`;
  const evidence = [
    ...evidenceOf(r.employees, r.auditDays, r.stage1Days),
    ...auditors.flatMap((a) => evidenceOf(a.name)),
  ];
  const compared = [
    ...fieldsIn({ 员工人数: r.employees, 审核天数: r.auditDays }),
    ...(staged ? fieldsIn({ 第一阶段审核天数: r.stage1Days }) : []),
    ...r.team.map((m, i) => fieldInput(`第 ${i + 1} 位成员的角色`, m.role)),
  ];
  return [
    finding(
      ctx,
      `审核时间不足：${auditors.length} 名审核员 ×（${parts}）= ${fmt(D)} 人日，低于 IAF MD 5 最低要求 ${basis}，按半天取整为 ${fmt(required)} 人日（员工 ${employees} 人，T = ${T} 人日）`,
      evidence,
      { compared },
    ),
  ];
};

const headcount: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const all: Field<number>[] = [r.employees, ...r.headcounts].filter((f) => f.value !== null);
  if (all.length === 0) return [unchecked(ctx, "员工人数一致性", ["员工人数"])];
  const values = [...new Set(all.map((f) => f.value!))];
  if (values.length < 2) return [];
  const shown = all.filter((f, i) => all.findIndex((g) => g.value === f.value) === i);
  return [
    finding(
      ctx,
      `报告中员工人数前后不一致：${values.map((v) => `${v} 人`).join("、")}`,
      evidenceOf(...shown),
      { compared: shown.map((f, i) => fieldInput(`第 ${i + 1} 处员工人数`, f)) },
    ),
  ];
};

export const timeRules: RuleDef[] = [
  {
    id: "TIME-LOW",
    family: "TIME",
    severity: "high",
    description: "审核人日低于 IAF MD 5 最低要求（最多减少 30%）",
    inputs: { fields: ["employees", "auditDays", "stage1Days", "auditType", "team.role", "team.grade"] },
    check: timeLow,
  },
  {
    id: "TIME-HEADCOUNT",
    family: "TIME",
    severity: "medium",
    description: "报告各处员工人数不一致",
    inputs: { fields: ["employees", "headcounts"] },
    check: headcount,
  },
];
