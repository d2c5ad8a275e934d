import { describe, expect, it } from "vitest";
import { ncRowsOf, reportOf } from "./helpers/report.ts";

/**
 * Issue 25: each punctuation class the parser used to write out by hand (a colon with ;, a dash with 一, a clause's
 * dot with ,, a middle dot with .) now comes from the measured noise model (confusions().classOf). These lines carry
 * the measured misreadings; they must read as the printed ones do.
 */
const HEAD = `某某认证有限公司
质量管理体系审核报告
组织名称; 杭州新锐包装材料有限公司
审核日期：2024年10月8日一10日
`;

describe("punctuation as OCR misreads it, through the noise model's classes", () => {
  it("a label's colon read as ; (labels.ts LEAD) and a range's dash read as 一 (dates.ts RANGE_SEP)", () => {
    const r = reportOf(`${HEAD}审核组长：孙丽华`);
    expect(r.organization.value).toBe("杭州新锐包装材料有限公司");
    expect([r.auditStart.value, r.auditEnd.value]).toEqual(["2024-10-08", "2024-10-10"]);
  });

  it("role labels whose colons were read as ; (team-lines.ts TEAM_LINE and ROLE_AT)", () => {
    const r = reportOf(`${HEAD}审核组长;孙丽华 审核员;钱芳`);
    expect(r.team.map((m) => [m.name.value, m.role.value])).toEqual([
      ["孙丽华", "leader"],
      ["钱芳", "member"],
    ]);
  });

  it("an English label's Chinese half before a colon read as ； (labels.ts CHINESE_TWIN)", () => {
    const r = reportOf(`${HEAD}Address 地址；浙江省杭州市西湖区文三路100号\n审核组长：孙丽华`);
    expect(r.sites.value).toEqual(["浙江省杭州市西湖区文三路100号"]);
  });

  it("a scope label whose colon was read as ; (organization.ts SCOPE_LABEL_CLOSE)", () => {
    const r = reportOf(`${HEAD}审核范围; 数控机床零部件的加工\n审核组长：孙丽华`);
    expect(r.scope.value).toBe("数控机床零部件的加工");
  });

  it("a list item's clause with its dot read as , (nc-list.ts CLAUSE)", () => {
    const r = reportOf(`${HEAD}本次审核发现不符合项1项，均为一般不符合。
1.生产部：未按规定对注塑机进行日常点检（8,5.1）。
审核组长：孙丽华`);
    expect(ncRowsOf(r)).toEqual([["8.5.1", "生产部", "minor", "未按规定对注塑机进行日常点检"]]);
  });

  it("an NC paragraph's number and part label with colons read as ; (nonconformities.ts ITEM_HEAD, PART_LABEL)", () => {
    const r = reportOf(`${HEAD}本次审核共开出不符合项1 项，轻微不符合1 项。
不符合项1; 条款;7.1.5， 质检部，计量器具未按期校准。
审核组长：孙丽华`);
    expect(ncRowsOf(r).map(([clause, dept]) => [clause, dept])).toEqual([["7.1.5", "质检部"]]);
  });

  it("an NC form's department cut where the next label starts, its colon read as ； (nc-forms.ts NEXT_PART)", () => {
    const r = reportOf(`${HEAD}不符合项报告
受审核部门：注塑车间审核员；何丽
不符合事实描述：
抽查注塑车间3号注塑机《设备点检表》，无点检记录。
不符合GB/T19001-2016标准7.1.3条款
不符合性质：一般`);
    expect(ncRowsOf(r).map(([clause, dept]) => [clause, dept])).toEqual([["7.1.3", "注塑车间"]]);
  });

  it("an empty codes cell whose dash was read as 一: no codes, not unread (team.ts PLACEHOLDER)", () => {
    const r = reportOf(`${HEAD}审核组成员\t身份\t注册证书号\t专业代码
朱建华\t组长\t2012-N1QMS-1023344\t14.02.01
孔令伟\t组员\t2018-N1QMS-2035566\t一`);
    expect(r.team.map((m) => [m.name.value, m.registrationNo.value, m.technicalCodes.value])).toEqual([
      ["朱建华", "2012-N1QMS-1023344", ["14.02.01"]],
      ["孔令伟", "2018-N1QMS-2035566", []],
    ]);
  });
});
