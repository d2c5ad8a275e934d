/**
 * Option vocabularies: the printed words of every tick-box option group a report body uses, Chinese and English.
 * Data only. New wording goes here and nowhere else; the checkbox reader (src/parse/checkbox/vocab.ts) and the rules
 * (optionsComplete, CHK-VS-NARRATIVE's levels) read it. What OCR prints for a box (口 回 国 ☑ ...) is not wording:
 * it is a confusion of the noise model (src/noise).
 *
 * A group is exclusive (one answer) unless `multi`. `fixedOrder` groups print their options in the listed order on
 * every form (符合 / 基本符合 / 不符合), so a missing one may be recovered by its rank. `level` says how an answer
 * grades: full, partial (基本…) or negative, so 合格 and 是 answer a criterion as 符合 and 有效 do.
 */

export type OptionLevel = "full" | "partial" | "negative";

export interface OptionWord {
  /** Canonical value: "基本符合", "recommend_after_correction", "QMS", "stage2". */
  readonly value: string;
  /** Label shown in checkbox groups. */
  readonly display: string;
  readonly zh: readonly string[];
  readonly en: readonly string[];
  /** An ordinary word (其他, 50430): an option only where OCR saw a box right in front of it. */
  readonly needsBox?: true;
  readonly level?: OptionLevel;
}

export interface OptionGroupLexicon {
  readonly options: readonly OptionWord[];
  /** Several options may be ticked (the management systems audited). */
  readonly multi?: true;
  /** Printed in this order on every form: a missing option may be placed by its rank. */
  readonly fixedOrder?: true;
  /** A ticked box wrecks OCR of its own label: the one missing option of a row is recovered from junk beside it. */
  readonly recoverable?: true;
  /** Printed one option per line (a list), grouped by vertical proximity, not by row. */
  readonly listed?: true;
  /** Each option is a sentence (不符合项纠正措施验证后推荐保持认证注册) in which the lexicon's word may stand anywhere: a
   * box printed after the sentence belongs to the word inside it. */
  readonly sentences?: true;
  /** Some forms print the graded row without its middle option (合格 / 不合格, 是 / 否). */
  readonly withoutMiddle?: true;
  /** A condition anywhere in an option's whole text (both lines of a wrapped option, English or Chinese) makes the
   * option the conditional one, whatever full-grade word it also holds: "Recommended for continued certification
   * after verification of corrective actions", "…并经审核组验证有效后，推荐认证注册". */
  readonly condition?: OptionCondition;
}

export interface OptionCondition {
  /** The option's value the condition gives (recommend_after_correction). */
  readonly value: string;
  /** Phrases that state the condition on their own (compared without spaces or punctuation, upper-cased). */
  readonly phrases: readonly string[];
  /** Words in order (验证 … 后): each after the one before, anywhere in the text. */
  readonly ordered: readonly (readonly string[])[];
}

const o = (
  value: string,
  zh: readonly string[],
  en: readonly string[] = [],
  more: { display?: string; needsBox?: true; level?: OptionLevel } = {},
): OptionWord => ({ value, display: more.display ?? zh[0] ?? value, zh, en, ...more });

const graded = (
  full: string[],
  partial: string[],
  negative: string[],
  en: [string[], string[], string[]],
) => [
  o(full[0]!, full, en[0], { level: "full" }),
  o(partial[0]!, partial, en[1], { level: "partial" }),
  o(negative[0]!, negative, en[2], { level: "negative" }),
];

