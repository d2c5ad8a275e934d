/**
 * Facts stated in sentences instead of a form's cells (prose reports: 华夏认证, 兴原认证, 中质协 CAQ, 新世纪, 赛宝,
 * 方圆 write stage-2 and surveillance reports as numbered paragraphs). Data only: the readers are
 * src/parse/text/sentences.ts, src/parse/fields/team-prose.ts, dates-prose.ts and recommendation.ts.
 *
 * Wording seen in such reports (issue 24):
 *   审核组由组长张三（高级审核员，注册号：…）、审核员李四（…）及技术专家王五（…）组成
 *   本次审核由张三担任审核组长（…），李四（…）、王五（…）为审核组成员；赵六作为受审核方向导陪同审核
 *   审核组成员如下：组长张三，高级审核员，注册号…；组员李四，…
 *   审核组于2024年3月12日至14日对…进行了现场审核 / 本次监督审核的现场审核时间为…
 *   现场审核共投入6个审核人日 / 本次审核人日数为4.5人日 / 审核时间共计3人·日
 *   本次审核覆盖自上次审核末次会议（…）起至本次审核末次会议（…）止 / 审核覆盖了…自A以来至B的…运行情况
 *   审核组一致认为，…运行有效，推荐保持认证注册 / 待不符合项的纠正措施经审核组长验证有效后，推荐…
 */

/** What ends a sentence: facts are read sentence by sentence, never across these. */
export const SENTENCE_ENDS: readonly string[] = ["。"];

export const PROSE_TEAM = {
  /** Words naming the role of the person written right after them (组长张三, 审核员李四, 向导：赵六). Longest
   * first; the role itself is the lexicon's TEAM_ROLE_WORDS reading of the word, a grade word also gives the grade. */
  before: [
    "审核组组长",
    "审核组成员",
    "审核组长",
    "高级审核员",
    "实习审核员",
    "技术专家",
    "审核员",
    "观察员",
    "组长",
    "组员",
    "向导",
  ],
  /** Words giving a role to the names written before them (张三担任审核组长, 李四、王五为审核组成员). */
  assign: ["担任", "作为", "为"],
  /** Words that may stand between such a verb and its role word (作为受审核方向导). */
  assignFillers: ["受审核方", "受审核组织", "审核组"],
  /** Words after which a list of names starts inside a clause (本次审核由张三担任…, 受审核方指派赵六担任向导). */
  listOpeners: ["由", "指派", "委派", "安排"],
  /** Words joining the names of one list. */
  joiners: ["、", "及", "和", "以及"],
  /** Words a name runs into when nothing separates them (李四组成, 张三带领). */
  nameEnders: ["担任", "组成", "带领", "作为", "参加", "随组", "陪同", "为"],
  /** What separates the clauses of a team sentence (a role given after a list reaches back to one of these). */
  clauseEnds: ["，", "；", ",", ";", "：", ":"],
  /** What ends all that is written about one person (their remark may hold commas, never these). */
  groupEnds: ["；", ";", "。"],
} as const;

/** Sentences stating when this audit was done on site: one of these words and a date range (or one date). */
export const PROSE_AUDIT_DATES = {
  cues: ["现场审核", "实施了", "进行了"],
  /** A sentence with one of these is about another audit or a plan (第一阶段, 下次, 覆盖期, 拟于…). */
  notThisAudit: ["一阶段", "覆盖", "下次", "下一次", "上次", "拟", "预计", "建议", "计划于"],
  /** Events of the organisation's own system: a range whose clauses name one is that event's dates (于A实施了内部审核，
   * 于B实施了管理评审), while a sentence about this audit may name them as what was audited (…进行了现场审核，查阅了内部
   * 审核记录). */
  otherEvents: ["内部审核", "内审", "管理评审"],
  /** What ends a clause: the clauses a range stands in are its own. */
  clauseEnds: ["，", ",", "；", ";"],
} as const;

/** Sentences naming stage 1 and its dates (第一阶段审核已于A完成 / 审核组于A实施了第一阶段审核). */
export const PROSE_STAGE1 = {
  cues: ["一阶段"],
  not: ["二阶段"],
  done: ["完成", "实施了", "进行了"],
} as const;

/** Sentences stating the period the audit covers: the word, then exactly two dates, whatever words stand between
 * and around them (自上次审核末次会议（A）起至本次审核末次会议（B）止 / 自A以来至B). */
export const PROSE_COVERAGE = { cues: ["覆盖"] } as const;

/** The organisation's founding and its system's start told in a sentence: a date right after the founding words
 * (…有限公司成立于2016年8月20日), a date followed by 起 in a sentence about running the system
 * (组织于2022年10月20日起按标准运行管理体系 / 组织自二〇二一年三月一日起运行管理体系). */
