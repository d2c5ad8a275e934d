import type { Field } from "../domain/field.ts";
import type { Flag } from "../domain/flag.ts";
import type { Report } from "../domain/record.ts";
import { DAY_ORDINALS, MONTH_NAMES } from "../lexicon/months.ts";
import { addDays, addMonths, formatHalf, halfOf } from "./calendar.ts";
import {
  evidenceOf,
  fieldsIn,
  finding,
  missingOf,
  type RuleContext,
  type RuleDef,
  rawIn,
  unchecked,
} from "./context.ts";
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
  if (!m) return englishNoDay(raw.normalize("NFKC"));
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const dayText = m[3] ?? m[4];
  if (mo < 1 || mo > 12) return true;
  if (dayText === undefined) return false;
  const d = Number(dayText);
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d < 1 || d > last;
}

const MONTH = `(${MONTH_NAMES.flat().join("|")})\\.?`;
const ORDINAL = `(?:${DAY_ORDINALS.join("|")})?`;
/** 30 February 2015 (OCR may drop the spaces: 30February2015) and February 30, 2015: day, month name, year. */
const ENGLISH_DMY = new RegExp(`(?<![0-9])(\\d{1,2})${ORDINAL}[\\s-]*${MONTH}[\\s,-]*(\\d{4})(?![0-9])`, "i");
const ENGLISH_MDY = new RegExp(`${MONTH}\\s*(\\d{1,2})${ORDINAL}\\s*,?\\s*(\\d{4})(?![0-9])`, "i");

/** The English forms of a date (src/lexicon/months.ts), true only when it names no real day. */
function englishNoDay(raw: string): boolean {
  const dmy = raw.match(ENGLISH_DMY);
  const mdy = dmy ? null : raw.match(ENGLISH_MDY);
  const [day, month, year] = dmy ? [dmy[1], dmy[2], dmy[3]] : mdy ? [mdy[2], mdy[1], mdy[3]] : [];
  if (day === undefined || month === undefined || year === undefined) return false;
  const mo = MONTH_NAMES.findIndex((names) => names.some((n) => n.toLowerCase() === month.toLowerCase())) + 1;
  if (mo === 0) return false;
  const last = new Date(Date.UTC(Number(year), mo, 0)).getUTCDate();
  return Number(day) < 1 || Number(day) > last;
}

const DATE_FIELDS = [
  "reportDate",
  "auditStart",
  "auditEnd",
  "stage1Start",
  "stage1End",
  "coverageFrom",
  "coverageTo",
  "foundedDate",
  "systemImplementedDate",
  "rectificationDeadline",
  "nextAuditDue",
] as const;

/** Which record field printed an impossible date: the one left without a value whose text holds it (or
 * that sits at the same place), so a reviewer knows which date to ask about. */
function dateFieldOf(r: Report, date: Field<string>): string | null {
  const raw = (date.raw ?? "").replace(/\s+/g, "");
  const hit = DATE_FIELDS.find((k) => {
    const f = r[k];
    if (f.value !== null || f.raw === null) return false;
    const text = f.raw.replace(/\s+/g, "");
    return (
      (raw !== "" && (text.includes(raw) || raw.includes(text))) || (f.page === date.page && sameBox(f, date))
    );
  });
  return hit ?? null;
}

function sameBox(a: Field<unknown>, b: Field<unknown>): boolean {
  if (a.bbox === null || b.bbox === null) return false;
  return a.bbox[1] < b.bbox[3] && b.bbox[1] < a.bbox[3] && a.bbox[0] < b.bbox[2] && b.bbox[0] < a.bbox[2];
}

