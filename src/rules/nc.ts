import type { Flag } from "../domain/flag.ts";
import type { Recommendation, Report } from "../domain/record.ts";
import { NC_SUMMARY_WORDS } from "../lexicon/narrative.ts";
import { levelInLabel, type OptionLevel } from "../lexicon/options.ts";
import type { RulesConfig } from "./config.ts";
import {
  type Compared,
  compact,
  evidenceOf,
  fieldEvidence,
  fieldInput,
  fieldsIn,
  finding,
  missingOf,
  type RuleDef,
  rawIn,
  unchecked,
} from "./context.ts";
import { clauseNumber, GBT19001_CLAUSES } from "./gbt19001.ts";

/** NC family: nonconformity counts, the recommendation they allow, and the clauses they cite. */

/** Majors and minors as the report states them; listed items fill in when a summary count was not read. */
function counts(report: Report): { major: number | null; minor: number | null } {
  const items = report.ncItems;
  const listed = (s: "major" | "minor") => items.filter((i) => i.severity.value === s).length;
  return {
    major: report.ncMajor.value ?? (items.length ? listed("major") : null),
    minor: report.ncMinor.value ?? (items.length ? listed("minor") : null),
  };
}

/** The count a recommendation rule compares: the summary figure, or, when it was not read, the listed items'
 * severities it was taken from. */
function countInputs(report: Report, severity: "major" | "minor"): Compared[] {
  const summary = severity === "major" ? report.ncMajor : report.ncMinor;
  if (summary.value !== null)
    return fieldsIn({ [severity === "major" ? "严重不符合项数" : "轻微不符合项数"]: summary });
  return report.ncItems.map((i, k) => fieldInput(`第 ${k + 1} 项不符合的性质`, i.severity));
}

const LEVEL_OF: Record<Recommendation, OptionLevel> = {
  recommend: "full",
  recommend_after_correction: "partial",
  not_recommend: "negative",
};

/** Why a recommendation read from tick boxes cannot carry a finding, or null. The group it was read from must show
 * an option of every grade (two of three found may have lost the ticked one; an option whose condition OCR cut off
 * reads as a second grant), each state read with confidence, and the ticked option's words must grade as the value
 * read (并经审核组验证有效后，推荐认证注册 ticked is no unconditional grant). Whether the box itself was found in the
 * pixels is not asked: a bracketed tick beside all three options, read with confidence, still says which one. */
function recommendationDoubt(report: Report, config: RulesConfig): string | null {
  const value = report.recommendation.value;
  if (value === null) return null;
  if (report.recommendation.method !== "checkbox")
    return amongPrintedOptions(report, report.recommendation.raw) ? "为印制的选项之一，勾选未读出" : null;
  const groups = report.checkboxGroups.filter(
    (g) => g.id === "recommendation" || g.id.startsWith("recommendation."),
  );
  const ticked = groups.filter((g) => g.options.some((o) => o.state === "checked"));
  const [group, ...more] = ticked;
  if (group === undefined || more.length > 0) return groups.length === 0 ? null : "勾选项不唯一";
  const levels = group.options.map((o) => levelInLabel("recommendation", o.label));
  if (!(["full", "partial", "negative"] as const).every((l) => levels.includes(l))) return "选项未全部找到";
  if (group.options.some((o) => o.state === "unclear" || o.confidence < config.checkboxMinConfidence))
    return "勾选状态不确定";
  const agree = group.options.every((o, k) => o.state !== "checked" || levels[k] === LEVEL_OF[value]);
  return agree ? null : "所勾选项的文字与读出的推荐意见不一致";
}

const GRADES = ["full", "partial", "negative"] as const;
/** Lines either side of a statement among which a printed option list shows all its grades. */
const OPTION_LIST_REACH = 3;

/** Whether a recommendation read from words stands on a printed option: the lines around it name an option of
 * every grade of the recommendation family one per line (The audit team recommends … / Certification is recommended
 * once … / … does not recommend …), the list a tick chooses from. Its box not read, the line says nothing of what
 * the team recommended. */
