import type { Flag } from "../domain/flag.ts";
import { addDays, addMonths, formatHalf, halfOf } from "./calendar.ts";
import { evidenceOf, finding, missingOf, type RuleContext, type RuleDef, unchecked } from "./context.ts";
import { dateNarrative } from "./dates-narrative.ts";

/** DATE family: the order and spacing of the dates a report prints (rules.md, Dates). */

function isStagedAudit(ctx: RuleContext): boolean {
  const t = ctx.report.auditType.value;
  return t === "stage2" || t === "initial" || (t === null && ctx.report.stage1End.value !== null);
}

function nonconformityCount(ctx: RuleContext): number | null {
  const { ncMajor, ncMinor, ncItems } = ctx.report;
  if (ncMajor.value === null && ncMinor.value === null) return ncItems.length > 0 ? ncItems.length : null;
  return Math.max((ncMajor.value ?? 0) + (ncMinor.value ?? 0), ncItems.length);
}

/** The printed date, if the text has a year, a month and maybe a day: "2023年02月30日", "2023-13-01", "2023年13月". */
const DATE_PARTS =
  /(\d{4})\s*[年./-]\s*(\d{1,2})\s*(?:月\s*(?:(\d{1,2})(?![0-9A-Za-z|])\s*日?)?|[./-]\s*(\d{1,2})(?![0-9A-Za-z|]))/;

/** True only when the text reads as a date and that date cannot exist. A report number ("HXZR-2024-0153")
 * or a standard ("GB/T 20647.9-2006") handed over as a date is not a finding: high flags must be sure. A day
 * that OCR spelled with a letter ("05月0S日": 05 or 08) was not read, so it is not a finding either. */
export function namesNoDay(raw: string): boolean {
  const m = raw.normalize("NFKC").match(DATE_PARTS);
  if (!m) return false;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const dayText = m[3] ?? m[4];
  if (mo < 1 || mo > 12) return true;
  if (dayText === undefined) return false;
  const d = Number(dayText);
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d < 1 || d > last;
}

const impossible: RuleDef["check"] = (ctx) => {
  const seen = new Set<string>();
  return ctx.report.impossibleDates.flatMap((f) => {
    const raw = f.raw ?? f.value ?? "";
    if (seen.has(raw) || !namesNoDay(raw)) return [];
    seen.add(raw);
    return [finding(ctx, `日期不存在：“${raw}”不是日历上的日期`, evidenceOf(f))];
  });
};

/** 17021-1 9.3.1: the interval between stages lets the client fix stage-1 concerns, so stage 2 may not start
 * before stage 1 ended, nor (by default) on the same day. */
const stageOrder: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  if (!isStagedAudit(ctx)) return [];
  const missing = missingOf({ 第一阶段结束日期: r.stage1End, 第二阶段开始日期: r.auditStart });
  if (missing.length) return [unchecked(ctx, "第一、二阶段审核先后", missing)];
  const s1End = r.stage1End.value!;
  const s2Start = r.auditStart.value!;
  const s1Start = r.stage1Start.value ?? s1End;
  if (s2Start >= addDays(s1End, ctx.config.stageGapDays)) return [];
  const endHalf = halfOf(r.stage1End.raw, "end");
  const startHalf = halfOf(r.auditStart.raw, "start");
  const stage1 = `第一阶段审核（${s1Start} 至 ${formatHalf(s1End, endHalf)}）`;
  const stage2 = `第二阶段审核（${formatHalf(s2Start, startHalf)}起）`;
  let message: string;
  if (s2Start < s1End || (s2Start === s1End && !(endHalf === "上午" && startHalf === "下午"))) {
    message = `${stage1}与${stage2}重叠`;
  } else if (s2Start === s1End) {
    message = `${stage1}与${stage2}在同一天衔接，没有留出整改第一阶段问题的间隔`;
  } else {
    message = `${stage2}距${stage1}结束不足 ${ctx.config.stageGapDays} 天`;
  }
  return [finding(ctx, message, evidenceOf(r.stage1End, r.auditStart))];
};

const reportBeforeEnd: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const missing = missingOf({ 报告日期: r.reportDate, 审核结束日期: r.auditEnd });
  if (missing.length) return [unchecked(ctx, "报告日期与审核结束日期", missing)];
  if (r.reportDate.value! >= r.auditEnd.value!) return [];
  return [
    finding(
      ctx,
      `报告日期（${r.reportDate.value}）早于审核最后一天（${r.auditEnd.value}）`,
      evidenceOf(r.reportDate, r.auditEnd),
    ),
  ];
};

const deadlineBeforeEnd: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const ncs = nonconformityCount(ctx);
  if (ncs === 0) return [];
  if (ncs === null && r.rectificationDeadline.value === null) return [];
  const missing = missingOf({ 整改期限: r.rectificationDeadline, 审核结束日期: r.auditEnd });
  if (missing.length) return [unchecked(ctx, "不符合项整改期限", missing)];
  if (r.rectificationDeadline.value! > r.auditEnd.value!) return [];
  return [
    finding(
      ctx,
      `不符合项整改期限（${r.rectificationDeadline.value}）不晚于审核最后一天（${r.auditEnd.value}）`,
      evidenceOf(r.rectificationDeadline, r.auditEnd),
    ),
  ];
};

