/** The team written out on lines instead of a table, at low confidence:
 * - by role labels: 审核组长：张心 2021-N1QMS-3207381 / 审核员：周强（注册号：2018-N1EMS-3012456，专业代码：14.02.01）/
 *   审核组长：赵刚 审核员：钱芳 / 审核组：组长：周敏；组员：吴昊、郑洁 / 组长孙浩（…）组员李娜（…）;
 * - as a list with each role in brackets: 审核组：张建国（组长）、李梅、王强 / 审核组成员：张建国（组长） 李梅（组员）.
 * A name's bracketed remark gives its role, grade (实习审核员) and registration number; names the list leaves
 * unmarked are members when the list marks its leader, else their role is not read. */
import { missingField } from "../../domain/field.ts";
import type { TeamMember, TeamRole } from "../../domain/record.ts";
import { TEAM_LINE_WORDS } from "../../lexicon/tables.ts";
import { confusions } from "../../noise/confusions.ts";
import { findTechnicalCodes } from "../normalize/codes.ts";
import { findRegistrations } from "../normalize/registration.ts";
import { fieldAt } from "../provenance.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation, anyWord } from "../text/pattern.ts";
import type { ReadMember } from "./read-member.ts";
import { looksLikeName, roleOf } from "./team-words.ts";

const ROLE_LABEL = alternation(TEAM_LINE_WORDS.roles);
const ENGLISH_GLOSS = "(?:[A-Za-z][A-Za-z .]{0,30}?\\s*)?";
/** A label's colon as OCR reads it: : or ： as printed, and what the noise model measured read for it (; ；). */
const COLON = confusions().classBody(":");
/** A line of the team written out: starting with a role label, or with 审核组(成员)： and then one, either maybe
 * after its English gloss (Lead Auditor 审核组长：…). */
const TEAM_LINE = new RegExp(
  `^\\s*${ENGLISH_GLOSS}(?:(?:${alternation(TEAM_LINE_WORDS.beforeRole)})\\s*[:：]\\s*)?(?=(?:${ROLE_LABEL})\\s*(?:[（(][^）)]*[）)])?\\s*(?:[${COLON}]|[\\u4e00-\\u9fa5]))`,
);
/** A team label naming no role, with the names straight after it (审核组：张建国（组长）、李梅). */
const TEAM_LIST = new RegExp(
  `^\\s*${ENGLISH_GLOSS}(?:${alternation(TEAM_LINE_WORDS.beforeNames)})\\s*[:：]\\s*(?=[\\u4e00-\\u9fa5])`,
);
// OCR reads a label's colon as ; now and then (审核组长;孙丽华).
const ROLE_AT = new RegExp(`(${ROLE_LABEL})\\s*(?:[（(][^）)]*[）)])?\\s*([${COLON}])?`, "g");

interface Part {
  /** The role label the part starts with; null under a team label that names no role. */
  role: string | null;
  from: number;
  to: number;
}

/** The parts of a team line, each under one label: the first role label, and any other that a colon follows or a
 * separator precedes (a role word inside brackets is a name's remark, not a label). */
function teamParts(line: DocLine): Part[] {
  const head = TEAM_LINE.exec(line.text);
  if (!head) {
    const list = TEAM_LIST.exec(line.text);
    return list ? [{ role: null, from: list[0].length, to: line.text.length }] : [];
  }
  const starts = [...line.text.matchAll(ROLE_AT)].filter((m) => {
    if (m.index < head[0].length) return false;
    const before = line.text[m.index - 1];
    return (
      m.index === head[0].length ||
      m[2] !== undefined ||
      before === undefined ||
      /[；;，,、\s）)]/.test(before)
    );
  });
  return starts.map((m, k) => ({
    role: m[1]!,
    from: m.index + m[0].length,
    to: starts[k + 1]?.index ?? line.text.length,
  }));
}

interface Entry {
  name: string;
  /** What the brackets after the name say (组长, 实习审核员, 注册号：…), or "". */
  remark: string;
}

/** Names of a part, each with the remark in brackets after it. */
function entriesOf(rest: string): Entry[] {
  const out: Entry[] = [];
  for (const m of rest.matchAll(/([^（(]*)(?:[（(]([^）)]*)(?:[）)]|$))?/g)) {
    if (m[0] === "") continue;
    const names = m[1]!
      // What follows a name after the first registration is not a name.
      .replace(/\d{4}\s*-\s*N.*$/, "")
      // Codes may follow a name with no space left between them (吴建14.02.01).
      .replace(/\d[\d.\-－]*/g, " ")
      // A name and its romanisation run together once spaces between scripts are gone (王晓明Wang Xiaoming).
      .replace(/(?<=[\u4e00-\u9fa5])(?=[A-Za-z])/g, " ")
      .split(/[、，,；;\s\t]+/)
      .filter(looksLikeName);
    // The remark belongs to the name right before the bracket.
    names.forEach((name, i) => {
      out.push({ name, remark: i === names.length - 1 ? (m[2] ?? "") : "" });
    });
  }
  // Where Chinese names are written, Latin words beside them spell the same people.
  const chinese = out.filter((e) => /[\u4e00-\u9fa5]/.test(e.name));
  return chinese.length > 0 ? chinese : out;
}

const GRADE = anyWord(TEAM_LINE_WORDS.grades);

export function fromLabels(lines: readonly DocLine[]): ReadMember[] {
  const team: ReadMember[] = [];
  for (const line of lines) {
    for (const part of teamParts(line)) {
      const labelRole = part.role === null ? null : roleOf(part.role);
      if (part.role !== null && !labelRole) continue;
      const rest = line.text.slice(part.from, part.to);
      const entries = entriesOf(rest);
      const remarkRoles = entries.map((e) => (e.remark ? roleOf(e.remark) : null));
      const unmarked: TeamRole | null = labelRole ?? (remarkRoles.includes("leader") ? "member" : null);
      const regs = findRegistrations(rest);
      const byRemark = entries.some((e) => findRegistrations(e.remark).length > 0);
      const codes = findTechnicalCodes(rest);
      entries.forEach((entry, i) => {
        const { name, remark } = entry;
        if (team.some((t) => t.member.name.value === name)) return;
        const at = line.text.indexOf(name, part.from);
        const role = remarkRoles[i] ?? unmarked;
        const reg = byRemark
          ? findRegistrations(remark)
              .map((r) => r.value)
              .join("; ")
          : entries.length === 1
            ? regs.map((r) => r.value).join("; ")
            : regs[i]?.value;
        const grade = GRADE.exec(remark)?.[0];
        const remarkCodes = findTechnicalCodes(remark);
        const ownCodes = remarkCodes.length > 0 ? remarkCodes : entries.length === 1 ? codes : [];
        const member: TeamMember = {
          name: fieldAt(line, at, at + name.length, name, 0.6),
          role: role
            ? fieldAt(line, Math.max(0, part.from - (part.role?.length ?? 0) - 1), at, role, 0.6)
            : missingField(),
          grade: grade ? fieldAt(line, at, part.to, grade, 0.6) : missingField(),
          registrationNo: reg ? fieldAt(line, at, part.to, reg, 0.6) : missingField(),
          // Codes on a line naming several people cannot be told apart: left unread rather than given to all.
          technicalCodes: ownCodes.length > 0 ? fieldAt(line, at, part.to, ownCodes, 0.6) : missingField(),
        };
        team.push({ member, nameConfs: line.charConfidences.slice(at, at + name.length), line });
      });
    }
  }
  return team;
}
