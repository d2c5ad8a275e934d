/**
 * Section titles by what the section is for, as report templates print them. Data only; rules read it.
 */

/** Sections where the organisation describes itself (二 受审核方基本情况, 四 …基本信息暨认证范围的表述): what they name
 * is the organisation's own business. By title, not number: another template's 第二部分 is 审核发现. */
export const OWN_SECTION_TITLES: readonly string[] = [
  "基本情况",
  "基本信息",
  "认证范围的表述",
  "受审核方概况",
];

/** Groups whose options a section heading may print after its title (4.1 组织环境 □符合 □基本符合 □不符合). */
export const HEADING_OPTION_GROUPS = ["conformity", "satisfy", "effective"] as const;

/** Labels under which a section writes its result as a word (评价：符合), where it prints no options to tick. */
export const WRITTEN_RESULT_LABELS: readonly string[] = ["评价结论", "评价结果", "评价"];
