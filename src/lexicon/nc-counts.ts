/**
 * How a report states its nonconformities' counts and severities in words: 严重不符合项（0）项, 一般不符合：2,
 * 未发现不符合项, 共发现不符合项 3 项，均为一般不符合, and what makes a list something other than NCs (建议, 观察).
 * The noun itself (不符合, 不合格) is NONCONFORMITY_WORDS (src/lexicon/tables.ts). Data only; src/parse/fields/
 * nonconformities.ts, nc-list.ts and src/parse/normalize/severity.ts read it. Latin words match in any case.
 */

/** The English noun's stem: a line holding it speaks of NCs (nonconformity, nonconformities). */
export const NONCONFORMITY_STEMS_EN: readonly string[] = ["nonconform"];

/** Severity words (ISO/IEC 17021-1's major and minor nonconformities). */
export const NC_SEVERITY = {
  major: ["严重", "重大"],
  minor: ["轻微", "一般", "次要"],
  majorEn: ["major"],
  minorEn: ["minor"],
  /** Severity words that are no everyday words: a line holding one speaks of NCs (一般 alone does not). */
  distinctive: ["严重", "轻微"],
  /** A word that names a major NC only as a count's label (主要不符合项：0); alone it is an everyday word. */
  majorInCountLabel: ["主要"],
} as const;

export const NC_COUNT_WORDS = {
  /** After the noun: 不符合项. */
  item: "项",
  /** 不符合项数量, 不符合项数. */
  amount: ["数量", "数"],
  units: ["项", "个", "条", "份", "处"],
  /** A count that is none: 严重不符合：无. */
  none: ["无"],
  /** A count of zero written out. */
  zero: ["0", "零"],
  /** A statement that none was found: 未发现不符合项, 未开具严重不符合. */
  notFound: ["未发现", "未开具", "未开出"],
  /** Other words that deny NCs before the noun, in a list's lead line (没有不符合, 无任何不符合). */
  denials: ["没有", "无"],
  /** 未发现任何不符合. */
  any: "任何",
  /** 共发现 3 项 / 发现 3 项: the verbs of finding, and the word of a total. */
  found: ["发现", "开出", "开具", "提出"],
  total: "共",
  /** …，均为一般不符合: every one of the total is of one kind. */
  allOf: ["均为", "全部为", "都是", "均属"],
  /** A lead line speaking of these lists something other than NCs. */
  notNcs: ["建议", "观察", "改进", "机会"],
} as const;
