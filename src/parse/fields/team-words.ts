/** Words of team listings: who a role word names, and what reads like a person's name. */
import type { TeamRole } from "../../domain/record.ts";
import { TEAM_ROLE_WORDS } from "../../lexicon/tables.ts";
import { matchForm } from "../text/chars.ts";

export function roleOf(text: string): TeamRole | null {
  const form = matchForm(text);
  return TEAM_ROLE_WORDS.find((r) => r.words.some((w) => form.includes(w)))?.role ?? null;
}

const PERSON = /^(?:[\u4e00-\u9fa5·]{2,5}|[A-Za-z][A-Za-z .'-]{1,40})$/;
const NOT_NAMES = /审核|专业|代码|序号|姓名|签字|人员|受审核方|来自|观察员|向导|组长|组员|报告|记录/;

export function looksLikeName(s: string): boolean {
  const t = s.replace(/\s/g, "");
  return PERSON.test(t) && !NOT_NAMES.test(t);
}
