import { describe, expect, it } from "vitest";
import { Report } from "../../src/domain/record.ts";
import { parseDocument } from "../../src/parse/index.ts";
import {
  AUDIT_NOTICE,
  GLOSSED_LABELS_REPORT,
  INVOICE,
  KEY_VALUE_REPORT,
  LETTER,
  NCR_FORMS_REPORT,
  PROSE_LAYOUT_REPORT,
  TABLE_LAYOUT_REPORT,
} from "./fixtures-text.ts";
import { layoutPages, textLayerPages } from "./helpers/layout.ts";

/** Each NC as [clause, department, severity, finding]. */
const ncRows = (r: Report) =>
  r.ncItems.map((n) => [n.clause.value, n.department.value, n.severity.value, n.text.value]);
/** Each member as [name, role]. */
const teamRoles = (r: Report) => r.team.map((m) => [m.name.value, m.role.value]);

/** The report of pages classified as one, validated against the record schema. */
function reportOf(pages: Parameters<typeof parseDocument>[0]): Report {
  const result = parseDocument(pages);
  expect(result.kind).toBe("audit_report");
  return Report.parse(result.report);
}

describe("prose report with labelled lines instead of tables", () => {
  for (const [name, pages] of [
    ["scanned", layoutPages(PROSE_LAYOUT_REPORT)],
    ["text layer", textLayerPages(PROSE_LAYOUT_REPORT)],
  ] as const) {
    it(`reads team, site, NC paragraphs, deadline and signature (${name})`, () => {
      const r = reportOf(pages);
      expect(r.reportNumber.value).toBe("ZJ24-QEO-0592");
      expect(r.organization.value).toBe("杭州立信包装材料有限公司");
      expect(r.auditType.value).toBe("recertification");
      expect(r.managementSystems.value).toEqual(["QMS", "EMS", "OHSMS"]);
      expect([r.auditStart.value, r.auditEnd.value]).toEqual(["2024-06-11", "2024-06-13"]);
      expect(r.sites.value).toEqual(["浙江省杭州市萧山区新塘街道霞江路66号"]);
      expect(r.employees.value).toBe(152);
      expect(
        r.team.map((m) => [m.name.value, m.role.value, m.registrationNo.value, m.technicalCodes.value]),
      ).toEqual([
        ["孙丽华", "leader", "2017-N1QMS-2045781", ["14.02.01"]],
        ["周强", "member", "2018-N1EMS-3012456", null],
        ["吴建", "expert", null, ["14.02.01"]],
      ]);
      expect([r.ncMajor.value, r.ncMinor.value]).toEqual([0, 3]);
      expect(ncRows(r)).toEqual([
        ["7.1.5", "质检部", "minor", "计量器具未按期校准"],
        ["6.1.2", "生产部", "minor", "未识别油墨废液的环境因素"],
        ["8.1", "仓库", "minor", "叉车作业区未设置安全警示"],
      ]);
      expect(r.rectificationDeadline.value).toBe("2024-07-12");
      expect(r.signatures.value).toEqual(["孙丽华"]);
      expect(r.recommendation.value).toBe("recommend");
    });
  }
});

describe("labels with an English gloss, NC table without a severity column", () => {
  it("reads dates and type past the gloss, severity from uniform counts, and no site from 受审核组织", () => {
    const r = reportOf(layoutPages(GLOSSED_LABELS_REPORT));
    expect(r.reportNumber.value).toBe("FY-2024-QMS-00871");
    expect(r.organization.value).toBe("青岛海联电子科技股份有限公司");
    expect(r.auditType.value).toBe("stage2");
    expect([r.auditStart.value, r.auditEnd.value, r.auditDays.value]).toEqual([
      "2024-09-23",
      "2024-09-25",
      3,
    ]);
    expect(r.employees.value).toBe(230);
    // 受审核组织（Auditee） nearly spells 受审核组织地址 but is no site; the bare 地址 below the auditee's name is.
    expect(r.sites.value).toEqual(["山东省青岛市崂山区株洲路151号"]);
    expect(r.team.map((m) => [m.name.value, m.role.value, m.grade.value])).toEqual([
      ["刘洋", "leader", "审核员"],
      ["陈静", "member", "审核员"],
      ["杨帆", "member", "实习审核员"],
    ]);
    expect(r.ncItems.map((n) => [n.clause.value, n.department.value, n.severity.value])).toEqual([
      ["8.5.1", "生产部", "minor"],
      ["7.2", "人事部", "minor"],
    ]);
    expect(r.ncItems[0]!.severity.method).toBe("derived");
    expect(r.rectificationDeadline.value).toBe("2024-10-25");
    expect(r.recommendation.value).toBe("recommend");
    expect(r.signatures.value).toEqual(["刘洋"]);
  });
});

