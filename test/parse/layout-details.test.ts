import { describe, expect, it } from "vitest";
import type { Report } from "../../src/domain/record.ts";
import { runRules } from "../../src/rules/registry.ts";
import { baseRecord } from "../rules/builders.ts";
import { ncRowsOf, reportOf } from "./helpers/report.ts";

/** Single fields of other bodies' layouts: standards lists, team lines, table cells, tables over a page break. */

/** A report's first lines, before the part a test is about. */
const HEAD = `某某认证有限公司
管理体系审核报告
受审核方：广州市恒泰建筑工程有限公司
审核日期：2024年8月12日至14日
`;
describe("a list of standards", () => {
  it("goes on below only with the rest of a standard, never with a line of words", () => {
    const text = (below: string) =>
      `某认证有限公司\n管理体系审核报告\n受审核方：某某建筑有限公司\n审核类型：监督审核\n审核日期：2024年3月5日至6日\n管理体系标准：\nGB/T19001-2016/ISO9001:2015\n${below}\n审核组长：王建国\n不符合项：严重0项，一般1项`;
    expect(
      reportOf(text("e) 适用的产品标准：GB/T50430-2017工程建设施工企业质量管理规范")).standards.value,
    ).toEqual(["GB/T19001-2016/ISO9001:2015"]);
    expect(reportOf(text(";GB/T24001-2016/ISO14001:2015")).standards.value).toEqual([
      "GB/T19001-2016/ISO9001:2015",
      "GB/T24001-2016/ISO14001:2015",
    ]);
  });
});

describe("a team written on one line, roles in brackets after the names", () => {
  const report = (team: string) =>
    reportOf(`某某认证有限公司
质量管理体系审核报告
受审核方：南京华瑞电子有限公司
审核类型：监督审核
审核日期：2024年3月5日至6日
审核准则：GB/T 19001-2016
${team}
不符合项：严重0项，一般1项
审核结论：推荐保持认证注册`);
  const roles = (r: Report) =>
    r.team.map((m) => [m.name.value, m.role.value, m.registrationNo.value, m.grade.value]);

  it("takes the names after a team label, the marked leader and the others as members", () => {
    expect(roles(report("审核组：张建国（组长）、李梅、王强"))).toEqual([
      ["张建国", "leader", null, null],
      ["李梅", "member", null, null],
      ["王强", "member", null, null],
    ]);
    expect(roles(report("审核组成员：张建国（组长） 李梅（组员）"))).toEqual([
      ["张建国", "leader", null, null],
      ["李梅", "member", null, null],
    ]);
  });

  it("ends a role's part at the next label (审核组成员 is one), reads numbers and grades in the brackets", () => {
    expect(roles(report("审核组长：张建国；审核组成员：李梅、王强"))).toEqual([
      ["张建国", "leader", null, null],
      ["李梅", "member", null, null],
      ["王强", "member", null, null],
    ]);
    expect(
      roles(
        report("组长：张建国（2019-N1QMS-1234567）\n组员：李梅（2020-N1QMS-7654321）、王强（实习审核员）"),
      ),
    ).toEqual([
      ["张建国", "leader", "2019-N1QMS-1234567", null],
      ["李梅", "member", "2020-N1QMS-7654321", null],
      ["王强", "member", null, "实习审核员"],
    ]);
  });

  it("gives no role to names a list leaves unmarked when it marks no leader", () => {
    expect(roles(report("审核组：张建国、李梅"))).toEqual([
      ["张建国", null, null, null],
      ["李梅", null, null, null],
    ]);
  });
});

describe("values in table cells", () => {
  const report = (scopeRow: string) =>
    reportOf(`某某认证有限公司
管理体系审核报告
受审核组织名称\t广州市恒泰建筑工程有限公司
审核日期：2024年8月12日至14日
${scopeRow}
审核组长：刘志强
序号\t条款\t责任部门\t不符合事实
1\t8.5.1\t工程部\t未记录隐蔽工程验收情况
纠正措施完成期限:2024年9月13日`);
  const long =
    "房屋建筑工程施工总承包（含地基基础、主体结构、装饰装修工程）及市政公用工程施工总承包所涉及的相关质量管理活动";

  it("reads a scope cell over the lines it wraps onto, and no NC row from the labelled line under the table", () => {
    const r = report(`审核范围\t${long}`);
    expect(r.scope.value).toBe(long);
    expect(r.ncItems.map((n) => n.clause.value)).toEqual(["8.5.1"]);
    expect(r.rectificationDeadline.value).toBe("2024-09-13");
  });

  it("ends a scope cell where the row's next label cell starts", () => {
    expect(report("审核范围\t塑料制品的生产\t员工总数\t156人").scope.value).toBe("塑料制品的生产");
  });
});

describe("a team table row OCR garbled", () => {
  it("leaves the codes unread where the number or the code cell is garbled, and empty where the row is clean", () => {
    const r = reportOf(`${HEAD}序号\t姓名\t审核组职务\t注册证书编号\t专业代码
1\t刘志强\t组长\t2014-N1QMS-20Z857200\t
2\t陈晓燕\t组员\t2019-N1QMS-3058776\t
3\t黄伟\t组员\t2020-N1OHSMS-4067125\t?200
不符合项：严重0项，一般0项`);
    expect(r.team.map((m) => [m.name.value, m.technicalCodes.value])).toEqual([
      ["刘志强", null],
      ["陈晓燕", []],
      ["黄伟", null],
    ]);
    // Garbled, not absent: the committee is not told the team has no codes.
    const noCode = runRules({ ...baseRecord(), report: r }).filter((f) => f.rule === "TEAM-NO-CODE");
    expect(noCode.filter((f) => f.severity === "high")).toEqual([]);
  });
});

