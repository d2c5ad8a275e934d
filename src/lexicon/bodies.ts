/**
 * What marks a certification body's name where a report prints it alone (its letterhead): the words such names
 * carry, and the bodies approved by CNCA for management-system certification whose registered names carry none of
 * them. Data only; src/parse/fields/header.ts reads a letterhead against it.
 */

/** Words in a certification body's name (华夏认证中心有限公司, 中国检验认证集团, 上海质量体系审核中心). */
export const BODY_NAME_WORDS: readonly string[] = [
  "认证",
  "检验",
  "检测",
  "评价",
  "评审",
  "审核中心",
  "质量保证中心",
];

/** Approved bodies whose registered Chinese names hold none of BODY_NAME_WORDS. */
export const BODIES_WITHOUT_NAME_WORDS: readonly string[] = ["通标标准技术服务有限公司"];
