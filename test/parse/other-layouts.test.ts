import { describe, expect, it } from "vitest";
import { ncRowsOf, READINGS, reportOf } from "./helpers/report.ts";

/** Whole reports of other bodies' layouts that the first set of layout tests (layouts.test.ts) does not cover, each
 * read as printed and through OCR damage. Details of single fields: layout-details.test.ts; lines as tesseract read
 * them from scans of these layouts: ocr-read-layouts.test.ts. */

// An integrated (Q/E/S) surveillance report: scope statements per system, a registration-number cell that
// wraps onto two more lines, and an NC table with a column naming each NC's system.
const INTEGRATED = `中联认证中心（北京）有限公司
质量、环境和职业健康安全管理体系
审核报告
报告编号：ZL-QES-2024-0815
受审核组织名称\t广州市恒泰建筑工程有限公司
统一社会信用代码\t91440101MA5CXXXX3K
注册地址\t广东省广州市天河区黄埔大道西 638 号 1201 室
经营地址\t广东省广州市番禺区南村镇兴业路 25 号
审核类别\t□初次认证 ☑监督审核 □再认证 □特殊审核
审核依据\tGB/T 19001-2016/ISO 9001:2015；GB/T 24001-2016/ISO 14001:2015；GB/T 45001-2020/ISO 45001:2018
审核范围\tQ：房屋建筑工程施工；E/S：房屋建筑工程施工所涉及的相关环境管理活动和职业健康安全管理活动
现场审核日期\t2024年8月12日至14日
员工总数\t156人
一、审核组成员
序号\t姓名\t审核组职务\t注册级别\t注册证书编号\t专业代码
1\t刘志强\t组长\tQ/E/S审核员\t2014-N1QMS-2043512；2016-N1EMS-2043512\t28.02.00
2\t陈晓燕\t组员\tQ审核员\t2019-N1QMS-3058776\t28.02.00
3\t黄伟\t组员\tE/S审核员\t2020-N1OHSMS-4067125\t
二、不符合项
本次审核共开具不符合项3项，其中严重不符合0项，一般不符合3项。
序号\t体系\t条款\t责任部门\t不符合事实
1\tQ\t8.5.1\t工程部\t抽查广州天河项目施工日志，未记录隐蔽工程验收情况
2\tE\t6.1.2\t安全部\t未识别施工扬尘的环境因素
3\tS\t8.2\t安全部\t未组织高处坠落事故应急演练
纠正措施完成期限：2024年9月13日
三、审核结论
审核组认为，组织的管理体系运行基本有效，在纠正措施经审核组验证有效后，推荐保持认证注册。
下次监督审核时间：2025年8月前
审核组长（签名）：刘志强    日期：2024年8月14日`;

for (const [reading, read] of READINGS) {
  describe(`integrated quality, environment and OH&S report (${reading})`, () => {
    const r = reportOf(read(INTEGRATED));

    it("reads the scope with its per-system statements whole", () => {
      expect(r.scope.value).toBe(
        "Q:房屋建筑工程施工;E/S:房屋建筑工程施工所涉及的相关环境管理活动和职业健康安全管理活动",
      );
    });

    it("reads every member past a registration cell that wraps (注册证书编号 is one column, not 注册证书 + 编号)", () => {
      expect(r.team.map((m) => [m.name.value, m.role.value, m.registrationNo.value])).toEqual([
        ["刘志强", "leader", "2014-N1QMS-2043512; 2016-N1EMS-2043512"],
        ["陈晓燕", "member", "2019-N1QMS-3058776"],
        ["黄伟", "member", "2020-N1OHSMS-4067125"],
      ]);
    });

    it("reads systems, standards, dates, sites, headcount, NCs and the signature", () => {
      expect(r.managementSystems.value).toEqual(["QMS", "EMS", "OHSMS"]);
      expect(r.standards.value).toHaveLength(3);
      expect([
        r.auditStart.value,
        r.auditEnd.value,
        r.reportDate.value,
        r.rectificationDeadline.value,
      ]).toEqual(["2024-08-12", "2024-08-14", "2024-08-14", "2024-09-13"]);
      expect(r.sites.value).toEqual([
        "广东省广州市天河区黄埔大道西638号1201室",
        "广东省广州市番禺区南村镇兴业路25号",
      ]);
      expect(r.employees.value).toBe(156);
      expect([r.ncMajor.value, r.ncMinor.value]).toEqual([0, 3]);
      expect(r.ncItems.map((n) => [n.clause.value, n.department.value, n.severity.value])).toEqual([
        ["8.5.1", "工程部", "minor"],
        ["6.1.2", "安全部", "minor"],
        ["8.2", "安全部", "minor"],
      ]);
      expect(r.signatures.value).toEqual(["刘志强"]);
      expect(r.recommendation.value).toBe("recommend_after_correction");
      // 2025年8月前 names no day: not a date.
      expect(r.nextAuditDue.value).toBeNull();
    });
  });
}