function amongPrintedOptions(report: Report, raw: string | null): boolean {
  const target = compact(raw ?? "");
  if (target.length === 0) return false;
  return report.sections.some((s) => {
    const lines = s.lines ?? [];
    const at = lines.findIndex((l) => {
      const c = compact(l.text);
      return c.includes(target) || (c.length >= 6 && target.includes(c));
    });
    if (at < 0) return false;
    const near = lines
      .slice(Math.max(0, at - OPTION_LIST_REACH), at + OPTION_LIST_REACH + 1)
      .map((l) => levelInLabel("recommendation", l.text));
    return GRADES.every((g) => near.includes(g));
  });
}

/** The recommendation as compared: its field, standing in for nothing when its tick group is in doubt. */
function recommendationInputs(report: Report, config: RulesConfig): Compared[] {
  const doubt = recommendationDoubt(report, config);
  const field = report.recommendation;
  if (doubt === null) return [fieldInput("推荐意见", field)];
  // The gate names the input and why: a value in doubt is not a value read.
  return [fieldInput(`推荐意见（${doubt}）`, { ...field, value: null })];
}

/** The NC report is often an attachment (详见不符合报告), so an empty list is not a mismatch: only compare
 * when the report itself lists NCs. */
const countMismatch: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const missing = missingOf({ 严重不符合项数: r.ncMajor, 轻微不符合项数: r.ncMinor });
  if (missing.length) return [unchecked(ctx, "不符合项数量", missing)];
  if (r.ncItems.length === 0) return [];
  const major = r.ncItems.filter((i) => i.severity.value === "major").length;
  const minor = r.ncItems.filter((i) => i.severity.value === "minor").length;
  const unknown = r.ncItems.length - major - minor;
  const stated = r.ncMajor.value! + r.ncMinor.value!;
  const evidence = [
    ...evidenceOf(r.ncMajor, r.ncMinor),
    ...r.ncItems.slice(0, 5).flatMap((i) => fieldEvidence(i.clause)),
  ];
  // The list's length is compared, so each item must have been read whole: an item whose clause was not read is a
  // table the reader lost its way in (a page footer taken for its text), and a whole item may be lost beside it.
  const listed = r.ncItems.map((i, k) => fieldInput(`第 ${k + 1} 项不符合的条款`, i.clause));
  // Each listed item's severity is compared, so each must have been read.
  const compared = [
    ...fieldsIn({ 严重不符合项数: r.ncMajor, 轻微不符合项数: r.ncMinor }),
    ...r.ncItems.map((i, k) => fieldInput(`第 ${k + 1} 项不符合的性质`, i.severity)),
    ...listed,
  ];
  if (unknown === 0 && (major !== r.ncMajor.value || minor !== r.ncMinor.value)) {
    return [
      finding(
        ctx,
        `不符合项汇总（严重 ${r.ncMajor.value} 项、轻微 ${r.ncMinor.value} 项）与所列不符合项（严重 ${major} 项、轻微 ${minor} 项）不一致`,
        evidence,
        { compared },
      ),
    ];
  }
  if (unknown > 0 && stated !== r.ncItems.length) {
    return [
      finding(ctx, `不符合项汇总共 ${stated} 项，而所列不符合项为 ${r.ncItems.length} 项`, evidence, {
        compared: [...fieldsIn({ 严重不符合项数: r.ncMajor, 轻微不符合项数: r.ncMinor }), ...listed],
      }),
    ];
  }
  return [];
};

/** 17021-1 9.5: corrections of major NCs are verified before the decision, so no unconditional recommendation. */
const recommendMajor: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const { major } = counts(r);
  if (major === null) return [unchecked(ctx, "推荐意见与严重不符合项", ["严重不符合项数"])];
  if (major === 0) return [];
  if (r.recommendation.value === null) return [unchecked(ctx, "推荐意见与严重不符合项", ["推荐意见"])];
  if (r.recommendation.value !== "recommend") return [];
  return [
    finding(
      ctx,
      `存在 ${major} 项严重不符合项，却勾选无条件“推荐认证注册”`,
      evidenceOf(r.recommendation, r.ncMajor),
      { compared: [...recommendationInputs(r, ctx.config), ...countInputs(r, "major")] },
    ),
  ];
};

