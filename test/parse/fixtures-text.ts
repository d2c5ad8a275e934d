/** Hand-written documents in layouts other than the seed's. Tabs separate table cells; 3 blank lines break pages. */

/** A table-driven report from another certification body: header table, team table with 角色/资格 columns,
 * an explicit NC table, 第一部分 numbering, conclusion rows. */
export const TABLE_LAYOUT_REPORT = `华信认证中心有限公司

管理体系审核报告

第一部分 基本信息

报告编号\tHX-2024-0317\t受审核方\t苏州恒达精密机械有限公司
审核类型\t监督审核\t审核日期\t自2024年3月5日至2024年3月6日
审核准则\tGB/T 24001-2016/ISO 14001:2015
认证范围\t精密机械零部件的加工及相关环境管理活动
员工人数\t86人
生产地址：江苏省苏州市吴中区木渎镇金枫路 88 号



第二部分 审核组

姓名\t角色\t资格\t注册号\t专业代码
王建国\t审核组长\t高级审核员\t2019-N2EMS-1234567\t18.05.00
李梅\t审核员\t审核员\t2020-N1EMS-7654321; 2021-N1QMS-7654322\t
赵小川\t实习审核员\t实习审核员\t2023-N0EMS-1111111\t
陈工\t技术专家\t\t\t18.05.00；18.06.00

第三部分 不符合项

不符合项统计：严重 1 项，一般 1 项

编号\t条款\t部门\t性质\t描述
NC-01\t6.1.2\t生产部\t一般\t未识别切削液废液的环境因素
NC-02\t8.2\t行政部\t严重\t未建立火灾应急预案并演练

整改期限：2024年3月20日

下次审核日期：2025年3月5日前

第四部分 审核结论

审核准则的要求\t符合\t基本符合\t不符合
体系运行\t有效\t基本有效\t无效

审核组长：王建国

报告日期：2024年3月7日
`;

/** A prose report of a third kind: numbered paragraphs (1.1, 1.4) instead of tables, the team and each NC on
 * labelled lines, the deadline inside a sentence, the signature and the date on one line. */
export const PROSE_LAYOUT_REPORT = `中鉴认证有限责任公司
ZJ-QP-08-02
质量、环境和职业健康安全管理体系
再认证审核报告

项目编号：ZJ24-QEO-0592
组织名称（中文）：杭州立信包装材料有限公司
审核时间：2024年6月11日上午至2024年6月13日下午
审核性质：再认证审核
认证标准：GB/T 19001-2016/ISO 9001:2015；GB/T 24001-2016/ISO 14001:2015；GB/T 45001-2020/ISO 45001:2018

1 审核概况
1.1 审核组成员
审核组长：孙丽华（注册号：2017-N1QMS-2045781，专业代码：14.02.01）
审核员：周强（2018-N1EMS-3012456）
技术专家：吴建 14.02.01
1.2 审核目的：确认组织管理体系持续符合审核准则的要求，决定能否推荐再认证注册。
1.3 审核范围：纸塑复合包装袋的生产
1.4 受审核组织地址：浙江省杭州市萧山区新塘街道霞江路 66 号
1.5 员工总数：152 人

2 审核发现
本次审核共开出不符合项 3 项，其中严重不符合 0 项，轻微不符合 3 项。
不符合项 1：条款 7.1.5，质检部，计量器具未按期校准。
不符合项 2：条款 6.1.2，生产部，未识别油墨废液的环境因素。
不符合项 3：条款 8.1，仓库，叉车作业区未设置安全警示。
纠正措施应于2024年7月12日前完成。

3 审核结论
审核组认为该组织管理体系运行有效，推荐再认证注册。
下次监督审核应在2025年6月前进行。

审核组长签字：孙丽华        日期：2024年6月13日
`;

/** Bilingual labels with the English gloss in brackets before the colon, dotted date range, 初次认证第二阶段, an NC
 * table without a severity column (the counts say all are minor), the auditee's address under a bare 地址. */
export const GLOSSED_LABELS_REPORT = `方圆标志认证集团有限公司
审核报告
Audit Report
报告编号（Report No.）：FY-2024-QMS-00871
受审核组织（Auditee）：青岛海联电子科技股份有限公司
审核类型（Type of Audit）：初次认证第二阶段审核
审核日期（Audit Date）：2024.09.23-2024.09.25
审核准则（Audit Criteria）：ISO 9001:2015
认证范围（Scope）：电子线路板的设计、生产和服务
组织人数（Employees）：230
多现场：无
地址（Address）：山东省青岛市崂山区株洲路 151 号

审核组（Audit Team）
序号\t姓名\t组内职责\t注册级别\t注册证书编号\t专业代码
1\t刘洋\t组长\t审核员\t2016-N1QMS-1023456\t19.05.01
2\t陈静\t组员\t审核员\t2019-N1QMS-1098765\t19.05.01
3\t杨帆\t组员\t实习审核员\t2023-N0QMS-1122334\t

不符合项汇总：严重不符合 0 项，一般不符合 2 项
序号\t不符合条款\t责任部门\t不符合事实
1\t8.5.1\t生产部\tSMT 车间未保留首件检验记录
2\t7.2\t人事部\t未对新员工进行岗位能力评价

纠正措施完成期限：2024年10月25日
审核结论：推荐认证注册
审核组长：刘洋  日期：2024.09.25
`;