const impossible: RuleDef["check"] = (ctx) => {
  const seen = new Set<string>();
  return ctx.report.impossibleDates.flatMap((f) => {
    const raw = f.raw ?? f.value ?? "";
    if (seen.has(raw) || !namesNoDay(raw)) return [];
    seen.add(raw);
    return [
      finding(ctx, `日期不存在：“${raw}”不是日历上的日期`, evidenceOf(f), {
        subject: dateFieldOf(ctx.report, f),
        compared: [rawIn("日期原文", f)],
      }),
    ];
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
  return [
    finding(ctx, message, evidenceOf(r.stage1End, r.auditStart), {
      compared: fieldsIn({ 第一阶段结束日期: r.stage1End, 第二阶段开始日期: r.auditStart }),
    }),
  ];
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
      { compared: fieldsIn({ 报告日期: r.reportDate, 审核结束日期: r.auditEnd }) },
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
      { compared: fieldsIn({ 整改期限: r.rectificationDeadline, 审核结束日期: r.auditEnd }) },
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
      { compared: fieldsIn({ 下次审核日期: r.nextAuditDue, 审核结束日期: r.auditEnd }) },
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
        { compared: fieldsIn({ 审核覆盖时期起: r.coverageFrom, 体系实施时间: r.systemImplementedDate }) },
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
        { compared: fieldsIn({ 审核覆盖时期止: r.coverageTo, 审核结束日期: r.auditEnd }) },
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
      { compared: fieldsIn({ 体系实施时间: r.systemImplementedDate, 第一阶段审核日期: firstDay }) },
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
        { compared: fieldsIn({ 组织成立时间: r.foundedDate, 体系实施时间: r.systemImplementedDate }) },
      ),
    );
  } else if (r.auditEnd.value !== null && founded > r.auditEnd.value) {
    out.push(
      finding(
        ctx,
        `组织成立时间（${founded}）晚于审核结束（${r.auditEnd.value}）`,
        evidenceOf(r.foundedDate, r.auditEnd),
        { compared: fieldsIn({ 组织成立时间: r.foundedDate, 审核结束日期: r.auditEnd }) },
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
    inputs: { fields: ["impossibleDates"] },
    check: impossible,
  },
  {
    id: "DATE-STAGE-ORDER",
    family: "DATE",
    severity: "high",
    description: "第一阶段须在第二阶段开始前结束（17021-1 9.3.1）",
    inputs: { fields: ["stage1End", "auditStart", "auditType"] },
    check: stageOrder,
  },
  {
    id: "DATE-REPORT-BEFORE-END",
    family: "DATE",
    severity: "high",
    description: "报告日期早于审核最后一天",
    inputs: { fields: ["reportDate", "auditEnd"] },
    check: reportBeforeEnd,
  },
  {
    id: "DATE-DEADLINE-BEFORE-END",
    family: "DATE",
    severity: "medium",
    description: "不符合项整改期限不晚于审核最后一天",
    inputs: { fields: ["rectificationDeadline", "auditEnd", "ncMajor", "ncMinor"] },
    check: deadlineBeforeEnd,
  },
  {
    id: "DATE-NEXT-AUDIT",
    family: "DATE",
    severity: "high",
    description: "下次审核晚于第二阶段最后一天后 12 个月",
    inputs: { fields: ["nextAuditDue", "auditEnd", "auditType"] },
    check: nextAudit,
  },
  {
    id: "DATE-COVERAGE",
    family: "DATE",
    severity: "medium",
    description: "审核覆盖时期早于体系实施或晚于审核",
    inputs: { fields: ["coverageFrom", "coverageTo", "systemImplementedDate", "auditEnd"] },
    check: coverage,
  },
  {
    id: "DATE-MATURITY",
    family: "DATE",
    severity: "medium",
    description: "体系实施至第一阶段不足 3 个月",
    inputs: { fields: ["systemImplementedDate", "stage1Start", "auditStart"] },
    check: maturity,
  },
  {
    id: "DATE-NARRATIVE",
    family: "DATE",
    severity: "medium",
    description: "正文日期与体系实施时间矛盾或晚于审核",
    inputs: { fields: ["systemImplementedDate", "auditEnd", "reportDate"], sections: ["narrative"] },
    check: dateNarrative,
  },
  {
    id: "DATE-ORG-FOUNDED",
    family: "DATE",
    severity: "high",
    description: "组织成立晚于体系实施或审核",
    inputs: { fields: ["foundedDate", "systemImplementedDate", "auditEnd"] },
    check: orgFounded,
  },
];