// A stage-1 report: its own audit is stage 1, and the stage-2 dates it proposes are a plan.
const STAGE1 = `方圆标志认证集团有限公司
第一阶段审核报告
项目编号：FY-2024-Q-10336
申请组织：沈阳北方重工配件有限公司
审核准则：GB/T 19001-2016/ISO 9001:2015
申请认证范围：矿山机械配件的生产
组织有效人数：64人
体系运行时间：2023年10月8日起
一阶段审核时间：2024年6月3日（1.0人日）
审核方式：现场审核
审核组长：杨帆 2017-N1QMS-1290866 18.05.00
审核员：何静 2021-N1QMS-3370129
1、文件评审情况
组织提供的质量手册、程序文件基本符合标准要求。
2、一阶段审核发现的问题
（1）未提供2024年度内部审核计划；
（2）管理评审输入未包含顾客满意信息。
上述问题需在二阶段审核前完成整改。
3、一阶段审核结论
组织具备二阶段审核条件，建议二阶段审核时间：2024年6月24日至25日。
审核组长：杨帆    日期：2024年6月3日`;

for (const [reading, read] of READINGS) {
  describe(`stage-1 report (${reading})`, () => {
    const r = reportOf(read(STAGE1));

    it("takes the stage-1 dates as the audit's, not the proposed stage-2 dates", () => {
      expect(r.auditType.value).toBe("stage1");
      expect([r.stage1Start.value, r.stage1End.value]).toEqual(["2024-06-03", "2024-06-03"]);
      expect([r.auditStart.value, r.auditEnd.value, r.auditDays.value]).toEqual([
        "2024-06-03",
        "2024-06-03",
        1,
      ]);
    });

    it("reads the applicant, scope, headcount, implementation date and team", () => {
      expect([r.organization.value, r.scope.value, r.employees.value, r.systemImplementedDate.value]).toEqual(
        ["沈阳北方重工配件有限公司", "矿山机械配件的生产", 64, "2023-10-08"],
      );
      expect(r.team.map((m) => [m.name.value, m.role.value, m.registrationNo.value])).toEqual([
        ["杨帆", "leader", "2017-N1QMS-1290866"],
        ["何静", "member", "2021-N1QMS-3370129"],
      ]);
      // Stage-1 concerns are no nonconformities, and 具备二阶段审核条件 recommends no certification.
      expect([r.ncItems.length, r.recommendation.value]).toEqual([0, null]);
    });
  });
}

// An English-first bilingual report of an international body's Chinese branch.
const ENGLISH_FIRST = `必维认证（北京）有限公司 Bureau Veritas Certification (Beijing) Co., Ltd.
审核报告 Audit Report
Report No. 报告编号: BVC-CN-2024-07761
Client 客户名称: 宁波华宇汽车零部件有限公司
Address 地址: 浙江省宁波市北仑区大港工业城黄山西路 88 号
Audit Type 审核类型: Recertification 再认证
Standard 标准: IATF 16949:2016; ISO 9001:2015
Audit Date 审核日期: 2024-09-23 to 2024-09-26
Number of Employees 员工人数: 420
Scope 认证范围: 汽车制动系统零部件的设计和制造 Design and manufacture of automotive brake system components
Audit Team 审核组
Lead Auditor 审核组长: 王晓明 Wang Xiaoming (CCAA 2015-N1QMS-1088712)
Auditor 审核员: 张丽 Zhang Li (CCAA 2019-N1QMS-2099813)
Findings 审核发现
Major NC 严重不符合: 0
Minor NC 一般不符合: 2
No.	Clause 条款	Department 部门	Finding 发现
1	8.5.1.1	Production 生产部	控制计划未更新至最新版本
2	7.1.5.1.1	Quality 质量部	未对新增检具进行MSA分析
Corrective actions shall be submitted within 60 days. 纠正措施应在60天内提交。
Recommendation 推荐意见: Certification recommended after verification of corrective actions 纠正措施验证后推荐认证
Lead Auditor Signature 审核组长签字:
王晓明
审核员签字: 张丽 Date 日期: 2024-09-26`;