describe("surveillance report in key: value lines", () => {
  it("reads members sharing a line, a numbered NC with labelled parts and the site", () => {
    const r = reportOf(layoutPages(KEY_VALUE_REPORT));
    expect(r.reportNumber.value).toBeNull(); // 证书编号 is the certificate's number, not the report's
    expect(r.organization.value).toBe("广州市恒信物流有限公司");
    expect(r.auditType.value).toBe("surveillance");
    expect([r.auditStart.value, r.auditEnd.value]).toEqual(["2024-04-18", "2024-04-19"]);
    expect(r.employees.value).toBe(58);
    expect(r.sites.value).toEqual(["广州市白云区太和镇大源北路22号"]);
    expect(r.team.map((m) => [m.name.value, m.role.value, m.registrationNo.value])).toEqual([
      ["黄志明", "leader", "2015-N1QMS-1208815"],
      ["林晓", "member", "2020-N1QMS-4401122"],
      ["何宇", "member", "2021-N1QMS-4412233"],
    ]);
    expect(ncRows(r)).toEqual([["9.2", "品质部", "minor", "2023年度内审未覆盖物流配送过程"]]);
    expect(r.nextAuditDue.value).toBe("2025-04-18");
    expect(r.recommendation.value).toBe("recommend");
  });
});

describe("NCs on separate 不符合项报告 forms", () => {
  for (const [name, pages] of [
    ["scanned", layoutPages(NCR_FORMS_REPORT)],
    ["text layer", textLayerPages(NCR_FORMS_REPORT)],
  ] as const) {
    it(`reads each form's clause, department, kind and finding (${name})`, () => {
      const r = reportOf(pages);
      expect(r.organization.value).toBe("东莞市鼎盛塑胶制品有限公司");
      expect(r.auditType.value).toBe("surveillance");
      expect([r.auditStart.value, r.auditEnd.value, r.auditDays.value]).toEqual([
        "2024-07-15",
        "2024-07-16",
        2,
      ]);
      expect(teamRoles(r)).toEqual([
        ["何丽", "leader"],
        ["郑伟", "member"],
      ]);
      expect([r.ncMajor.value, r.ncMinor.value]).toEqual([0, 2]);
      expect(ncRows(r)).toEqual([
        ["7.1.3", "注塑车间", "minor", "抽查注塑车间3号注塑机《设备点检表》,2024年7月8日至12日无点检记录。"],
        ["8.6", "品质部", "minor", "来料检验规程规定抽样按GB/T 2828.1执行,现场抽查两批原料未按规定抽样。"],
      ]);
      // The forms' own kind, not the counts: read from the text, not derived.
      expect(r.ncItems.every((n) => n.severity.method !== "derived")).toBe(true);
      expect(r.rectificationDeadline.value).toBe("2024-08-15");
      // 第一次监督审核 nearly spells 下次监督审核, and the date on the next line is 审核日期's.
      expect(r.nextAuditDue.value).toBeNull();
      expect(r.reportDate.value).toBe("2024-07-16");
      expect(r.recommendation.value).toBe("recommend");
    });
  }

  it("does not read a kind printed as options from the text", () => {
    const text = NCR_FORMS_REPORT.replaceAll("不符合性质：一般", "不符合性质：■一般 □严重").replace(
      "本次审核共发现不符合项2项，均为一般不符合项。",
      "本次审核共发现不符合项2项。",
    );
    const r = reportOf(layoutPages(text));
    expect(r.ncItems.map((n) => [n.clause.value, n.severity.value])).toEqual([
      ["7.1.3", null],
      ["8.6", null],
    ]);
  });

  it("takes the clause from the finding when the form states none of its own", () => {
    const text = NCR_FORMS_REPORT.replace("不符合 GB/T 19001-2016 标准 7.1.3 条款\n", "").replace(
      "2024年7月8日至12日无点检记录。",
      "2024年7月8日至12日无点检记录，不符合标准7.1.3条款要求。",
    );
    const r = reportOf(layoutPages(text));
    expect(r.ncItems.map((n) => n.clause.value)).toEqual(["7.1.3", "8.6"]);
  });

  it("reads a kind printed as options from the boxes the checkbox reader found on that line", () => {
    const text = NCR_FORMS_REPORT.replaceAll("不符合性质：一般", "不符合性质：■一般 □严重").replace(
      "本次审核共发现不符合项2项，均为一般不符合项。",
      "本次审核共发现不符合项2项。",
    );
    const pages = layoutPages(text);
    // What detectMarks reports for ■一般 □严重 (first form) and □一般 ■严重 (second form), beside the labels.
    const ticked = new Map([
      [2, "一般"],
      [3, "严重"],
    ]);
    for (const page of pages) {
      const line = page.lines.find((l) => l.text.startsWith("不符合性质"));
      if (!line) continue;
      const [x, y0, , y1] = line.bbox;
      page.marks = ["一般", "严重"].map((label, i) => {
        const at = x + 300 + i * 200;
        return {
          label,
          labelBbox: [at, y0, at + 80, y1] as [number, number, number, number],
          bbox: [at - 45, y0 + 4, at - 5, y1 - 4] as [number, number, number, number],
          state: ticked.get(page.page) === label ? ("checked" as const) : ("unchecked" as const),
          confidence: 0.95,
        };
      });
    }
    const r = reportOf(pages);
    expect(r.ncItems.map((n) => [n.clause.value, n.severity.value, n.severity.method])).toEqual([
      ["7.1.3", "minor", "checkbox"],
      ["8.6", "major", "checkbox"],
    ]);
    expect(r.checkboxGroups.map((g) => g.id)).toEqual(["ncKind", "ncKind.2"]);
  });
});

