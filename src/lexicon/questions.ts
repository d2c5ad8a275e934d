/**
 * Conclusion criteria asked as questions: some bodies print a conclusion row as a question answered 是 / 基本 / 否
 * (管理体系运行是否有效) where others name the criterion and grade it (体系运行: 有效 / 基本有效 / 无效). The record keys
 * a conclusion by its criterion, so each question names its criterion and the option family whose words grade it;
 * the answer's level (是 full, 基本 partial, 否 negative) picks that family's word. Data only: a new body's question
 * wording is a line here.
 */
import { OPTION_GROUPS, type OptionGroupLexicon, type OptionLevel } from "./options.ts";

export type AnswerFamily = keyof typeof OPTION_GROUPS;

export interface CriterionQuestion {
  /** The criterion as the record keys it. */
  readonly criterion: string;
  /** The graded family whose words record the answer (有效 / 基本有效 / 无效). */
  readonly answers: AnswerFamily;
  /** Printed wordings of the question, Chinese or English. */
  readonly questions: readonly string[];
}

export const CRITERION_QUESTIONS: readonly CriterionQuestion[] = [
  {
    criterion: "体系运行",
    answers: "effective",
    questions: ["管理体系运行是否有效", "体系运行是否有效", "Is the management system operating effectively"],
  },
  {
    criterion: "管理体系文件",
    answers: "effective",
    questions: [
      "管理体系文件是否符合标准要求并得到有效实施",
      "体系文件是否符合标准要求并得到有效实施",
      "Are the management system documents conforming and effectively implemented",
    ],
  },
  {
    criterion: "内部审核和管理评审",
    answers: "effective",
    questions: [
      "内部审核和管理评审是否有效",
      "内审和管理评审是否有效",
      "Are internal audits and management reviews effective",
    ],
  },
  {
    criterion: "满足法律法规要求的能力",
    answers: "effective",
    questions: [
      "是否具备满足适用法律法规要求的能力",
      "是否具备满足法律法规要求的能力",
      "Is the organization able to meet applicable legal requirements",
    ],
  },
];

/** Text as compared: NFKC, no spaces or punctuation, Latin upper-cased. */
export function questionForm(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[\s\p{P}]+/gu, "")
    .toUpperCase();
}

/** The word a criterion's family prints for an answer's level (full → 有效). */
export function answerWord(family: AnswerFamily, level: OptionLevel): string | null {
  const g: OptionGroupLexicon = OPTION_GROUPS[family];
  return g.options.find((x) => x.level === level)?.display ?? null;
}
