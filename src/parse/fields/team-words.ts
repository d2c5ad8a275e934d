/** Words of team listings: who a role word names, and what reads like a person's name. */
import type { TeamRole } from "../../domain/record.ts";
import { matchForm } from "../text/chars.ts";

const ROLE_WORDS: [RegExp, TeamRole][] = [
  [/向导|陪同/, "guide"],
  [/副组长/, "member"],
  [/组长|teamleader|leader/i, "leader"],
  [/技术专家|专家|expert/i, "expert"],
  [/观察员|observer/i, "observer"],
  [/组员|审核员|成员|auditor|member/i, "member"],
];

export function roleOf(text: string): TeamRole | null {
  const form = matchForm(text);
  for (const [re, role] of ROLE_WORDS) if (re.test(form)) return role;
  return null;
}

const PERSON = /^(?:[\u4e00-\u9fa5·]{2,5}|[A-Za-z][A-Za-z .'-]{1,40})$/;
const NOT_NAMES = /审核|专业|代码|序号|姓名|签字|人员|受审核方|来自|观察员|向导|组长|组员|报告|记录/;

export function looksLikeName(s: string): boolean {
  const t = s.replace(/\s/g, "");
  return PERSON.test(t) && !NOT_NAMES.test(t);
}