describe("other bodies' words for the auditee and the audit dates", () => {
  for (const label of ["受审核单位", "认证委托人", "申请单位", "被审核方"]) {
    it(`reads the organisation under ${label} and dates under 审核实施时间`, () => {
      const text = `某某认证有限公司\n管理体系审核报告\n${label}：成都蓉信软件有限公司\n审核实施时间：2024年5月6日至2024年5月7日\n审核组长：张三（2019-N1QMS-1234567）\n审核结论：推荐认证注册`;
      const r = reportOf(layoutPages(text));
      expect([r.organization.value, r.auditStart.value, r.auditEnd.value]).toEqual([
        "成都蓉信软件有限公司",
        "2024-05-06",
        "2024-05-07",
      ]);
    });
  }
});

describe("a bare 地址", () => {
  it("is not the certification body's own address among its phone and website on the cover", () => {
    const r = reportOf(
      layoutPages(`华信认证中心有限公司
管理体系审核报告
受审核方：苏州恒达精密机械有限公司
审核日期：2024年3月5日至2024年3月6日
华信认证中心有限公司 编制
地 址：北京市海淀区中关村大街 1 号
电 话：010-12345678
官 网：www.example.cn
审核组长：王建国`),
    );
    expect(r.sites.value).toBeNull();
  });
});

