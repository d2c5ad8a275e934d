/**
 * Words the QA rules read in a report's own text (not option words: src/lexicon/options.ts; not field labels:
 * labels.ts). Data only; src/rules reads it, the rules config (src/rules/config.ts) takes its defaults from it.
 */

/** Sections whose title says they are the body's template pages (说明, 承诺): never searched or compared. */
export const BOILERPLATE_SECTIONS: readonly string[] = ["说明", "承诺", "关注的事项", "声明", "须知"];

/** Lines that are form template, not narrative (option lists, the 临时场所 prompt, box glyphs). */
export const TEMPLATE_LINES: readonly string[] = ["审核体系", "临时场所", "□", "■", "☑", "☐", "<input"];

/** Words showing a section's text is not wholly positive (CHK-VS-NARRATIVE, 3.x 不符合). */
export const NEGATIVE_MARKERS: readonly string[] = [
  "不符合",
  "不满足",
  "不清楚",
  "不了解",
  "不足",
  "不完善",
  "不规范",
  "不到位",
  "缺少",
  "缺乏",
  "欠缺",
  "未能",
  "未按",
  "未对",
  "未进行",
  "未提供",
  "未建立",
  "未保持",
  "未及时",
  "未识别",
  "未实施",
  "需加强",
  "有待",
  "问题",
  "基本",
];

/** Tick groups where several ticks are legitimate (an integrated audit ticks several systems). */
export const MULTI_TICK_GROUPS: readonly string[] = ["managementSystems", "审核体系", "systems"];

/** Lines of the NC summary (审核中提出…不符合项, 涉及部门/条款): they name departments by form, not as findings. */
export const NC_SUMMARY_WORDS: readonly string[] = ["涉及部门", "不符合项"];

/** Auditor grades (注册级别) that do not count towards audit time, and the words of one who does. */
export const GRADE_WORDS = {
  trainee: ["实习", "trainee"],
  notAuditor: ["实习", "trainee", "专家", "expert", "观察", "向导"],
  auditor: ["审核员", "auditor"],
} as const;

/** Half days as printed with audit dates (2023年5月6日上午, 8:30 AM), and what stands between a range's ends. */
export const HALF_DAY = {
  morning: ["上午", "AM"],
  afternoon: ["下午", "PM"],
  rangeSeparators: ["至", "到", "~", "—", "–"],
} as const;

/** DATE-NARRATIVE: how narrative states dates. */
export const NARRATIVE_DATES = {
  /** 自2023年4月体系建立以来: verbs of the claim (建立 says when the system began; 运行/实施 may start later). */
  sinceVerbs: ["建立", "运行", "实施"],
  establishedVerb: "建立",
  since: "以来",
  /** 2023年上半年 / 下半年. */
  firstHalf: "上",
  secondHalf: "下",
  /** A date right after these is meant to lie ahead (a deadline, a plan, the next audit). */
  intentBefore: [
    "计划",
    "拟",
    "将",
    "预计",
    "建议",
    "安排",
    "预定",
    "应在",
    "期限",
    "有效期",
    "截止",
    "下次",
    "至",
    "到",
  ],
  /** …within the ten characters before it. */
  intentNear: ["计划", "拟", "预计", "建议", "安排", "预定", "下次", "期限", "有效"],
  /** …and these right after it (2023年11月13日前提交). */
  intentAfter: ["前", "之前", "以前"],
  /** A date after a signature or a signer's role is when the report was signed, which follows the audit. */
  signed: ["签字", "签名", "签发", "日期", "组长", "组员", "成员", "审核组", "批准", "审批", "编制", "报告"],
  /** English-first forms (issue 24): the same two kinds of words, compared in lower case within the thirty
   * characters before the date (English labels run longer: Deadline for Corrective Actions 2025-05-06, Next
   * Surveillance Audit …, Date 2025-04-17). */
  intentNearEn: ["due", "deadline", "next", "planned", "until", "corrective", "surveillance"],
  signedEn: ["date", "signed", "leader", "approved", "issue"],
} as const;

/** Labels before a bank account or card number (PII-ID-NUMBER: other 16–19 digit runs are not accounts). */
export const ACCOUNT_LABELS: readonly string[] = ["账号", "账户", "卡号", "帐号", "帐户"];

/** ID-number labels before a truncated number whose mask OCR lost (证件号码6224251983031). */
export const ID_LABELS: readonly string[] = ["身份证号", "身份证", "证件号码", "证件号"];

/** GB/T 19001 clause prefixes an evaluated section (3.x, 2.x) covers, by words of its title. First match wins, most
 * specific first: "内部审核、管理评审的有效性评价" must not fall into a generic row, "管理体系的策划" (one template's 3.1:
 * context, leadership, planning) not into the bare "策划" (another template's 2.2: clause 6 only). 9.1 is left out of
 * "产品实现…监测和绩效": templates disagree on where monitoring belongs. */
export const SECTION_CLAUSES: readonly {
  readonly words: readonly string[];
  readonly clauses: readonly string[];
}[] = [
  { words: ["内部审核", "管理评审"], clauses: ["9.2", "9.3"] },
  { words: ["绩效评价"], clauses: ["9"] },
  { words: ["持续改进", "纠正措施", "改进"], clauses: ["10"] },
  { words: ["支持", "资源", "能力", "意识", "文件化信息"], clauses: ["7"] },
  { words: ["产品实现", "过程和活动", "运行"], clauses: ["8"] },
  { words: ["管理体系的策划"], clauses: ["4", "5", "6"] },
  { words: ["组织环境", "领导"], clauses: ["4", "5"] },
  { words: ["策划", "风险和机遇", "目标"], clauses: ["6"] },
];