/** A surveillance report in key: value lines: 客户名称, times on the audit dates, two members with registrations
 * in brackets on one line, a numbered NC with labelled parts (不符合条款：…，部门：…，事实：…), 经营场所. */
export const KEY_VALUE_REPORT = `广东华标认证有限公司
监督审核报告
客户名称：广州市恒信物流有限公司
证书编号：00123Q45678R1M
审核起止时间：2024年4月18日8:30—2024年4月19日12:00
审核人日：1.5
审核方式：现场审核
审核依据：GB/T19001-2016 idt ISO9001:2015
体系覆盖人数：58人
经营场所：广州市白云区太和镇大源北路 22 号
审核组长：黄志明（2015-N1QMS-1208815）
审核组员：林晓（2020-N1QMS-4401122）、何宇（2021-N1QMS-4412233）
一、审核发现
本次审核发现一般不符合 1 项，严重不符合 0 项：
1. 不符合条款：9.2，部门：品质部，事实：2023年度内审未覆盖物流配送过程。
二、审核结论
审核组认为组织的质量管理体系持续有效，推荐保持认证注册资格。
下次监督审核时间：2025年4月18日前
报告日期：2024年4月19日
`;

/** A surveillance report whose NCs are separate 不符合项报告 forms, one per page (department, finding under its label,
 * "不符合…标准 7.1.3 条款", 不符合性质), the date range with the end's year and month left out (15日～16日), the deadline
 * inside a sentence before 完成纠正措施, a total said to be all of one kind, and no 报告日期 but a closing 日期. */
export const NCR_FORMS_REPORT = `中联认证中心（北京）有限公司
质量管理体系监督审核报告

组织名称：东莞市鼎盛塑胶制品有限公司
报告编号：ZL-QS-2024-1186
审核类型：第一次监督审核
审核日期：2024年7月15日～16日
审核依据：GB/T 19001-2016/ISO 9001:2015
认证范围：塑胶注塑件的生产
生产地址：广东省东莞市长安镇乌沙社区兴发南路 18 号
员工人数：员工 120 人

审核组组成
序号\t姓名\t组内职务\t资格\t注册证书编号\t专业代码
1\t何丽\t组长\t高级审核员\t2016-N1QMS-1022334\t14.02.01
2\t郑伟\t组员\t审核员\t2019-N1QMS-2233445\t



不符合项报告
受审核方：东莞市鼎盛塑胶制品有限公司\t编号：NCR-01
受审核部门：注塑车间  审核员：何丽
不符合事实描述：
抽查注塑车间3号注塑机《设备点检表》，2024年7月8日至12日无点检记录。
不符合 GB/T 19001-2016 标准 7.1.3 条款
不符合性质：一般
审核组长：何丽\t受审核方代表：李明\t日期：2024年7月16日



不符合项报告
受审核方：东莞市鼎盛塑胶制品有限公司\t编号：NCR-02
受审核部门：品质部  审核员：郑伟
不符合事实描述：
来料检验规程规定抽样按GB/T 2828.1执行，现场抽查两批原料未按规定抽样。
不符合 GB/T 19001-2016 标准 8.6 条款
不符合性质：一般
审核组长：何丽\t受审核方代表：李明\t日期：2024年7月16日



审核结论
本次审核共发现不符合项2项，均为一般不符合项。
组织应在2024年8月15日前完成纠正措施并提交验证材料。
审核组推荐保持认证注册。
审核组长：何丽\t日期：2024年7月16日
`;

export const AUDIT_NOTICE = `华信认证中心有限公司

管理体系审核通知书

致：苏州恒达精密机械有限公司

我中心拟于2024年3月5日至3月6日对贵单位进行监督审核，请贵单位做好准备。

审核组成员：
组长：王建国 2019-N2EMS-1234567
组员：李梅

审核范围：精密机械零部件的加工

审核日程安排见附件审核计划。

此致
敬礼
`;

export const INVOICE = `江苏增值税专用发票

发票代码：032001900104
购买方名称：苏州恒达精密机械有限公司
纳税人识别号：91320506MA1MXXXX
货物或应税劳务、服务名称\t金额\t税率\t税额
*认证服务*管理体系认证费\t18867.92\t6%\t1132.08
价税合计（大写）贰万元整
销售方：华信认证中心有限公司
开票日期：2024年03月07日
`;

export const LETTER = `关于证书信息变更的函

尊敬的苏州恒达精密机械有限公司：

贵单位申请的证书地址变更已办理完毕，新证书将于近日寄出。

此致
敬礼

华信认证中心有限公司
2024年4月1日
`;