export const OPTION_GROUPS = {
  conformity: {
    options: graded(
      ["符合"],
      ["基本符合"],
      ["不符合"],
      [
        ["Conform", "Conforming", "Conformity"],
        ["Partly conform", "Partially conform", "Partially conforming"],
        ["Not conform", "Nonconforming", "Non-conforming", "Nonconformity"],
      ],
    ),
    fixedOrder: true,
    recoverable: true,
  },
  satisfy: {
    options: graded(
      ["满足"],
      ["基本满足"],
      ["不满足", "未满足"],
      [["Satisfied"], ["Partly satisfied"], ["Not satisfied"]],
    ),
    fixedOrder: true,
    recoverable: true,
  },
  effective: {
    options: graded(
      ["有效"],
      ["基本有效"],
      ["无效"],
      [["Effective"], ["Partly effective", "Partially effective"], ["Not effective", "Ineffective"]],
    ),
    fixedOrder: true,
    recoverable: true,
  },
  achieve: {
    options: graded(
      ["达到"],
      ["基本达到"],
      ["未达到", "没有达到"],
      [["Achieved"], ["Partly achieved"], ["Not achieved"]],
    ),
    fixedOrder: true,
    recoverable: true,
  },
  qualified: {
    options: graded(
      ["合格"],
      ["基本合格"],
      ["不合格"],
      [["Qualified", "Acceptable"], ["Partly qualified"], ["Unqualified", "Not acceptable"]],
    ),
    fixedOrder: true,
    recoverable: true,
    withoutMiddle: true,
  },
  suitable: {
    options: graded(
      ["适宜"],
      ["基本适宜"],
      ["不适宜"],
      [["Suitable"], ["Partly suitable"], ["Unsuitable", "Not suitable"]],
    ),
    fixedOrder: true,
    recoverable: true,
    withoutMiddle: true,
  },
  yesno: {
    options: [
      o("是", ["是"], ["Yes"], { level: "full" }),
      o("基本", ["基本"], ["Partly"], { level: "partial" }),
      o("否", ["否"], ["No"], { level: "negative" }),
    ],
    withoutMiddle: true,
  },
  recommendation: {
    options: [
      o(
        "recommend",
        ["推荐认证注册", "推荐注册", "推荐认证", "推荐", "同意推荐"],
        [
          "Recommend",
          "Recommended",
          "Recommended for certification",
          "Recommended for continued certification",
          "Recommend continued certification",
          "Recommended for recertification",
        ],
        {
          level: "full",
        },
      ),
      o(
        "recommend_after_correction",
        [
          "整改验证后推荐认证注册",
          "在商定的时间内",
          "在商定时间内",
          "整改后推荐",
          "验证后推荐",
          "验证有效后推荐",
          "有条件推荐",
          "暂缓推荐",
          "不符合项整改验证后推荐",
          "不符合项整改后推荐",
          "不符合项纠正措施验证后推荐",
        ],
        [
          "Recommend after correction",
          "Recommended once",
          // English forms name the condition after the verb (Recommended … after verification of corrective
          // actions): the longer wording wins over the bare Recommended at the same place.
          "Recommended after",
          "Recommended for certification after",
          "Recommended for continued certification after",
          "Recommended for recertification after",
          "Recommended subject to",
          "Recommended upon",
          "Recommended pending",
          "Conditionally recommended",
        ],
        { level: "partial" },
      ),
      o(
        "not_recommend",
        ["不予推荐", "不推荐", "不予推荐认证注册"],
        [
          "Not recommend",
          "Does not recommend",
          "Not recommended",
          "Certification not recommended",
          "Not recommended for certification",
        ],
        {
          level: "negative",
        },
      ),
    ],
    recoverable: true,
    listed: true,
    sentences: true,
    condition: {
      value: "recommend_after_correction",
      phrases: [
        "after verification",
        "upon verification",
        "on verification",
        "subject to verification",
        "pending verification",
        "after correction",
        "once the corrective",
        "after the corrective",
        "verification of corrective",
        "verification of the corrective",
        "corrective actions are verified",
        "corrective actions have been verified",
        "corrective actions being verified",
      ],
      ordered: [
        ["验证", "后"],
        ["整改", "后"],
        ["纠正", "后"],
        ["关闭", "后"],
      ],
    },
  },
  method: {
    options: [
      o("combined", ["现场结合远程审核", "现场结合远程"], ["On-site and remote"]),
      o("onsite", ["现场审核"], ["On-site"]),
      o("remote", ["远程审核"], ["Remote"]),
    ],
    recoverable: true,
    listed: true,
  },
  system: {
    options: [
      o("QMS", ["质量管理体系", "质量"], ["QMS"]),
      o("EMS", ["环境管理体系", "环境"], ["EMS"]),
      o("OHSMS", ["职业健康安全管理体系", "职业健康安全"], ["OHSMS", "OHSAS"]),
      o("EnMS", ["能源管理体系", "能源"], ["ENMS"]),
      o("FSMS", ["食品安全管理体系", "食品安全"], ["FSMS"]),
      o("HACCP", ["危害分析与关键控制点"], ["HACCP"], { display: "危害分析与关键控制点体系" }),
      o("ISMS", ["信息安全管理体系"], ["ISMS"]),
      // The cover list's extra lines: □50430(EC), □其他____.
      o("EC", ["50430"], [], { display: "50430(EC)", needsBox: true }),
      o("OTHER", ["其他"], [], { needsBox: true }),
    ],
    multi: true,
    recoverable: true,
    listed: true,
  },
  // One exclusive row in some bodies' forms: 初次认证第一阶段 / 初次认证第二阶段 / 监督审核 / 再认证审核.
  auditType: {
    options: [
      o(
        "stage1",
        ["初次认证第一阶段", "初审第一阶段"],
        ["Initial (stage 1)", "Initial Certification (Stage 1)", "Initial Audit (Stage 1)", "Stage 1 Audit"],
      ),
      o(
        "stage2",
        ["初次认证第二阶段", "初审第二阶段"],
        ["Initial (stage 2)", "Initial Certification (Stage 2)", "Initial Audit (Stage 2)", "Stage 2 Audit"],
      ),
      o(
        "initial",
        ["初次认证", "初次审核", "初审", "初次"],
        ["Initial", "Initial Certification", "Initial Audit"],
      ),
      o("surveillance", ["监督审核", "监督"], ["Surveillance", "Surveillance Audit"]),
      o(
        "recertification",
        ["再认证", "复评", "再认证审核"],
        ["Recertification", "Recertification Audit", "Re-certification"],
      ),
      o("special", ["特殊审核", "特殊"], ["Special"]),
    ],
    recoverable: true,
    listed: true,
  },
  auditStage: {
    options: [
      o("stage1", ["第一阶段", "一阶段"], ["Stage 1"]),
      o("stage2", ["第二阶段", "二阶段"], ["Stage 2"]),
    ],
    listed: true,
  },
  // The kind of one nonconformity on a 不符合项报告 form: ☑一般 □严重.
  ncKind: {
    options: [
      o("major", ["严重不符合项", "严重不符合", "严重", "重大"], ["Major"], { display: "严重" }),
      o("minor", ["一般不符合项", "一般不符合", "一般"], ["Minor"], { display: "一般" }),
      o("minor", ["轻微不符合项", "轻微不符合", "轻微"], [], { display: "轻微" }),
      o("minor", ["次要"], [], { display: "次要" }),
    ],
  },
  adjust: {
    options: [o("未调整", ["未调整", "无调整"]), o("有调整", ["有调整"])],
  },
} as const satisfies Record<string, OptionGroupLexicon>;