for (const [reading, read] of READINGS) {
  describe(`English-first bilingual report (${reading})`, () => {
    const r = reportOf(read(ENGLISH_FIRST));

    it("reads the body from its letterhead beside its English name, and the standards by their English label", () => {
      expect(r.certificationBody.value).toBe("必维认证（北京）有限公司");
      expect(r.standards.value).toEqual(["IATF16949:2016", "ISO9001:2015"]);
      expect(r.managementSystems.value).toEqual(["QMS"]);
    });

    it("reads a range joined by 'to', the address after its gloss, and the Chinese scope without its translation", () => {
      expect([r.auditStart.value, r.auditEnd.value, r.auditDays.value]).toEqual([
        "2024-09-23",
        "2024-09-26",
        4,
      ]);
      expect(r.sites.value).toEqual(["浙江省宁波市北仑区大港工业城黄山西路88号"]);
      // The heading below (Audit Team 审核组) is not part of it either.
      expect(r.scope.value).toBe("汽车制动系统零部件的设计和制造");
    });

    it("reads the team behind English role labels, and names signed below the label or before an English label", () => {
      expect(r.team.map((m) => [m.name.value, m.role.value, m.registrationNo.value])).toEqual([
        ["王晓明", "leader", "2015-N1QMS-1088712"],
        ["张丽", "member", "2019-N1QMS-2099813"],
      ]);
      expect(r.signatures.value).toEqual(["王晓明", "张丽"]);
    });

    it("reads the NC table under bilingual headers, departments without their English names", () => {
      expect(ncRowsOf(r)).toEqual([
        ["8.5.1.1", "生产部", "minor", "控制计划未更新至最新版本"],
        ["7.1.5.1.1", "质量部", "minor", "未对新增检具进行MSA分析"],
      ]);
      expect([r.reportDate.value, r.recommendation.value]).toEqual([
        "2024-09-26",
        "recommend_after_correction",
      ]);
    });
  });
}

// A three-page recertification report with a form header on every page, the team under 审核组成员 and the NCs as a
// numbered list under the sentence that counts them.
const NUMBERED_NCS = `表单编号：ZJ-QR-7.4-05    版本：C/1    第1页 共3页
浙江公信认证有限公司
质量管理体系审核报告
合同编号：ZJGX-2024-0562
组织名称：杭州新锐包装材料有限公司（以下简称“新锐包装”）
审核类型：再认证审核
审核日期：2024年10月8日—10日
审核人日：4.0人日
员工数：约200人
审核范围：塑料包装袋的生产
受审核场所：浙江省杭州市萧山区经济技术开发区鸿达路 199 号



表单编号：ZJ-QR-7.4-05    版本：C/1    第2页 共3页
一、审核组
审核组成员	身份	资格	证书号
朱建华	组长	高级审核员	2012-N1QMS-1023344
孔令伟	组员	审核员	2018-N1QMS-2035566
二、审核发现
本次审核发现不符合项2项，均为一般不符合。
1. 生产部：未按规定对注塑机进行日常点检（8.5.1）。
2. 采购部：未对新增供应商进行评价（8.4.1）。
请于2024年11月9日前完成整改并提交验证材料。



表单编号：ZJ-QR-7.4-05    版本：C/1    第3页 共3页
三、审核结论
审核组经评议，认为组织的质量管理体系运行有效，推荐再认证注册。
审核组长：朱建华    日期：2024年10月10日`;