describe("short reports in other wordings", () => {
  it("team on one line by roles, a digits-only range, counts in cells without a unit, 推荐换证", () => {
    const r = reportOf(
      layoutPages(`北京世标认证中心有限公司
管理体系审核报告
受审核组织：天津市华瑞化工设备有限公司
审核类型：换证审核
审核日期：2024.07.15-07.16
审核组长：赵刚  审核员：钱芳
企业总人数：75人
不符合项数量\t严重：0\t一般：2
审核结论：推荐换证`),
    );
    expect([r.auditType.value, r.auditStart.value, r.auditEnd.value, r.auditDays.value]).toEqual([
      "recertification",
      "2024-07-15",
      "2024-07-16",
      2,
    ]);
    expect(teamRoles(r)).toEqual([
      ["赵刚", "leader"],
      ["钱芳", "member"],
    ]);
    expect([r.ncMajor.value, r.ncMinor.value]).toEqual([0, 2]);
    expect(r.recommendation.value).toBe("recommend");
    // A team listed by roles is not a signature, and 审核日期 is no closing 日期.
    expect([r.signatures.value, r.reportDate.value]).toEqual([null, null]);
  });

  it("members in brackets after roles on one line, clock times after the half day", () => {
    const r = reportOf(
      layoutPages(`某认证公司
质量管理体系审核报告
组织名称：无锡市宏达电机有限公司
审核时间：2024年3月5日上午8:30至3月6日下午17:00
在册员工：210名
审核组成员：组长 孙浩（2015-N1QMS-1234567）组员 李娜（2018-N1QMS-7654321）
不符合项：严重不符合项 0 个；一般不符合项 3 个`),
    );
    expect([r.auditStart.value, r.auditEnd.value, r.auditDays.value]).toEqual([
      "2024-03-05",
      "2024-03-06",
      2,
    ]);
    expect(r.team.map((m) => [m.name.value, m.role.value, m.registrationNo.value])).toEqual([
      ["孙浩", "leader", "2015-N1QMS-1234567"],
      ["李娜", "member", "2018-N1QMS-7654321"],
    ]);
    expect([r.ncMajor.value, r.ncMinor.value]).toEqual([0, 3]);
  });

  it("a scope wrapped onto the next line, the total of a headcount split by kind", () => {
    const r = reportOf(
      layoutPages(`某认证公司
管理体系审核报告
受审核方：郑州宇辰机械制造有限公司
审核日期：2024年5月20日-5月22日
组织人数：生产人员80人，管理人员20人，共计100人
审核范围：矿山机械配件（破碎机衬板、锤头、筛板、耐磨钢球）的生产及相关管理活动；金属结构件（钢架、平台）的加工及相关管理活动
审核组长：王磊（2016-N1QMS-1122334）`),
    );
    expect(r.scope.value).toBe(
      "矿山机械配件（破碎机衬板、锤头、筛板、耐磨钢球）的生产及相关管理活动;金属结构件（钢架、平台）的加工及相关管理活动",
    );
    expect(r.employees.value).toBe(100);
  });

  for (const splitRows of [false, true]) {
    it(`an NC table whose descriptions wrap inside their cells, a count line under it (${splitRows ? "cells as lines" : "rows"})`, () => {
      const r = reportOf(
        layoutPages(
          `某认证公司
质量管理体系审核报告
受审核方：宁波海曙精工模具有限公司
审核日期：2024年6月3日至6月4日
审核组长：唐敏
不符合项汇总表
序号\t不符合项描述\t对应标准条款\t责任部门\t不符合类型
1\t抽查模具车间2024年5月的设备保养记录，3台注塑机未按计划保养，不能提供保养记录\t7.1.3\t模具车间\t一般
2\t查内审报告，未对采购过程进行审核\t9.2.2\t品管部\t一般
严重不符合项：0项；一般不符合项：2项`,
          { splitRows },
        ),
      );
      expect(ncRows(r)).toEqual([
        [
          "7.1.3",
          "模具车间",
          "minor",
          "抽查模具车间2024年5月的设备保养记录,3台注塑机未按计划保养,不能提供保养记录",
        ],
        ["9.2.2", "品管部", "minor", "查内审报告,未对采购过程进行审核"],
      ]);
      expect([r.ncMajor.value, r.ncMinor.value]).toEqual([0, 2]);
    });
  }

  it("审核组：组长：…；组员：…, 无严重不符合, the date beside the leader's signature", () => {
    const r = reportOf(
      layoutPages(`某认证公司
环境管理体系审核报告
受审核方名称：合肥绿源环保科技有限公司
审核性质：监督审核（第二次）
现场审核日期：2024年11月12日至13日
审核组：组长：周敏；组员：吴昊、郑洁
本次审核开具一般不符合2份，无严重不符合。
审核组长签字：周敏   日期：2024年11月13日`),
    );
    expect(teamRoles(r)).toEqual([
      ["周敏", "leader"],
      ["吴昊", "member"],
      ["郑洁", "member"],
    ]);
    expect([r.ncMajor.value, r.ncMinor.value]).toEqual([0, 2]);
    expect(r.signatures.value).toEqual(["周敏"]);
    expect(r.reportDate.value).toBe("2024-11-13");
  });
});