export type OptionFamilyId = keyof typeof OPTION_GROUPS;

/**
 * Words that tell options apart. A one-character misreading may be forgiven inside an option's word, never where it
 * turns one of these into another or into nothing: 不符合 read with one error is never 符合, 基本有效 never 有效.
 */
export const OPTION_DISTINGUISHING: readonly (readonly string[])[] = [
  ["基本", "不", "未", "无", "没有", "不予", "暂不"],
  ["是", "否"],
  ["一般", "严重", "轻微", "重大"],
  ["第一", "第二", "一", "二"],
  ["有", "无", "未"],
];

/** The printed words of one option, Chinese first, then English. */
export function optionWords(w: OptionWord): readonly string[] {
  return [...w.zh, ...w.en];
}

/** Each exclusive graded family's options as printed (符合 / 基本符合 / 不符合), for rules that ask whether every
 * option of a row was found; two-option forms (合格 / 不合格, 是 / 否) are the same families without their middle. */
export function gradedFamilies(): string[][] {
  const out: string[][] = [];
  for (const g of Object.values(OPTION_GROUPS) as OptionGroupLexicon[]) {
    const levels = g.options.filter((x) => x.level !== undefined);
    if (g.multi || g.listed || levels.length < 2) continue;
    const words = (level: OptionLevel) => levels.filter((x) => x.level === level).map((x) => x.display);
    const full = words("full");
    const partial = words("partial");
    const negative = words("negative");
    if (full.length !== 1 || negative.length !== 1) continue;
    out.push([full[0]!, ...partial, negative[0]!]);
    if (partial.length > 0 && g.withoutMiddle) out.push([full[0]!, negative[0]!]);
  }
  return out;
}

const DISTINGUISHING_CHARS = new Set(OPTION_DISTINGUISHING.flat().flatMap((w) => Array.from(w)));

/**
 * Whether reading `read` for the option word `word` (same length, compared character by character) would cross
 * to another option: a character that differs where the word has a distinguishing character, read as another
 * distinguishing character (不符合 → 未符合 stays unread; 推荐认证注朋 is still 推荐认证注册, 代本达到 still 基本达到).
 */