const recommendMinor: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const { major, minor } = counts(r);
  if (minor === null) return [unchecked(ctx, "推荐意见与轻微不符合项", ["轻微不符合项数"])];
  if (minor === 0 || (major ?? 0) > 0) return [];
  if (r.recommendation.value === null) return [unchecked(ctx, "推荐意见与轻微不符合项", ["推荐意见"])];
  if (r.recommendation.value !== "recommend") return [];
  return [
    finding(
      ctx,
      // A recommendation read from a sentence was written, not ticked.
      `提出 ${minor} 项轻微不符合项，却${r.recommendation.method === "checkbox" ? "勾选" : "写明"}无条件“推荐认证注册”而非“整改验证后推荐”`,
      evidenceOf(r.recommendation, r.ncMinor),
      { compared: [...recommendationInputs(r, ctx.config), ...countInputs(r, "minor")] },
    ),
  ];
};

/** Clauses are checked against GB/T 19001 only where it is the one standard audited: an integrated audit cites
 * 14001/45001 clauses, and sector standards (IATF 16949, ISO 13485) number clauses of their own (8.5.1.1). */
function onlyQms(report: Report): boolean {
  const systems = report.managementSystems.value ?? [];
  const standards = report.standards.value ?? [];
  if (systems.length === 0 && standards.length === 0) return true;
  return systems.every((s) => /^QMS$/i.test(s)) && standards.every((s) => /19001|9001/.test(s));
}

/** Text where departments are named, minus the NC summary lines themselves (they always name it). */
function departmentCorpus(report: Report): string {
  return compact(
    report.sections
      .flatMap((s) => s.text.split(/\r?\n/))
      .filter((line) => !NC_SUMMARY_WORDS.some((w) => line.includes(w)))
      .join("\n"),
  );
}

const clause: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  if (r.ncItems.length === 0) return [];
  const out: Flag[] = [];
  const unread: string[] = [];
  const qms = onlyQms(r);
  const corpus = r.sections.length ? departmentCorpus(r) : null;
  for (const [i, nc] of r.ncItems.entries()) {
    const raw = nc.clause.value ?? nc.clause.raw;
    const number = raw ? clauseNumber(raw) : null;
    if (number === null) unread.push(`第 ${i + 1} 项的条款`);
    else if (qms && !GBT19001_CLAUSES.has(number)) {
      out.push(
        finding(ctx, `不符合项引用的条款“${raw}”在 GB/T 19001-2016 中不存在`, fieldEvidence(nc.clause), {
          subject: number,
          compared: [rawIn("不符合项条款", nc.clause)],
        }),
      );
    }
    const dept = nc.department.value;
    if (dept && corpus !== null && !corpus.includes(compact(dept))) {
      out.push(
        finding(ctx, `不符合项涉及的部门“${dept}”在报告其他部分未出现`, fieldEvidence(nc.department), {
          subject: number,
          compared: fieldsIn({ 不符合项涉及部门: nc.department }),
        }),
      );
    }
  }
  if (unread.length) out.push(unchecked(ctx, "不符合项条款", unread));
  return out;
};

export const ncRules: RuleDef[] = [
  {
    id: "NC-COUNT-MISMATCH",
    family: "NC",
    severity: "high",
    description: "不符合项汇总数量与所列不符合项不一致",
    inputs: { fields: ["ncMajor", "ncMinor", "ncItems.severity"] },
    check: countMismatch,
  },
  {
    id: "NC-RECOMMEND-MAJOR",
    family: "NC",
    severity: "high",
    description: "存在严重不符合项却无条件推荐（17021-1 9.5）",
    inputs: { fields: ["recommendation", "ncMajor", "ncItems.severity"], groups: ["recommendation"] },
    check: recommendMajor,
  },
  {
    id: "NC-RECOMMEND-MINOR",
    family: "NC",
    severity: "medium",
    description: "存在轻微不符合项却勾选无条件推荐",
    inputs: { fields: ["recommendation", "ncMinor", "ncItems.severity"], groups: ["recommendation"] },
    check: recommendMinor,
  },
  {
    id: "NC-CLAUSE",
    family: "NC",
    severity: "low",
    description: "不符合项引用不存在的条款或未出现的部门",
    inputs: { fields: ["ncItems.clause", "ncItems.department"], sections: ["all"] },
    check: clause,
  },
];