export const PROSE_ORGANISATION = {
  founded: ["成立于"],
  implemented: ["运行管理体系", "按标准运行", "建立并运行", "实施管理体系"],
  since: ["起"],
} as const;

/** Sentences stating the recommendation (no boxes): an unconditional statement, a condition that turns it into
 * "after correction", a refusal. Compared in match form (no spaces). */
export const PROSE_RECOMMENDATION = {
  recommend: [
    "推荐保持认证",
    "推荐更新认证",
    "推荐认证注册",
    "推荐通过认证",
    "推荐再认证",
    "建议保持其认证",
    "建议保持认证",
    "建议更新其认证",
    "建议更新认证",
    "建议批准其认证",
    "建议批准认证",
    "予以认证注册",
    "保持认证注册",
    "更新认证注册",
    "同意推荐",
  ],
  /** Words of a condition: something about the NCs, then verified, then 后 before the statement. */
  conditionSubjects: ["不符合", "纠正措施", "整改", "纠正"],
  conditionVerified: ["验证有效", "验证关闭", "验证", "关闭"],
  conditionAfter: ["后"],
  /** Words that make a sentence the audit objective's question (以决定是否保持认证注册), not a statement. */
  questions: ["是否", "能否", "可否"],
  /** For a statement wrapped onto two lines (审核组推荐：不符合项整改验证有效后通过 / 认证。): a sentence with a verb of
   * recommending and, after it, what is recommended. */
  verbs: ["推荐", "建议", "同意"],
  outcomes: ["认证注册", "认证资格", "认证", "注册", "证书"],
  refusals: ["不推荐", "不予推荐", "不建议"],
  /** What separates the clauses of such a sentence. */
  clauseEnds: ["，", ",", "；", ";"],
  /** Words holding 推荐 that state nothing: the label of the recommended scope (推荐认证范围：…). */
  notStatements: ["推荐认证范围", "推荐的认证范围", "推荐范围"],
} as const;

/** A recommendation stated on a line of its own or in a conclusion's sentence, apart from PROSE_RECOMMENDATION's
 * whole phrases: the verb, what it grants (推荐认证注册, 推荐保持认证资格) or a bare object (推荐通过, 推荐换证). */
export const RECOMMENDATION_STATEMENT = {
  verb: "推荐",
  /** What is recommended, optionally before what it grants: 推荐[再认证]注册. */
  objects: ["再认证", "初次认证", "认证", "保持认证", "继续保持认证", "换证"],
  grants: ["注册", "资格", "证书"],
  /** Objects that make a statement on their own: 推荐通过, 推荐继续保持. */
  bare: ["通过", "认证", "换证", "换发证书", "保持", "继续保持"],
  refusals: ["不推荐", "不予推荐", "不建议认证", "不建议注册", "不建议推荐"],
  /** The NCs, then a word of their closure, then 后, then the verb, within a sentence: 不符合项验证关闭后推荐. */
  afterCorrection: {
    subjects: ["整改", "纠正措施", "不符合"],
    closed: ["验证", "关闭", "完成", "有效"],
    after: "后",
  },
  /** What follows a recommendation that reports what happens after it (审核组推荐认证后，…): no statement. */
  followedBy: ["之后", "后"],
} as const;

/** Words naming what kind of date a sentence states (成立, 体系运行, 取证, 上次审核, 本次审核, 下次监督 …). A date read from
 * a sentence (or a label's clause) that also holds another date and names another of these kinds may belong to that
 * other kind: the reading keeps its value at reduced confidence (src/parse/fields/dates-mixed.ts), so rules that
 * compare it say "could not check". Compared in match form (no spaces). */
export const DATE_KINDS = {
  founded: ["成立", "注册成立"],
  implemented: [
    "体系运行",
    "运行管理体系",
    "建立并运行",
    "试运行",
    "正式运行",
    "体系实施",
    "体系建立",
    "起运行",
  ],
  certificate: ["取证", "取得认证", "获得认证", "获证", "颁证", "发证", "认证证书"],
  previousAudit: ["上次", "前次", "上一次"],
  audit: ["本次审核", "本次监督", "本次再认证", "现场审核", "审核组于"],
  stage1: ["一阶段"],
  nextAudit: ["下次", "下一次"],
  coverage: ["覆盖"],
  internal: ["内部审核", "内审", "管理评审"],
  deadline: ["整改", "纠正措施"],
  report: ["报告日期", "签发"],
} as const;
export type DateKind = keyof typeof DATE_KINDS;

/** A sentence that sets the corrective-action deadline without a label (组织应在2024年8月15日前完成纠正措施): it
 * speaks of correction, not of the next audit, and its date is followed by a word of "before". */
export const DEADLINE_SENTENCE = {
  about: ["纠正", "整改"],
  notAbout: ["下次", "下一次"],
  before: ["之前", "前"],
} as const;
