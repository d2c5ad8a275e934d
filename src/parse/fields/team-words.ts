/** Words of team listings: who a role word names, and what reads like a person's name. */
import type { TeamRole } from "../../domain/record.ts";
import { LABEL_FAMILIES } from "../../lexicon/labels.ts";
import { OPTION_GROUPS } from "../../lexicon/options.ts";
import * as SECTION_WORDS from "../../lexicon/sections.ts";
import * as TABLE_WORDS from "../../lexicon/tables.ts";
import { NOT_IN_PERSON_NAME_WORDS, TEAM_ROLE_WORDS, TEAM_WHOLE_WORDS } from "../../lexicon/tables.ts";
import { nameMayHold } from "../../noise/lexicons/names.ts";
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

function stringsOf(x: unknown, out: string[] = []): string[] {
  if (typeof x === "string") out.push(x);
  else if (Array.isArray(x)) for (const v of x) stringsOf(v, out);
  else if (x && typeof x === "object") for (const v of Object.values(x)) stringsOf(v, out);
  return out;
}

/** Character pairs of the report's own vocabulary (labels, options, section and table words) that no name is likely
 * to hold by the public name statistics: 符合, 标准, 条款, 要求 … (建立, 安全 may be a name's, and are left out). A
 * run of words a prose line puts where a team line has names (不符合标准, 条款要求) holds one. */
const REPORT_PAIRS: ReadonlySet<string> = (() => {
  const pairs = new Set<string>();
  for (const word of stringsOf([LABEL_FAMILIES, OPTION_GROUPS, SECTION_WORDS, TABLE_WORDS])) {
    for (const run of word.match(/\p{Script=Han}{2,}/gu) ?? []) {
      for (let i = 0; i + 1 < run.length; i++) {
        const pair = run.slice(i, i + 2);
        if (!nameMayHold(pair)) pairs.add(pair);
      }
    }
  }
  return pairs;
})();

function holdsReportWords(name: string): boolean {
  for (let i = 0; i + 1 < name.length; i++) if (REPORT_PAIRS.has(name.slice(i, i + 2))) return true;
  return false;
}

export function looksLikeName(s: string): boolean {
  const t = s.replace(/\s/g, "");
  return PERSON.test(t) && !NOT_NAMES.test(t) && !holdsReportWords(t);
}