for (const [reading, read] of READINGS) {
  describe(`report with page headers and NCs as a numbered list (${reading})`, () => {
    const r = reportOf(read(NUMBERED_NCS));

    it("reads each numbered NC: department, clause, finding; the kind from 均为一般", () => {
      expect([r.ncMajor.value, r.ncMinor.value]).toEqual([0, 2]);
      expect(ncRowsOf(r)).toEqual([
        ["8.5.1", "生产部", "minor", "未按规定对注塑机进行日常点检"],
        ["8.4.1", "采购部", "minor", "未对新增供应商进行评价"],
      ]);
    });

    it("reads the organisation without its short name, the site, the team and the system from the title", () => {
      expect(r.organization.value).toBe("杭州新锐包装材料有限公司");
      expect(r.sites.value).toEqual(["浙江省杭州市萧山区经济技术开发区鸿达路199号"]);
      expect(r.team.map((m) => [m.name.value, m.role.value, m.registrationNo.value])).toEqual([
        ["朱建华", "leader", "2012-N1QMS-1023344"],
        ["孔令伟", "member", "2018-N1QMS-2035566"],
      ]);
      expect(r.managementSystems.value).toEqual(["QMS"]);
    });

    it("reads no NCs from a numbered list of suggestions, or one that follows no word of nonconformities", () => {
      for (const lead of ["本次审核未发现不符合项，提出以下改进建议：", "审核发现的良好实践："]) {
        const text = NUMBERED_NCS.replace("本次审核发现不符合项2项，均为一般不符合。", lead);
        expect(reportOf(text).ncItems, lead).toEqual([]);
      }
    });

    it("takes no impossible date from the contract number ZJGX-2024-0562, and reads the rest", () => {
      expect(r.impossibleDates).toEqual([]);
      expect([
        r.reportNumber.value,
        r.auditStart.value,
        r.auditEnd.value,
        r.rectificationDeadline.value,
      ]).toEqual(["ZJGX-2024-0562", "2024-10-08", "2024-10-10", "2024-11-09"]);
      expect([r.auditType.value, r.employees.value, r.recommendation.value]).toEqual([
        "recertification",
        200,
        "recommend",
      ]);
    });
  });
}

// A surveillance report that writes each section's evaluation as a word (评价：符合), numbers its one NC
// 不符合项编号：NC-01 with the kind in brackets after the sentence, and dates the leader's signature without a label.
const WRITTEN_RESULTS = `中大华远认证中心
监督审核报告
受审核方名称：武汉长江精工机械有限公司
审核依据：GB/T 19001-2016
审核时间：2024年5月13日上午至5月14日下午
企业人数：135人
审核范围：数控机床零部件的加工
一、审核组
序号	姓名	组内职务	注册号	专业代码	联系电话
1	罗文斌	组长	2016-N1QMS-1255331	18.01.00	138****5621
2	何雪	组员	2020-N1QMS-2366442	18.01.00	139****1283
二、上次审核不符合项验证
上次审核开具的1项一般不符合项已有效关闭。
三、体系运行情况评价
3.1 管理职责
评价：符合
最高管理者重视质量管理，按计划实施了管理评审。
3.2 资源管理
评价：基本符合
个别检测设备未按期校准。
3.3 产品实现
评价：符合
生产过程受控。
四、不符合项
不符合项编号：NC-01，条款：7.1.5，部门：质检部，事实：两台千分尺超过校准有效期仍在使用。（一般）
五、审核结论
管理体系运行基本有效，推荐保持认证资格。
审核组长：罗文斌  2024年5月14日`;

for (const [reading, read] of READINGS) {
  describe(`evaluations written as words, an NC numbered NC-01 (${reading})`, () => {
    const r = reportOf(read(WRITTEN_RESULTS));

    it("reads each section's written evaluation", () => {
      expect(r.evaluations.map((e) => [e.section, e.title, e.result.value])).toEqual([
        ["3.1", "管理职责", "符合"],
        ["3.2", "资源管理", "基本符合"],
        ["3.3", "产品实现", "符合"],
      ]);
    });

    it("reads the NC and its bracketed kind, and takes its number for no report number", () => {
      expect(ncRowsOf(r)).toEqual([["7.1.5", "质检部", "minor", "两台千分尺超过校准有效期仍在使用"]]);
      expect(r.reportNumber.value).toBeNull();
    });

    it("reads the leader's signature and its date, the team past a phone column", () => {
      expect([r.signatures.value, r.reportDate.value]).toEqual([["罗文斌"], "2024-05-14"]);
      expect(r.team.map((m) => [m.name.value, m.role.value, m.registrationNo.value])).toEqual([
        ["罗文斌", "leader", "2016-N1QMS-1255331"],
        ["何雪", "member", "2020-N1QMS-2366442"],
      ]);
      expect([r.auditStart.value, r.auditEnd.value, r.auditDays.value]).toEqual([
        "2024-05-13",
        "2024-05-14",
        2,
      ]);
    });
  });
}

