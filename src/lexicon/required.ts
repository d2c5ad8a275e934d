import { LABEL_FAMILIES, type LabelFamilyId } from "./labels.ts";

/**
 * The content ISO/IEC 17021-1 9.4.8 requires in an audit report, as the words that show each item printed.
 * Data only; the parser (src/parse/index.ts, which records the items whose words it finds anywhere in the
 * document) and REQ-MISSING (src/rules/required.ts) read it.
 *
 * An item is printed when a label of one of its `families` (src/lexicon/labels.ts) or one of its `marks`
 * appears: a mark is a label no field reads (审核目的), or the item's own wording where reports print it
 * without a label (a certification body's name as the letterhead, a standard's number, the audit-type words).
 */

/** The part of a report that holds an item: absence is asserted only where that part was read. */
export type RequiredPart = "header" | "team" | "objectives" | "findings" | "conclusion";

export interface RequiredItem {
  /** How flags name the item (user text). */
  readonly name: string;
  readonly families: readonly LabelFamilyId[];
  readonly marks: readonly string[];
  /** Wording too varied for fixed words, as regular expressions over a line's text without spaces. */
  readonly patterns?: readonly string[];
  readonly part: RequiredPart;
}

export const REQUIRED_ITEMS = {
  certificationBody: {
    name: "认证机构",
    families: ["certificationBody"],
    marks: ["质量认证", "Certification"],
    // Its name as the letterhead: 北京国标联合认证有限公司, 中检联合认证（深圳）有限公司, 中国质量认证中心.
    patterns: ["认证.{0,8}(?:有限公司|中心|集团)"],
    part: "header",
  },
  organization: { name: "受审核方", families: ["organization"], marks: ["被审核"], part: "header" },
  auditType: {
    name: "审核类型",
    families: ["auditType"],
    marks: [
      "一阶段",
      "二阶段",
      "初次认证",
      "监督审核",
      "再认证",
      "复评",
      "Stage 1",
      "Stage 2",
      "Surveillance",
      "Recertification",
    ],
    part: "header",
  },
  standards: {
    name: "审核准则",
    families: ["standards"],
    marks: ["19001", "9001", "14001", "24001", "45001", "22000", "27001", "20000", "50001", "50430"],
    part: "header",
  },
  scope: { name: "审核范围", families: ["scope"], marks: [], part: "header" },
  sites: { name: "审核场所", families: ["sites"], marks: ["地址", "Address", "Site"], part: "header" },
  auditStart: { name: "审核开始日期", families: ["auditDates"], marks: [], part: "header" },
  auditEnd: { name: "审核结束日期", families: ["auditDates"], marks: [], part: "header" },
  recommendation: { name: "推荐意见", families: [], marks: ["推荐", "Recommend"], part: "conclusion" },
  objectives: { name: "审核目的", families: [], marks: ["审核目的", "Objective"], part: "objectives" },
  teamLeader: {
    name: "审核组长",
    families: [],
    marks: ["组长", "Team Leader", "Lead Auditor"],
    part: "team",
  },
  team: {
    name: "审核组",
    families: [],
    marks: ["审核组", "组长", "组员", "审核员", "Audit Team", "Team Leader", "Auditor"],
    part: "team",
  },
  registrationNo: {
    name: "注册证书号",
    families: [],
    marks: ["注册证书", "注册号", "证书号", "注册编号", "Registration"],
    // A CCAA registration number itself (2015-N1QMS-8491365), printed where the column heading was not read.
    patterns: ["(?:19|20)\\d{2}-?[A-Z0-9]{0,3}(?:QMS|EMS|OHS|ENMS|FSMS|HACCP|ISMS|ITSMS)"],
    part: "team",
  },
  findings: { name: "审核发现", families: [], marks: ["审核发现", "不符合", "Finding"], part: "findings" },
} as const satisfies Record<string, RequiredItem>;

export type RequiredItemId = keyof typeof REQUIRED_ITEMS;

export const REQUIRED_ITEM_IDS = Object.keys(REQUIRED_ITEMS) as RequiredItemId[];

export function requiredPatternsOf(id: RequiredItemId): RegExp[] {
  const item: RequiredItem = REQUIRED_ITEMS[id];
  return (item.patterns ?? []).map((p) => new RegExp(p, "iu"));
}

/** Every word that shows an item printed: its families' labels (Chinese and English), then its marks. */
export function requiredLabelsOf(id: RequiredItemId): string[] {
  const item: RequiredItem = REQUIRED_ITEMS[id];
  const families = item.families.flatMap((f) => [...LABEL_FAMILIES[f].zh, ...LABEL_FAMILIES[f].en]);
  return [...new Set([...families, ...item.marks])];
}

/** Section titles of each part a report gives a section of its own (the header has none: it is read when its
 * fields are). */
export const REQUIRED_PART_TITLES: Record<Exclude<RequiredPart, "header">, readonly string[]> = {
  team: ["审核组", "审核人员", "审核综述", "审核概况", "审核概述", "基本信息", "Audit Team"],
  objectives: ["审核目的", "审核综述", "审核概况", "审核概述", "基本信息", "审核信息", "Objective"],
  findings: ["发现", "审核情况", "审核结果", "评价", "不符合", "Finding"],
  conclusion: ["结论", "推荐", "Conclusion", "Recommend"],
};

/** A section titled with one of these words that holds text states findings (一阶段审核发现的问题). */
export const FINDINGS_TITLE_WORDS: readonly string[] = ["发现"];

/** Tick groups (id or label) that carry an item: an unread box with its options found is printed, not absent. */
export const REQUIRED_GROUP_WORDS: Partial<Record<RequiredItemId, readonly string[]>> = {
  recommendation: ["recommend", "推荐"],
  auditType: ["audittype", "审核类型"],
};
