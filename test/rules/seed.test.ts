import { describe, expect, it } from "vitest";
import type { AuditRecord, Report, TeamRole } from "../../src/domain/record.ts";
import { isUncheckedFlag, runRules } from "../../src/rules/registry.ts";
import { baseRecord, evaluation, f, group, member, nc, section } from "./builders.ts";
import { SEED_SECTIONS } from "./seed-text.ts";

/** The seed report (000_8f87e4ff3e04dee7) with its fields as printed; rules.md lists what it must and must
 * not raise. */

const CONCLUSION: [string, string[], string][] = [
  ["审核准则的要求", ["符合", "基本符合", "不符合"], "符合"],
  ["适用要求", ["满足", "基本满足", "不满足"], "满足"],
  ["实现预期结果的能力", ["满足", "基本满足", "不满足"], "满足"],
  ["内部审核和管理评审过程", ["有效", "基本有效", "无效"], "基本有效"],
  ["审核目的", ["达到", "基本达到", "未达到"], "达到"],
  ["体系运行", ["有效", "基本有效", "无效"], "基本有效"],
];

const TITLES: Record<string, [string, number]> = {
  "1.2": ["审核目的", 3],
  "1.5": ["审核实施过程概述", 3],
  二: ["受审核方基本情况", 4],
  "3.1": ["管理体系的策划", 5],
  "3.2": ["产品实现的过程和活动的管理控制情况及重要审核点的监测和绩效", 5],
  "3.5": ["体系支持", 7],
  四: ["被认证方的基本信息暨认证范围的表述", 8],
  五: ["审核组推荐意见", 8],
};

function seedReport(recommendation: Report["recommendation"]["value"]): Report {
  const s1raw = "于 2023-11-07 8:30:00 上午至 2023-11-07 12:30:00 下午";
  const s2raw = "2023年11月07日上午至2023年11月08日下午";
  return {
    reportNumber: f("20647-2023-Q"),
    certificationBody: f("北京国标联合认证有限公司"),
    organization: f("重庆金微科技有限公司"),
    auditType: f("stage2", "(第二阶段)"),
    managementSystems: f(["QMS"]),
    standards: f(["GB/T19001-2016/ISO9001:2015"]),
    reportDate: f("2023-11-08", "2023-11-08"),
    auditStart: f("2023-11-07", s2raw),
    auditEnd: f("2023-11-08", s2raw),
    auditDays: f(2, s2raw, "derived"),
    stage1Start: f("2023-11-07", s1raw),
    stage1End: f("2023-11-07", s1raw),
    stage1Days: f(0.5, s1raw, "derived"),
    coverageFrom: f("2023-03-10", "2023年03月10日"),
    coverageTo: f("2023-11-08", "2023年11月08日下午"),
    scope: f("数据处理服务"),
    scopeStatements: [f("数据处理服务"), f("数据处理服务。"), f("数据处理服务")],
    sites: f(["重庆市渝北区财富大道 15 号财富园二号 A 栋"]),
    employees: f(109, "109人"),
    headcounts: [f(109, "109人"), f(109, "109 人")],
    foundedDate: f("2021-09-26", "2021年09月26日"),
    systemImplementedDate: f("2023-03-10", "2023年03月10日"),
    team: [
      member("张心", "leader", "审核员", "2021-N1QMS-3207381", null),
      member("冉景洲", "member", "审核员", "2023-N1QMS-2267598", ["33.03.01"]),
      member("冯菲", "guide", null, null, null),
    ],
    signatures: f(["张心", "冉景洲", "张心", "冉景洲", "张心", "冉景洲"]),
    signatureSlots: f<TeamRole[]>(
      ["leader", "member"],
      "审核组长（签字）、审核组员（签字）、审核组长、组员、审核组",
    ),
    ncMajor: f(0, "（0）"),
    ncMinor: f(1, "（1）"),
    ncItems: [nc("7.3", "人力行政部", "minor")],
    rectificationDeadline: f("2023-11-13", "2023 年 11 月 13 日前"),
    nextAuditDue: f("2024-11-08", "2024 年 11 月 08 日前"),
    evaluations: [evaluation("3.1", "管理体系的策划", "符合")],
    checkboxGroups: CONCLUSION.map(([label, options, ticked]) =>
      group(`conclusion.${label}`, label, options, [ticked]),
    ),
    conclusion: Object.fromEntries(CONCLUSION.map(([label, , ticked]) => [label, ticked])),
    recommendation: f(recommendation, null, "checkbox"),
    sections: Object.entries(SEED_SECTIONS).map(([id, text]) => {
      const [title, page] = TITLES[id]!;
      return section(id, title, text, page);
    }),
    impossibleDates: [],
  };
}

function seedRecord(recommendation: Report["recommendation"]["value"]): AuditRecord {
  const r = baseRecord();
  return {
    ...r,
    document: { ...r.document, id: "8f87e4ff3e04dee7", file: "000_8f87e4ff3e04dee7.pdf" },
    report: seedReport(recommendation),
  };
}

const MUST = [
  "DATE-STAGE-ORDER",
  "TIME-LOW",
  "SCOPE-FOREIGN-TEXT",
  "DATE-NARRATIVE",
  "CHK-VS-NARRATIVE",
  "CHK-CRITERIA-WITH-NC",
];
const MUST_NOT = ["TEAM-NO-CODE", "NC-COUNT-MISMATCH", "DATE-NEXT-AUDIT", "DATE-REPORT-BEFORE-END"];

describe.each([["recommend_after_correction" as const], [null]])("seed report (recommendation %s)", (rec) => {
  const flags = runRules(seedRecord(rec));
  const real = flags.filter((fl) => !isUncheckedFlag(fl));

  it.each(MUST)("raises %s", (id) => {
    expect(real.map((fl) => fl.rule)).toContain(id);
  });

  it.each(MUST_NOT)("does not raise %s", (id) => {
    expect(flags.map((fl) => fl.rule)).not.toContain(id);
  });

  it("raises no other high or medium finding", () => {
    const other = flags.filter((fl) => fl.severity !== "low" && !MUST.includes(fl.rule));
    expect(other).toEqual([]);
  });

  it("words the findings with the values compared", () => {
    const msg = (id: string) =>
      real
        .filter((fl) => fl.rule === id)
        .map((fl) => fl.message)
        .join("\n");
    expect(msg("DATE-STAGE-ORDER")).toContain("2023-11-07");
    expect(msg("DATE-STAGE-ORDER")).toContain("重叠");
    expect(msg("TIME-LOW")).toContain("109");
    expect(msg("TIME-LOW")).toContain("4 人日");
    expect(msg("SCOPE-FOREIGN-TEXT")).toContain("招标代理");
    expect(msg("SCOPE-FOREIGN-TEXT")).toContain("招投标");
    expect(msg("DATE-NARRATIVE")).toContain("2023年4月");
    expect(msg("CHK-VS-NARRATIVE")).toContain("运行正常有效");
    for (const fl of real) expect(fl.evidence.length).toBeGreaterThan(0);
  });
});
