import type { Field } from "../domain/field.ts";
import type { AuditType, Report, TeamMember } from "../domain/record.ts";
import { GRADE_WORDS } from "../lexicon/narrative.ts";
import { halfOf, slot } from "./calendar.ts";
import type { RulesConfig } from "./config.ts";
import {
  type Compared,
  evidenceOf,
  fieldInput,
  fieldsIn,
  finding,
  missingOf,
  type RuleDef,
  teamPartReason,
  unchecked,
  unreadReason,
} from "./context.ts";

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
  const g = grade.toLowerCase();
  if (GRADE_WORDS.notAuditor.some((w) => g.includes(w))) return false;
  const role = m.role.value;
  if (role === "leader" || role === "member") return true;
  return role === null && GRADE_WORDS.auditor.some((w) => g.includes(w));
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

type StagedType = "stage2" | "initial" | "surveillance" | "recertification";

/** Auditor-days from the team as listed: on-site days (both stages of an initial audit, shared half days once)
 * × auditors who count. Null parts say what was not read. */
interface TeamDays {
  D: number;
  /** Stage 1 of an initial audit not read: D is a lower bound. */
  partial: boolean;
  auditors: TeamMember[];
  parts: string;
  compared: Compared[];
  evidence: ReturnType<typeof evidenceOf>;
}

function teamDays(r: Report, staged: boolean): TeamDays | { missing: string[] } {
  const missing = missingOf({ 审核天数: r.auditDays });
  if (r.team.length === 0) missing.push("审核组成员");
  const part = teamPartReason(r);
  if (part !== null) missing.push(part);
  if (missing.length) return { missing };
  const auditors = r.team.filter(countsAsAuditor);
  const s1 = staged ? (r.stage1Days.value ?? 0) : 0;
  const shared = staged ? overlapDays(r) : 0;
  const days = r.auditDays.value! + s1 - shared;
  const parts = staged
    ? `第一阶段 ${fmt(s1)} 天 + 第二阶段 ${fmt(r.auditDays.value!)} 天${shared ? ` − 重叠 ${fmt(shared)} 天` : ""}`
    : `${fmt(r.auditDays.value!)} 天`;
  return {
    D: days * auditors.length,
    partial: staged && r.stage1Days.value === null,
    auditors,
    parts: `${auditors.length} 名审核员 ×（${parts}）`,
    compared: [
      ...fieldsIn({ 审核天数: r.auditDays }),
      ...(staged ? fieldsIn({ 第一阶段审核天数: r.stage1Days }) : []),
      ...r.team.map((m, i) => fieldInput(`第 ${i + 1} 位成员的角色`, m.role)),
    ],
    evidence: [...evidenceOf(r.auditDays, r.stage1Days), ...auditors.flatMap((a) => evidenceOf(a.name))],
  };
}

function auditTypeOf(r: Report): AuditType | null {
  return r.auditType.value ?? (r.stage1End.value !== null ? "initial" : null);
}

const isStaged = (t: StagedType) => t === "stage2" || t === "initial";

