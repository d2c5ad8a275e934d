/**
 * Label families: every wording a report body uses for one record field or table column, Chinese and English.
 * Data only. New wording goes here and nowhere else; the matcher (src/parse/text/labels.ts) reads it.
 *
 * A family listed under RIVAL_FAMILIES names something no field reads (上次审核日期): it exists so that a label of
 * that meaning is told apart from its neighbour (下次审核日期) instead of being taken for it.
 */

export interface LabelFamily {
  readonly zh: readonly string[];
  readonly en: readonly string[];
}

export const LABEL_FAMILIES = {
  reportNumber: {
    zh: ["报告编号", "项目编号", "报告编码", "审核报告编号", "项目代码", "合同编号", "档案编号"],
    en: [
      "Report No",
      "Project No",
      "Report Number",
      "Audit Report No",
      "Ref. No",
      "Reference No",
      "Audit No",
    ],
  },
  organization: {
    zh: [
      "受审核方名称",
      "受审核组织名称",
      "组织名称",
      "受审核方",
      "受审核组织",
      "被审核组织",
      "申请组织",
      "客户名称",
      "企业名称",
      "受审核单位",
      "被审核单位",
      "被审核方",
      "受审核企业",
      "认证委托人",
      "申请方",
      "申请单位",
      "获证组织",
      "获证组织名称",
    ],
    en: [
      "Organization",
      "Auditee",
      "Client",
      "Organisation",
      "Name of Organization",
      "Name of Organisation",
      "Audited Organization",
      "Company Name",
      "Client Name",
    ],
  },
  certificationBody: { zh: ["认证机构名称", "认证机构"], en: ["Certification Body"] },
  reportDate: {
    zh: ["报告日期", "报告编制日期", "编制日期", "报告签发日期", "报告完成日期"],
    en: ["Report Date", "Date of Report", "Date of Issue", "Issue Date", "Report Issue Date"],
  },
  auditDates: {
    zh: [
      "审核时间",
      "审核日期",
      "现场审核时间",
      "现场审核日期",
      "审核起止日期",
      "审核起止时间",
      "审核实施日期",
      "审核实施时间",
      "现场审核起止日期",
      "现场审核起止时间",
      "第二阶段审核日期",
      "二阶段审核日期",
      "现场工作日期",
      "本次审核日期",
      "本次审核时间",
      "本次审核起止日期",
      "本次现场审核日期",
      "本次现场审核时间",
    ],
    en: [
      "Audit Date",
      "Audit Dates",
      "Audit Date(s)",
      "Date(s) of Audit",
      "Dates of Audit",
      "Date of Audit",
      "On-site Audit Date",
      "On-site Audit Dates",
      "Audit Period",
      "Date of Assessment",
    ],
  },
  coverage: {
    zh: ["审核覆盖时期", "审核覆盖期", "审核覆盖期间", "覆盖时期", "覆盖期间", "体系覆盖时期", "运行考察期"],
    en: [
      "Period Covered",
      "Audit Coverage Period",
      "Coverage Period",
      "Period under Review",
      "Period Audited",
    ],
  },
  scope: {
    zh: ["审核范围", "认证范围", "申请认证范围", "认证范围的表述", "认证覆盖范围"],
    en: [
      "Audit Scope",
      "Scope",
      "Scope of Certification",
      "Certificate Scope",
      "Certification Scope",
      "Recommended Scope",
      "Scope Recommended",
      "Scope Confirmed",
    ],
  },
  founded: {
    zh: ["组织成立时间", "成立时间", "成立日期", "组织成立日期", "注册成立日期", "工商注册日期"],
    en: ["Date of Establishment", "Date Founded", "Established", "Founded", "Date of Incorporation"],
  },
  implemented: {
    zh: [
      "体系实施时间",
      "体系运行时间",
      "体系实施日期",
      "体系建立时间",
      "管理体系实施时间",
      "体系运行日期",
      "体系运行起始日",
    ],
    en: [
      "System Implemented Since",
      "MS Implementation Date",
      "Date of System Implementation",
      "System Implementation Date",
      "Management System Implemented",
    ],
  },
  rectification: {
    zh: [
      "不符合项整改时限",
      "整改时限",
      "整改期限",
      "整改完成时间",
      "纠正措施完成期限",
      "整改截止日期",
      "纠正措施期限",
      "纠正措施完成时间",
      "纠正措施应于",
      "纠正措施应在",
      "整改应于",
      "整改应在",
    ],
    en: [
      "Corrective Action Due Date",
      "Corrective Actions Due",
      "Deadline for Corrective Actions",
      "Deadline for Corrective Action",
      "CA Response Due",
      "Corrective Action Deadline",
    ],
  },
  nextAudit: {
    zh: [
      "下次现场审核日期",
      "下次审核日期",
      "下次监督审核日期",
      "下次审核时间",
      "下次监督审核时间",
      "下次监督审核",
      "下次现场审核",
      "下一次审核",
      "下次审核",
      "后续审核安排",
    ],
    en: ["Next Audit Date", "Next Audit Due", "Date of Next Audit", "Next Surveillance Audit", "Next Audit"],
  },
  standards: {
    zh: ["管理体系标准", "审核准则", "审核依据", "认证依据", "认证标准", "依据标准", "审核标准", "适用标准"],
    en: ["Audit Criteria", "Audit Standards", "Standards", "Standard", "Standard(s)", "Reference Standard"],
  },
  sites: {
    zh: [
      "注册地址",
      "办公地址",
      "经营地址",
      "生产地址",
      "生产经营地址",
      "审核地址",
      "现场地址",
      "多场所地址",
      "临时场所",
      "受审核组织地址",
      "受审核方地址",
      "经营场所",
      "生产场所",
      "办公场所",
      "受审核场所",
      "审核场所",
      "场所地址",
      "营业执照地址",
    ],
    en: [
      "Registered Address",
      "Legal Address",
      "Operating Address",
      "Site Address",
      "Business Address",
      "Office Address",
      "Production Address",
    ],
  },
  headcount: {
    zh: ["员工总人数", "员工人数", "总人数", "人数", "有效人数", "人员数量", "在册职工数"],
    en: [
      "Number of Employees",
      "No. of Employees",
      "Headcount",
      "Effective Number of Personnel",
      "Number of Personnel",
    ],
  },
  auditType: {
    zh: ["审核类型", "审核类别", "审核性质", "审核项目类型"],
    en: ["Audit Type", "Type of Audit", "Audit Category"],
  },
  // Rivals: read by no field, present so their labels are never taken for a neighbour's.
  previousAudit: {
    zh: [
      "上次审核日期",
      "上次审核时间",
      "上次审核",
      "上一次审核",
      "上次监督审核",
      "前次审核",
      "前次审核结束日期",
    ],
    en: ["Last Audit", "Previous Audit", "Last Audit Date", "Date of Last Audit", "Previous Audit Date"],
  },
  thisAudit: { zh: ["本次审核"], en: [] },
} as const satisfies Record<string, LabelFamily>;