describe("audit types as other bodies word them", () => {
  for (const [printed, type] of [
    ["扩项审核", "special"],
    ["扩大认证范围审核", "special"],
    ["换证审核", "recertification"],
    ["监督审核（含扩项）", "surveillance"],
  ] as const) {
    it(`${printed} → ${type}`, () => {
      const r = reportOf(
        layoutPages(
          `某认证公司\n管理体系审核报告\n受审核方：无锡市宏达电机有限公司\n审核类别：${printed}\n审核组长：孙浩`,
        ),
      );
      expect(r.auditType.value).toBe(type);
    });
  }
});

describe("table-driven report of another certification body", () => {
  for (const [name, pages] of [
    ["scanned", layoutPages(TABLE_LAYOUT_REPORT)],
    ["scanned, rows split into cell lines", layoutPages(TABLE_LAYOUT_REPORT, { splitRows: true, wrap: 30 })],
    ["text layer", textLayerPages(TABLE_LAYOUT_REPORT)],
  ] as const) {
    it(`reads header, team, NC table and dates (${name})`, () => {
      const r = reportOf(pages);
      expect(r.reportNumber.value).toBe("HX-2024-0317");
      expect(r.organization.value).toBe("苏州恒达精密机械有限公司");
      expect(r.certificationBody.value).toBe("华信认证中心有限公司");
      expect(r.auditType.value).toBe("surveillance");
      expect(r.auditStart.value).toBe("2024-03-05");
      expect(r.auditEnd.value).toBe("2024-03-06");
      expect(r.auditDays.value).toBe(2);
      expect(r.standards.value).toEqual(["GB/T24001-2016/ISO14001:2015"]);
      expect(r.managementSystems.value).toEqual(["EMS"]);
      expect(r.scope.value).toBe("精密机械零部件的加工及相关环境管理活动");
      expect(r.employees.value).toBe(86);
      expect(r.sites.value).toEqual(["江苏省苏州市吴中区木渎镇金枫路88号"]);
      expect(r.reportDate.value).toBe("2024-03-07");
      expect(r.rectificationDeadline.value).toBe("2024-03-20");
      expect(r.nextAuditDue.value).toBe("2025-03-05");
      expect(r.stage1Start.value).toBeNull();

      const team = r.team.map((m) => [
        m.name.value,
        m.role.value,
        m.grade.value,
        m.registrationNo.value,
        m.technicalCodes.value,
      ]);
      expect(team).toEqual([
        ["王建国", "leader", "高级审核员", "2019-N2EMS-1234567", ["18.05.00"]],
        ["李梅", "member", "审核员", "2020-N1EMS-7654321; 2021-N1QMS-7654322", []],
        ["赵小川", "member", "实习审核员", "2023-N0EMS-1111111", []],
        ["陈工", "expert", "技术专家", null, ["18.05.00", "18.06.00"]],
      ]);

      expect(r.ncMajor.value).toBe(1);
      expect(r.ncMinor.value).toBe(1);
      expect(ncRows(r)).toEqual([
        ["6.1.2", "生产部", "minor", "未识别切削液废液的环境因素"],
        ["8.2", "行政部", "major", "未建立火灾应急预案并演练"],
      ]);
      expect(r.sections.map((s) => s.id)).toEqual(["第一部分", "第二部分", "第三部分", "第四部分"]);
      expect(r.signatures.value).toEqual(["王建国"]);
    });
  }
});

describe("documents that are not audit reports", () => {
  for (const [name, text] of [
    ["audit notice", AUDIT_NOTICE],
    ["invoice", INVOICE],
    ["letter", LETTER],
  ] as const) {
    it(`classifies a ${name} as not_audit_report with no report`, () => {
      const result = parseDocument(layoutPages(text));
      expect(result.kind).toBe("not_audit_report");
      expect(result.report).toBeNull();
    });
  }

  it("calls an empty document unknown", () => {
    expect(parseDocument([]).kind).toBe("unknown");
  });
});

describe("impossible dates", () => {
  it("keeps the raw text, nulls the value and lists it", () => {
    const text = TABLE_LAYOUT_REPORT.replace("报告日期：2024年3月7日", "报告日期：2023年02月30日");
    const result = parseDocument(layoutPages(text));
    const r = result.report!;
    expect(r.reportDate.value).toBeNull();
    expect(r.reportDate.raw).toBe("2023年02月30日");
    expect(r.impossibleDates.map((d) => d.raw)).toEqual(["2023年02月30日"]);
    expect(result.problems.some((p) => p.code === "DATE_IMPOSSIBLE")).toBe(true);
  });
});
