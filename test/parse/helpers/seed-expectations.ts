import type { Report } from "../../../src/domain/record.ts";

/** One printed fact of the seed report and how to read it from a Report. */
export interface Expectation {
  name: string;
  actual: (r: Report) => unknown;
  expected: unknown;
}

const member = (r: Report, name: string) => r.team.find((m) => m.name.value === name);

/** Every field the seed report prints, as the parser must return it. */
export const SEED_EXPECTATIONS: Expectation[] = [
  { name: "reportNumber", actual: (r) => r.reportNumber.value, expected: "20647-2023-Q" },
  { name: "organization", actual: (r) => r.organization.value, expected: "重庆金微科技有限公司" },
  {
    name: "certificationBody",
    actual: (r) => r.certificationBody.value,
    expected: "北京国标联合认证有限公司",
  },
  { name: "reportDate", actual: (r) => r.reportDate.value, expected: "2023-11-08" },
  { name: "auditStart", actual: (r) => r.auditStart.value, expected: "2023-11-07" },
  { name: "auditEnd", actual: (r) => r.auditEnd.value, expected: "2023-11-08" },
  { name: "auditDays", actual: (r) => r.auditDays.value, expected: 2 },
  { name: "stage1Start", actual: (r) => r.stage1Start.value, expected: "2023-11-07" },
  { name: "stage1End", actual: (r) => r.stage1End.value, expected: "2023-11-07" },
  { name: "stage1Days", actual: (r) => r.stage1Days.value, expected: 0.5 },
  { name: "coverageFrom", actual: (r) => r.coverageFrom.value, expected: "2023-03-10" },
  { name: "coverageTo", actual: (r) => r.coverageTo.value, expected: "2023-11-08" },
  { name: "scope", actual: (r) => r.scope.value, expected: "数据处理服务" },
  {
    name: "scopeStatements",
    actual: (r) => r.scopeStatements.map((s) => s.value),
    expected: ["数据处理服务", "数据处理服务", "数据处理服务"],
  },
  { name: "employees", actual: (r) => r.employees.value, expected: 109 },
  { name: "headcounts", actual: (r) => r.headcounts.map((h) => h.value), expected: [109, 109] },
  { name: "foundedDate", actual: (r) => r.foundedDate.value, expected: "2021-09-26" },
  { name: "systemImplementedDate", actual: (r) => r.systemImplementedDate.value, expected: "2023-03-10" },
  { name: "team size", actual: (r) => r.team.length, expected: 2 },
  { name: "张心 role", actual: (r) => member(r, "张心")?.role.value, expected: "leader" },
  { name: "张心 grade", actual: (r) => member(r, "张心")?.grade.value, expected: "审核员" },
  {
    name: "张心 registrationNo",
    actual: (r) => member(r, "张心")?.registrationNo.value,
    expected: "2021-N1QMS-3207381",
  },
  { name: "张心 technicalCodes", actual: (r) => member(r, "张心")?.technicalCodes.value, expected: [] },
  { name: "冉景洲 role", actual: (r) => member(r, "冉景洲")?.role.value, expected: "member" },
  { name: "冉景洲 grade", actual: (r) => member(r, "冉景洲")?.grade.value, expected: "审核员" },
  {
    name: "冉景洲 registrationNo",
    actual: (r) => member(r, "冉景洲")?.registrationNo.value,
    expected: "2023-N1QMS-2267598",
  },
  {
    name: "冉景洲 technicalCodes",
    actual: (r) => member(r, "冉景洲")?.technicalCodes.value,
    expected: ["33.03.01"],
  },
  { name: "guide 冯菲 not in team", actual: (r) => member(r, "冯菲") === undefined, expected: true },
  { name: "signatures", actual: (r) => r.signatures.value, expected: ["张心", "冉景洲"] },
  { name: "ncMajor", actual: (r) => r.ncMajor.value, expected: 0 },
  { name: "ncMinor", actual: (r) => r.ncMinor.value, expected: 1 },
  {
    name: "ncItems",
    actual: (r) => r.ncItems.map((n) => [n.clause.value, n.department.value, n.severity.value]),
    expected: [["7.3", "人力行政部", "minor"]],
  },
  { name: "rectificationDeadline", actual: (r) => r.rectificationDeadline.value, expected: "2023-11-13" },
  { name: "nextAuditDue", actual: (r) => r.nextAuditDue.value, expected: "2024-11-08" },
  { name: "standards", actual: (r) => r.standards.value, expected: ["GB/T19001-2016/ISO9001:2015"] },
  { name: "auditType", actual: (r) => r.auditType.value, expected: "stage2" },
  {
    name: "evaluations",
    actual: (r) => r.evaluations.map((e) => e.section),
    expected: ["3.1", "3.2", "3.3", "3.4", "3.5"],
  },
  {
    name: "sites",
    actual: (r) => r.sites.value?.length,
    expected: 2,
  },
  {
    name: "sections 3.1-3.5 with text",
    actual: (r) =>
      ["3.1", "3.2", "3.3", "3.4", "3.5"].every(
        (id) => (r.sections.find((s) => s.id === id)?.text.length ?? 0) > 30,
      ),
    expected: true,
  },
  {
    name: "section 3.3 text",
    actual: (r) => r.sections.find((s) => s.id === "3.3")?.text.includes("内部审核控制程序"),
    expected: true,
  },
  {
    name: "section 3.2 narrative (foreign text)",
    actual: (r) => r.sections.find((s) => s.id === "3.2")?.text.includes("招标代理服务"),
    expected: true,
  },
  {
    name: "section 3.5 headcount prose",
    actual: (r) => r.sections.find((s) => s.id === "3.5")?.text.includes("组织现有人员109人"),
    expected: true,
  },
];

/** Fraction of expectations met, and the names of those missed. */
export function score(report: Report): { fraction: number; missed: string[] } {
  const missed = SEED_EXPECTATIONS.filter(
    (e) => JSON.stringify(e.actual(report)) !== JSON.stringify(e.expected),
  ).map((e) => e.name);
  return { fraction: 1 - missed.length / SEED_EXPECTATIONS.length, missed };
}