/** Surveillance within 12 months of the stage-2 last day; exactly 12 months is on time. */
const nextAudit: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  if (r.auditType.value === "stage1" || r.auditType.value === "special") return [];
  const missing = missingOf({ 下次审核日期: r.nextAuditDue, 审核结束日期: r.auditEnd });
  if (missing.length) return [unchecked(ctx, "下次审核时间", missing)];
  const limit = addMonths(r.auditEnd.value!, ctx.config.nextAuditMonths);
  if (r.nextAuditDue.value! <= limit) return [];
  return [
    finding(
      ctx,
      `下次审核日期（${r.nextAuditDue.value}）晚于审核最后一天（${r.auditEnd.value}）后 ${ctx.config.nextAuditMonths} 个月（${limit}）`,
      evidenceOf(r.nextAuditDue, r.auditEnd),
    ),
  ];
};

/** Two independent comparisons: each runs when its pair was read; what could not be compared is noted once. */
const coverage: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const out: Flag[] = [];
  const from = r.coverageFrom.value;
  const impl = r.systemImplementedDate.value;
  if (from !== null && impl !== null && from < impl) {
    out.push(
      finding(
        ctx,
        `审核覆盖时期起点（${from}）早于体系实施时间（${impl}）`,
        evidenceOf(r.coverageFrom, r.systemImplementedDate),
      ),
    );
  }
  const to = r.coverageTo.value;
  const end = r.auditEnd.value;
  if (to !== null && end !== null && to > end) {
    out.push(
      finding(
        ctx,
        `审核覆盖时期终点（${to}）晚于审核最后一天（${end}）`,
        evidenceOf(r.coverageTo, r.auditEnd),
      ),
    );
  }
  const missing = missingOf({
    审核覆盖时期起: r.coverageFrom,
    审核覆盖时期止: r.coverageTo,
    体系实施时间: r.systemImplementedDate,
    审核结束日期: r.auditEnd,
  });
  if (missing.length) out.push(unchecked(ctx, "审核覆盖时期", missing));
  return out;
};

/** Certification practice: a system runs about 3 months (an internal audit and a management review) before stage 1. */
const maturity: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const t = r.auditType.value;
  if (t !== null && t !== "stage1" && t !== "stage2" && t !== "initial") return [];
  const firstDay = r.stage1Start.value !== null ? r.stage1Start : r.auditStart;
  const missing = missingOf({ 体系实施时间: r.systemImplementedDate, 第一阶段审核日期: firstDay });
  if (missing.length) return [unchecked(ctx, "体系运行时间", missing)];
  const ripe = addMonths(r.systemImplementedDate.value!, ctx.config.maturityMonths);
  if (firstDay.value! >= ripe) return [];
  return [
    finding(
      ctx,
      `体系实施时间（${r.systemImplementedDate.value}）至第一阶段审核（${firstDay.value}）不足 ${ctx.config.maturityMonths} 个月`,
      evidenceOf(r.systemImplementedDate, firstDay),
    ),
  ];
};

const orgFounded: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const missing = missingOf({ 组织成立时间: r.foundedDate });
  if (r.systemImplementedDate.value === null && r.auditEnd.value === null)
    missing.push("体系实施时间", "审核结束日期");
  if (missing.length) return [unchecked(ctx, "组织成立时间", missing)];
  const founded = r.foundedDate.value!;
  const out: Flag[] = [];
  if (r.systemImplementedDate.value !== null && founded > r.systemImplementedDate.value) {
    out.push(
      finding(
        ctx,
        `组织成立时间（${founded}）晚于体系实施时间（${r.systemImplementedDate.value}）`,
        evidenceOf(r.foundedDate, r.systemImplementedDate),
      ),
    );
  } else if (r.auditEnd.value !== null && founded > r.auditEnd.value) {
    out.push(
      finding(
        ctx,
        `组织成立时间（${founded}）晚于审核结束（${r.auditEnd.value}）`,
        evidenceOf(r.foundedDate, r.auditEnd),
      ),
    );
  }
  if (r.systemImplementedDate.value === null || r.auditEnd.value === null) {
    out.push(
      unchecked(
        ctx,
        "组织成立时间",
        missingOf({ 体系实施时间: r.systemImplementedDate, 审核结束日期: r.auditEnd }),
      ),
    );
  }
  return out;
};

export const dateRules: RuleDef[] = [
  {
    id: "DATE-IMPOSSIBLE",
    family: "DATE",
    severity: "high",
    description: "日期不存在（2月30日、13月）",
    check: impossible,
  },
  {
    id: "DATE-STAGE-ORDER",
    family: "DATE",
    severity: "high",
    description: "第一阶段须在第二阶段开始前结束（17021-1 9.3.1）",
    check: stageOrder,
  },
  {
    id: "DATE-REPORT-BEFORE-END",
    family: "DATE",
    severity: "high",
    description: "报告日期早于审核最后一天",
    check: reportBeforeEnd,
  },
  {
    id: "DATE-DEADLINE-BEFORE-END",
    family: "DATE",
    severity: "medium",
    description: "不符合项整改期限不晚于审核最后一天",
    check: deadlineBeforeEnd,
  },
  {
    id: "DATE-NEXT-AUDIT",
    family: "DATE",
    severity: "high",
    description: "下次审核晚于第二阶段最后一天后 12 个月",
    check: nextAudit,
  },
  {
    id: "DATE-COVERAGE",
    family: "DATE",
    severity: "medium",
    description: "审核覆盖时期早于体系实施或晚于审核",
    check: coverage,
  },
  {
    id: "DATE-MATURITY",
    family: "DATE",
    severity: "medium",
    description: "体系实施至第一阶段不足 3 个月",
    check: maturity,
  },
  {
    id: "DATE-NARRATIVE",
    family: "DATE",
    severity: "medium",
    description: "正文日期与体系实施时间矛盾或晚于审核",
    check: dateNarrative,
  },
  {
    id: "DATE-ORG-FOUNDED",
    family: "DATE",
    severity: "high",
    description: "组织成立晚于体系实施或审核",
    check: orgFounded,
  },
];