describe("the NC summary's department and clause list", () => {
  it("keeps an NC whose clause OCR garbled on the wrapped line, its clause unread", () => {
    const r = reportOf(`北京国标联合认证有限公司
管理体系审核报告
受审核方名称：广州市恒泰建筑工程有限公司
1.5.1审核时间：2024年8月12日至14日
1.5.6审核中发现的不符合及下次审核关注点说明
审核中提出严重不符合项（0）项，轻微不符合项（2）项，涉及部让/条款：研发部7.5.3；综合部
了3
双方商定的不符合项整改时限：2024年9月13日`);
    expect(ncRowsOf(r)).toEqual([
      ["7.5.3", "研发部", "minor", null],
      [null, "综合部", "minor", null],
    ]);
  });
});

describe("a certification body's letterhead as OCR read it", () => {
  it("reads the name with its brackets misread, one of them twice", () => {
    for (const head of [
      "中检联合认证〈深圳)》有限公司",
      "中检联合认证〈深圳)有限公司",
      "中检联合认证（深圳）有限公司",
    ]) {
      const r = reportOf(`${head}
管理体系审核报告
受审核方：广州市恒泰建筑工程有限公司
审核日期：2024年8月12日至14日
不符合项：严重0项，一般0项`);
      expect(r.certificationBody.value).toBe("中检联合认证（深圳）有限公司");
    }
  });
});

describe("a second registration number wrapped onto its own line", () => {
  it("belongs to the member above, its O read as a zero or not", () => {
    const r = reportOf(`${HEAD}1.1审核组成员
序号\t姓名\t组内职务\t注册级别\t审核员注册证书号\t专业代码
1\t田秀艳\t组长\t高级审核员\t2020-NIQMS-7588139
2\t陈强\t组员\t审核员\t2016-N2QMS-5036306，\t35.15.00
\t\t\t\t2010-N20HSMS-6739130
3\t钟明峰\t组员\t实习审核员\t2010-N2QMS-8065926
不符合项：严重0项，一般0项`);
    expect(r.team.map((m) => [m.name.value, m.registrationNo.value, m.technicalCodes.value])).toEqual([
      ["田秀艳", "2020-N1QMS-7588139", []],
      ["陈强", "2016-N2QMS-5036306; 2010-N2OHSMS-6739130", ["35.15.00"]],
      ["钟明峰", "2010-N2QMS-8065926", []],
    ]);
  });
});

describe("tables that go on over a page break", () => {
  // The page number sits between the rows; with repeat, each table prints its header again on the next page.
  const text = (repeat: boolean) => `某某认证有限公司
管理体系审核报告
受审核方：南京华瑞电子有限公司
审核日期：2024年3月5日至6日
序号\t姓名\t组内职务\t注册证书编号
1\t张建国\t组长\t2019-N1QMS-1234567
2\t李梅\t组员\t2020-N1QMS-7654321
第1页 共2页



${repeat ? "序号\t姓名\t组内职务\t注册证书编号\n" : ""}3\t王强\t组员\t2021-N1QMS-7654322
不符合项：严重0项，一般3项
序号\t条款\t部门\t不符合事实
1\t8.5.1\t生产部\t未保留首件检验记录
2\t7.2\t人事部\t未进行岗位能力评价
第2页 共3页



${repeat ? "序号\t条款\t部门\t不符合事实\n" : ""}3\t9.2\t品质部\t内审未覆盖物流过程
审核组长：张建国`;

  for (const repeat of [false, true]) {
    it(`reads the rows on the next page (${repeat ? "header repeated" : "no header"})`, () => {
      const r = reportOf(text(repeat));
      expect(r.team.map((m) => m.name.value)).toEqual(["张建国", "李梅", "王强"]);
      expect(r.ncItems.map((n) => [n.clause.value, n.department.value])).toEqual([
        ["8.5.1", "生产部"],
        ["7.2", "人事部"],
        ["9.2", "品质部"],
      ]);
    });
  }
});

describe("a project number's system letter read as a digit", () => {
  const number = (printed: string, footer: string) =>
    reportOf(`某某认证有限公司
质量管理体系审核报告
项目编号：${printed}
受审核方：南京华瑞电子有限公司
审核日期：2024年3月5日至6日
审核准则：GB/T 19001-2016/ISO 9001:2015
审核组长：王建国
${footer}
${footer}`).reportNumber;

  it("takes the letter where the other places print it (the vote, no body's numbering convention)", () => {
    // Q and 0 are look-alikes as the noise model measured them (Q read as 0 on the open families' tesseract readings).
    expect(number("20003-2024-0", "第1页\t20003-2024-Q").value).toBe("20003-2024-Q");
  });

  it("keeps the digit where every place reads it: -Q is one body's numbering, not a rule", () => {
    expect(number("20003-2024-0", "").value).toBe("20003-2024-0");
    expect(number("HX-2024-0317", "").value).toBe("HX-2024-0317");
  });
});

describe("a team table at the foot of a page", () => {
  it("takes the next page's title under the name column for no member", () => {
    const r = reportOf(`中联认证中心（北京）有限公司
质量管理体系监督审核报告
组织名称：东莞市鼎盛塑胶制品有限公司
审核日期：2024年7月15日至16日
序号\t姓名\t组内职务\t资格\t注册证书编号
1\t何丽\t组长\t高级审核员\t2016-N1QMS-1022334
2\t郑伟\t组员\t审核员\t2019-N1QMS-2233445
第1页共4页



\t报告
受审核方：东莞市鼎盛塑胶制品有限公司`);
    expect(r.team.map((m) => m.name.value)).toEqual(["何丽", "郑伟"]);
  });
});