export type LabelFamilyId = keyof typeof LABEL_FAMILIES;

/** Families that exist only to be told apart from their neighbours. */
export const RIVAL_FAMILIES: readonly LabelFamilyId[] = ["previousAudit", "thisAudit"];

/**
 * Words that tell neighbouring labels apart. A label holding one of them is never matched, with any number of
 * errors, where the text holds another word of the same set instead: OCR noise in a label may be forgiven, a
 * change of this word never is (上次审核日期 is not 下次审核日期 read with one error).
 */
export const DISTINGUISHING_WORDS: readonly (readonly string[])[] = [
  ["上次", "本次", "下次", "上一次", "下一次", "前次"],
  ["开始", "结束", "起止"],
  ["组长", "组员", "副组长"],
  ["一阶段", "二阶段"],
  ["成立", "实施", "运行", "建立"],
  // English forms' neighbours: Last Audit Date is not Next Audit Date read with errors.
  ["last", "previous", "next"],
];

/**
 * Words that may stand between a range label and its dates, or between the two dates, without changing what the
 * range is (审核覆盖期间：自上次审核结束（2023年5月6日）至本次审核结束（2024年5月8日）). The range reader reads past
 * them as if they were blank.
 */
export const RANGE_FILLERS: readonly string[] = ["上次审核结束", "本次审核结束"];

/** Words of which a site label holds at least one (地址, 场所, Address, Site): a near match of a site label without any
 * is another label (受审核组织（Auditee） read for 受审核组织地址). Compared in label form (no spaces, lower case);
 * "adr" keeps an English label OCR misspelt (Adress). */
export const SITE_PLACE_WORDS: readonly string[] = [
  "地",
  "址",
  "所",
  "场",
  "addr",
  "adr",
  "site",
  "premises",
];

/** Words that open a range before its first date or its first label (自上次审核结束（…）, from …). */
export const RANGE_OPENERS: readonly string[] = ["自", "从", "from"];

/** Words between a range's two ends (自A至B): after a single readable date they say its end was not read. */
export const RANGE_TO_WORDS: readonly string[] = ["至", "到"];

/** Words before an audit-dates label that make it the dates of another audit: the next one, a stage 1, a period
 * covered, or a plan (建议二阶段审核时间 in a stage-1 report). */
export const OTHER_AUDIT_DATE_WORDS: readonly string[] = [
  "下次",
  "下一次",
  "一阶段",
  "覆盖",
  "计划",
  "拟",
  "建议",
  "预计",
  "预定",
  "安排",
];

/** Words that make a bare 日期 the end of another date's label (审核日期, 起止日期, 成立日期 …), not the report's date. */
export const DATE_LABEL_HEADS: readonly string[] = [
  "审核",
  "起止",
  "成立",
  "实施",
  "发布",
  "注册",
  "颁证",
  "发证",
  "有效",
  "到期",
  "截止",
  "完成",
  "开始",
  "结束",
  "计划",
  "下次",
  "监督",
  "整改",
];

/** Words that join a label to its value: 认证范围为：…, 经营范围是…. */
export const COPULAS: readonly string[] = ["为", "是"];
