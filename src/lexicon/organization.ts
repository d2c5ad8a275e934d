/**
 * The wording around an audited organisation's facts: how its name ends, what a report prints between a label and
 * its value, the words of a contact block, of a headcount and of a scope section's title. Data only;
 * src/parse/fields/header.ts and organization.ts read it. Latin words match in any case.
 */

/** The last words of an organisation's name (有限公司, 研究院, Co., Ltd.). Longer endings first; in Latin ones the
 * stops, commas and spaces may be left out (Co.,Ltd, Co Ltd). */
export const ORGANIZATION_NAME_ENDINGS: readonly string[] = [
  "有限责任公司",
  "股份有限公司",
  "有限公司",
  "公司",
  "集团",
  "厂",
  "研究院",
  "设计院",
  "医院",
  "学院",
  "学校",
  "大学",
  "中心",
  "研究所",
  "事务所",
  "合作社",
  "协会",
  "局",
  "站",
  "店",
  "Co., Ltd.",
  "Inc.",
  "Company",
  "Limited",
];

/** A short name the report goes on to use, in brackets after the full one: （以下简称“新锐包装”）. */
export const SHORT_NAME_WORDS: readonly string[] = ["以下简称", "以下称", "下称", "简称"];

/** Words that never stand in a name: a value holding one is another label's (审核日期, 签字). */
export const NOT_IN_NAME_WORDS: readonly string[] = ["审核", "签字", "日期"];

/** A body's imprint after its name at the foot of a form: 华夏认证中心有限公司 编制. */
export const IMPRINT_WORDS: readonly string[] = ["编制", "印制", "制定", "编印", "Prepared by"];

/** The endings of a company name that a certification body repeats in its boilerplate, and the word its own name
 * holds (认证). */
export const REPEATED_BODY_NAME = {
  endings: ["有限责任公司", "有限公司", "认证中心"],
  holds: "认证",
} as const;

/** A section whose title states the scope: 四、认证范围的表述. */
export const SCOPE_SECTION_TITLE = {
  heads: ["认证范围", "审核范围"],
  tails: ["的表述", "表述", "描述"],
} as const;

/** The scope label of this audit, preferred over the certificate's scope where a report prints both. */
export const AUDIT_SCOPE_LABEL = "审核范围";

/** A value that says there is none: 临时场所：无. */
export const NONE_WORDS: readonly string[] = ["无"];

/** A contact block's words (the body's own 地址 stands among them); Chinese ones may be spaced (电 话). */
export const CONTACT_WORDS: readonly string[] = [
  "电话",
  "传真",
  "邮编",
  "邮箱",
  "官网",
  "网址",
  "Tel",
  "Fax",
  "E-mail",
  "Email",
];

/** A headcount in words: who is counted, the unit, the words of a total, and the labels of the employee total. */
export const HEADCOUNT_WORDS = {
  subjects: ["员工", "人员", "人数", "职工"],
  units: ["人", "名"],
  totals: ["共计", "合计", "总计", "总共", "共有"],
  /** A count under one of these is the labelled total (员工总人数：120人). */
  labelled: ["总人数", "员工人数", "员工总数"],
  /** A label that says a total only with its colon (人数：120人). */
  labelledWithColon: ["人数"],
} as const;