export function crossesOption(word: readonly string[], read: readonly string[]): boolean {
  for (let k = 0; k < word.length; k++) {
    const w = word[k];
    const r = read[k];
    if (w === undefined || r === undefined || w === r) continue;
    if (DISTINGUISHING_CHARS.has(w) && DISTINGUISHING_CHARS.has(r)) return true;
    if (DISTINGUISHING_CHARS.has(r) && !DISTINGUISHING_CHARS.has(w)) return true;
  }
  return false;
}

/** How an answer grades, by its printed word (any synonym of a graded option): 基本合格 → partial. */
export function levelOfWord(word: string): OptionLevel | null {
  const w = word.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  for (const g of Object.values(OPTION_GROUPS) as OptionGroupLexicon[]) {
    for (const x of g.options) {
      if (!x.level) continue;
      const forms = [x.display, ...optionWords(x)].map((f) =>
        f.normalize("NFKC").replace(/\s+/g, "").toUpperCase(),
      );
      if (forms.includes(w)) return x.level;
    }
  }
  return null;
}

/** Listed exclusive families whose options grade (the recommendation: recommend / after correction / not): a form
 * prints one option of each grade, so a group of them was read whole only when every grade was found. */
export function gradedListFamilies(): OptionFamilyId[] {
  return (Object.keys(OPTION_GROUPS) as OptionFamilyId[]).filter((id) => {
    const g: OptionGroupLexicon = OPTION_GROUPS[id];
    return !g.multi && g.listed === true && g.options.some((x) => x.level !== undefined);
  });
}

/** Characters that negate the option word right after them (不推荐, 未推荐, 暂不推荐, 没推荐, 无推荐). */
const NEGATING = new Set(["不", "未", "无", "没", "暂"]);

const upper = (s: string) =>
  s
    .normalize("NFKC")
    .replace(/[\s\p{P}]+/gu, "")
    .toUpperCase();

/** The grade of a printed option of `family` whose words may stand inside a sentence (纠正措施验证有效后推荐认证注册,
 * Certification is recommended once …): the longest of the family's words in it, not right after a negating
 * character (暂不推荐注册 is no 推荐注册); null when none is. Punctuation is ignored (…验证有效后，推荐…). */
export function levelInLabel(family: OptionFamilyId, label: string): OptionLevel | null {
  const level = wordLevelInLabel(family, label);
  const value = level === "full" ? conditionIn(family, label) : null;
  const conditioned = (OPTION_GROUPS[family] as OptionGroupLexicon).options.find((x) => x.value === value);
  return conditioned ? (conditioned.level ?? null) : level;
}

/** The value of the option the family's condition gives when `text` (an option's whole text) states it; null when
 * the family has none or the text does not. A full-grade word beside the condition does not make it unconditional. */
export function conditionIn(family: OptionFamilyId, text: string): string | null {
  const c = (OPTION_GROUPS[family] as OptionGroupLexicon).condition;
  if (!c) return null;
  const t = upper(text);
  if (c.phrases.some((p) => t.includes(upper(p)))) return c.value;
  const inOrder = (words: readonly string[]) => {
    let at = 0;
    for (const w of words) {
      const k = t.indexOf(upper(w), at);
      if (k < 0) return false;
      at = k + upper(w).length;
    }
    return true;
  };
  return c.ordered.some(inOrder) ? c.value : null;
}

function wordLevelInLabel(family: OptionFamilyId, label: string): OptionLevel | null {
  const text = upper(label);
  const words = (OPTION_GROUPS[family] as OptionGroupLexicon).options
    .flatMap((x) => optionWords(x).map((w) => ({ word: upper(w), level: x.level ?? null })))
    .sort((a, b) => b.word.length - a.word.length);
  for (const { word, level } of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      if (!NEGATING.has(text[at - 1] ?? "") || NEGATING.has(word[0] ?? "")) return level;
    }
  }
  return null;
}

/** The word the conformity family prints for a level (full → 符合): how an evaluation graded 合格 or 是 is recorded. */
export function conformityWord(level: OptionLevel): string | null {
  return OPTION_GROUPS.conformity.options.find((x) => x.level === level)?.display ?? null;
}

/** Exclusive families answered on one row, graded by level (符合 / 基本符合 / 不符合, 是 / 基本 / 否): the families
 * of conclusion and evaluation rows. */
export function gradedRowFamilies(): OptionFamilyId[] {
  return (Object.keys(OPTION_GROUPS) as OptionFamilyId[]).filter((id) => {
    const g: OptionGroupLexicon = OPTION_GROUPS[id];
    return !g.multi && !g.listed && g.options.some((x) => x.level !== undefined);
  });
}