/** D is the printed auditor-days where the report prints them (rules.md); else the team's days on site. */
const timeLow: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const type = auditTypeOf(r);
  if (type === "stage1" || type === "special") return [];
  const printed = r.auditorDaysPrinted;
  const missing = missingOf({ 员工人数: r.employees });
  if (type === null) missing.push("审核类型");
  const staged = type !== null && isStaged(type);
  const fromTeam = printed?.value != null ? null : teamDays(r, staged);
  if (fromTeam && "missing" in fromTeam) missing.push(...fromTeam.missing);
  if (missing.length || type === null) return [unchecked(ctx, "审核时间", missing)];
  const employees = r.employees.value!;
  const T = md5Days(ctx.config, employees);
  const factor = staged
    ? 1
    : type === "surveillance"
      ? ctx.config.surveillanceFactor
      : ctx.config.recertificationFactor;
  const required = roundHalf(ctx.config.reduction * T * factor);
  const team = fromTeam && !("missing" in fromTeam) ? fromTeam : null;
  const D = team ? team.D : (printed?.value ?? 0);
  if (D >= required) return [];
  // The printed figure short where the team, read whole, spent enough: the two copies of the audit's time disagree
  // (a misread figure, or a report at odds with itself, which TIME-DAYS-MISMATCH reports), so no shortfall is asserted.
  if (team === null && printed?.value != null) {
    const onSite = teamDays(r, staged);
    const read = (c: Compared) => unreadReason(c, ctx.config, ctx.rule.minInputConfidence) === null;
    if (!("missing" in onSite) && !onSite.partial && onSite.compared.every(read) && onSite.D >= required)
      return [
        unchecked(ctx, "审核时间", [
          `审核人日（报告所列 ${fmt(printed.value)} 人日与审核组在现场 ${fmt(onSite.D)} 人日不一致）`,
        ]),
      ];
  }
  // Stage 1 unread: D without it is a lower bound, so a shortfall cannot be asserted.
  if (team?.partial) return [unchecked(ctx, "审核时间（含第一阶段）", ["第一阶段审核天数"])];
  const exact = ctx.config.reduction * T * factor;
  const basis = staged
    ? `${ctx.config.reduction} × ${T} = ${fmt(exact)}`
    : `${ctx.config.reduction} × ${T} × ${fmt(factor)} = ${fmt(exact)}`;
  const how = team ? `${team.parts}= ${fmt(D)} 人日` : `报告所列审核人日 ${fmt(D)} 人日`;
  return [
    finding(
      ctx,
      `审核时间不足：${how}，低于 IAF MD 5 最低要求 ${basis}，按半天取整为 ${fmt(required)} 人日（员工 ${employees} 人，T = ${T} 人日）`,
      [...evidenceOf(r.employees), ...(team ? team.evidence : evidenceOf(printed))],
      {
        compared: [
          ...fieldsIn({ 员工人数: r.employees }),
          ...(team ? team.compared : fieldsIn({ 审核人日: printed })),
        ],
      },
    ),
  ];
};

/** The printed auditor-days against the team's days on site as listed (rules.md TIME-DAYS-MISMATCH). */
const daysMismatch: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const printed = r.auditorDaysPrinted;
  if (!printed || (printed.value === null && printed.raw === null)) return [];
  const type = auditTypeOf(r);
  if (type === "special") return [];
  const missing = missingOf({ 审核人日: printed });
  if (type === null) missing.push("审核类型");
  const team = teamDays(r, type !== null && type !== "stage1" && isStaged(type));
  if ("missing" in team) missing.push(...team.missing);
  else if (team.partial) missing.push("第一阶段审核天数");
  if (missing.length || "missing" in team) return [unchecked(ctx, "审核人日与审核组在现场天数", missing)];
  const P = printed.value!;
  if (Math.abs(P - team.D) <= ctx.config.auditorDaysTolerance) return [];
  return [
    finding(
      ctx,
      `报告所列审核人日 ${fmt(P)} 人日与审核组在现场天数不符：${team.parts}= ${fmt(team.D)} 人日`,
      [...evidenceOf(printed), ...team.evidence],
      { compared: [...fieldsIn({ 审核人日: printed }), ...team.compared] },
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
    inputs: {
      fields: [
        "employees",
        "auditorDaysPrinted",
        "auditDays",
        "stage1Days",
        "auditType",
        "team.role",
        "team.grade",
      ],
    },
    check: timeLow,
  },
  {
    id: "TIME-DAYS-MISMATCH",
    family: "TIME",
    severity: "medium",
    description: "报告所列审核人日与审核组在现场天数不符",
    inputs: {
      fields: ["auditorDaysPrinted", "auditDays", "stage1Days", "auditType", "team.role", "team.grade"],
    },
    check: daysMismatch,
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
