/** Words of team listings: who a role word names, and what reads like a person's name. */
import type { TeamRole } from "../../domain/record.ts";
import { NOT_IN_PERSON_NAME_WORDS, TEAM_ROLE_WORDS, TEAM_WHOLE_WORDS } from "../../lexicon/tables.ts";
import { matchForm } from "../text/chars.ts";
import { anyWord } from "../text/pattern.ts";

export function roleOf(text: string): TeamRole | null {
  const form = matchForm(text);
  return TEAM_ROLE_WORDS.find((r) => r.words.some((w) => form.includes(w)))?.role ?? null;
}

/** The roles a signing place is printed for, from its label: 审核组长（签字） the leader's, 审核组成员 the members',
 * 审核组 the whole team's (leader and members); a label naming several roles (组长/组员签字) gives each. null when
 * the label names no role (签字：): whose place it is was not printed. */
export function signingRoles(label: string): TeamRole[] | null {
  let form = matchForm(label);
  const roles: TeamRole[] = [];
  // Each family's words are taken out once matched, so 副组长 (a member) is not read again as 组长.
  for (const { role, words } of TEAM_ROLE_WORDS) {
    const hit = words.find((w) => form.includes(w));
    if (hit === undefined) continue;
    form = form.replaceAll(hit, "");
    if (!roles.includes(role)) roles.push(role);
  }
  if (roles.length > 0) return roles;
  return TEAM_WHOLE_WORDS.some((w) => form.includes(w)) ? ["leader", "member"] : null;
}

const PERSON = /^(?:[\u4e00-\u9fa5·]{2,5}|[A-Za-z][A-Za-z .'-]{1,40})$/;
const NOT_NAMES = anyWord(NOT_IN_PERSON_NAME_WORDS);

export function looksLikeName(s: string): boolean {
  const t = s.replace(/\s/g, "");
  return PERSON.test(t) && !NOT_NAMES.test(t);
}
