import { describe, expect, it } from "vitest";
import { ncRowsOf, reportOf } from "./helpers/report.ts";

/**
 * A combined audit plan and report (wsc-plan, docs/families-wsc.md) attaches its 不符合项报告 forms as numbered
 * attachments (附件1　不符合项报告) and grades each one under 严重程度.
 */
const HEAD = `某某认证有限公司
质量管理体系审核报告
受审核组织：杭州新锐包装材料有限公司
现场审核日期：2024年10月8日至2024年10月10日
`;
const FORM = (n: number, dept: string, clause: string, kind: string) => `附件${n}　不符合项报告
受审核部门\t${dept}
不符合事实描述\t${dept}质量目标未明确考核方法。
不符合标准条款\tGB/T19001-2016/ISO9001:2015 第${clause}条
严重程度\t${kind}
审核员\t孙丽华
`;

describe("NC forms printed as numbered attachments", () => {
  it("reads each 附件n 不符合项报告 as a form: its department, clause and the kind under 严重程度", () => {
    const r = reportOf(`${HEAD}${FORM(1, "品控部", "9.2", "一般")}${FORM(2, "生产部", "8.5.1", "严重")}`);
    expect(ncRowsOf(r).map((x) => x.slice(0, 3))).toEqual([
      ["9.2", "品控部", "minor"],
      ["8.5.1", "生产部", "major"],
    ]);
  });

  it("a mention of the attachment in a sentence is no form", () => {
    const r = reportOf(`${HEAD}本次审核共开具不符合项报告2份，见附件。\n附件1、附件2`);
    expect(r.ncItems).toEqual([]);
  });
});