// Reports on other systems: food safety with HACCP, and energy.
const FOOD_SAFETY = `中国质量认证中心
食品安全管理体系/HACCP体系审核报告
报告编号：CQC-FS-2024-1129
受审核方：山东鲁旺食品有限公司
审核类型：再认证审核
审核准则：GB/T 22000-2006/ISO 22000:2005；GB/T 27341-2009；GB 14881-2013
审核时间：2024年11月4日至11月6日
认证范围：速冻调制食品（速冻饺子、速冻包子）的生产
生产场所：山东省临沂市兰山区金雀山路200号
人员总数：320人
审核组组长：韩冰（2012-N1FSMS-1003216）
审核组成员：邓超（2018-N1FSMS-2103344、2019-N1HACCP-2103344）
专业代码：FSMS：C0210；HACCP：CI-2
本次审核共发现不符合项2项，其中严重不符合项0项，一般不符合项2项。
1. 生产车间：未对速冻隧道温度记录进行复核（GB/T 27341 5.5）。
2. 品控部：未对原料供应商进行年度评价（GB/T 22000 7.2.3）。
审核结论：组织的食品安全管理体系运行有效，纠正措施经验证后推荐再认证注册。
审核组长：韩冰  日期：2024年11月6日`;
const ENERGY = `北京国金衡信认证有限公司
能源管理体系审核报告
项目编号：GJHX-EnMS-24-0311
组织名称：河北冀东水泥有限公司
审核类型：监督审核（第二次）
审核依据：GB/T 23331-2020/ISO 50001:2018、RB/T 119-2015
审核日期：2024年6月17日至18日
审核范围：通用硅酸盐水泥的生产所涉及的能源管理活动
审核组长：田野  2016-N1EnMS-1112233
审核员：孟凡  2020-N1EnMS-2223344
未发现严重不符合，发现一般不符合1项：
1. 能源管理部：未按能源评审结果更新能源基准（条款6.5）。
审核组推荐保持认证注册。
审核组长：田野  日期：2024年6月18日`;

for (const [reading, read] of READINGS) {
  describe(`food safety and energy reports (${reading})`, () => {
    it("reads FSMS and HACCP from their standards, the leader under 审核组组长, NCs citing a standard's clause", () => {
      const r = reportOf(read(FOOD_SAFETY));
      expect(r.managementSystems.value).toEqual(["FSMS", "HACCP"]);
      expect(r.standards.value).toEqual(["GB/T22000-2006/ISO22000:2005", "GB/T27341-2009"]);
      expect(r.team.map((m) => [m.name.value, m.role.value, m.registrationNo.value])).toEqual([
        ["韩冰", "leader", "2012-N1FSMS-1003216"],
        ["邓超", "member", "2018-N1FSMS-2103344; 2019-N1HACCP-2103344"],
      ]);
      expect(ncRowsOf(r)).toEqual([
        ["5.5", "生产车间", "minor", "未对速冻隧道温度记录进行复核"],
        ["7.2.3", "品控部", "minor", "未对原料供应商进行年度评价"],
      ]);
    });

    it("reads EnMS numbers as the register prints them, and NCs after a line that finds no major one", () => {
      const r = reportOf(read(ENERGY));
      expect(r.managementSystems.value).toEqual(["EnMS"]);
      expect(r.team.map((m) => m.registrationNo.value)).toEqual([
        "2016-N1EnMS-1112233",
        "2020-N1EnMS-2223344",
      ]);
      expect(ncRowsOf(r)).toEqual([["6.5", "能源管理部", "minor", "未按能源评审结果更新能源基准"]]);
    });
  });
}
