/**
 * What tells an audit report from the other papers of a certification file (audit notices and plans, invoices,
 * letters): title words and body wording, each body cue weighted by how strongly it speaks. Data only;
 * src/parse/classify.ts reads it. Latin words match in any case and without spaces (titles are compared in their
 * match form).
 */

/** A title that names an audit report. */
export const REPORT_TITLE_WORDS: readonly string[] = ["审核报告", "auditreport"];

/** A title's head: a short title line that ends in the head and one more character is a report title whose last
 * character OCR misread (审核报后, 审核报司). */
export const REPORT_TITLE_HEADS: readonly string[] = ["审核报"];

/** A phrase whose two parts may stand apart: 请贵单位 … 准备 (up to `PHRASE_GAP` characters between). */
export interface Phrase {
  readonly first: string;
  readonly later: readonly string[];
}

/** Characters that may stand between the two parts of a phrase. */
export const PHRASE_GAP = 20;

export interface Cue {
  readonly words: readonly string[];
  /** Words that count only at the end of a title (函 of 邀请函, not of 函数). */
  readonly endings?: readonly string[];
  readonly phrases?: readonly Phrase[];
  readonly weight: number;
  /** Shown as the classification's evidence. */
  readonly why: string;
}

/** Titles of the papers that are not audit reports. */
export const OTHER_TITLES: readonly Cue[] = [
  {
    words: ["审核通知", "审核计划", "auditplan", "auditnotice", "通知书"],
    weight: 4,
    why: "audit notice/plan title",
  },
  { words: ["发票", "invoice", "收据"], weight: 4, why: "invoice title" },
  { words: ["尊敬的", "致函", "邀请函"], endings: ["函"], weight: 4, why: "letter" },
];

/** Wording of a report's body. */
export const REPORT_CUES: readonly Cue[] = [
  { words: ["审核组成员", "审核组组成", "审核组"], weight: 1, why: "audit team" },
  { words: ["审核结论", "审核组推荐", "推荐意见", "推荐认证"], weight: 2, why: "conclusion/recommendation" },
  { words: ["不符合项", "不符合"], weight: 1, why: "nonconformities" },
  { words: ["审核发现", "审核综述"], weight: 1, why: "findings" },
  { words: ["审核范围", "认证范围"], weight: 1, why: "scope" },
  { words: ["有效性评价", "运行情况"], weight: 1, why: "evaluation" },
];

/** Wording of the other papers' bodies. */
export const OTHER_CUES: readonly Cue[] = [
  { words: ["价税合计", "税额", "开票", "纳税人识别号", "发票代码"], weight: 4, why: "invoice wording" },
  {
    words: ["审核日程", "审核安排"],
    phrases: [
      { first: "请贵单位", later: ["准备", "安排"] },
      { first: "拟于", later: ["进行审核", "实施审核"] },
    ],
    weight: 2,
    why: "upcoming-audit wording",
  },
  { words: ["此致", "敬礼"], weight: 1, why: "letter wording" },
];

/** What a page prints at its head or foot: its number and count (第1页 共3页, 共3页 第1页, Page 1 of 3) and a form's
 * code with its version (表单编号：… 版本：…). */
export const PAGE_FURNITURE_WORDS = {
  nth: "第",
  page: "页",
  total: "共",
  pageEn: "Page",
  ofEn: "of",
  formCodeLabels: ["表单编号", "文件编号", "记录编号"],
  versionWords: ["版本", "版次"],
} as const;
