import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import type { TeamMember, TeamRole } from "../../domain/record.ts";
import { findTechnicalCodes } from "../normalize/codes.ts";
import { findRegistrations } from "../normalize/registration.ts";
import { fieldAt, fieldBox } from "../provenance.ts";
import { matchForm } from "../text/chars.ts";
import type { DocLine } from "../text/lines.ts";
import { type Cell, type ColumnSpec, matchHeader, type RowVerdict, readTable } from "../text/table.ts";

export const TEAM_COLUMNS: readonly ColumnSpec[] = [
  { key: "seq", synonyms: ["序号", "编号", "No"] },
  { key: "name", synonyms: ["姓名", "名字", "Name", "审核员姓名", "成员姓名", "审核组成员", "组员姓名"] },
  {
    key: "role",
    synonyms: ["组内职务", "组内身份", "角色", "职务", "审核中的作用", "作用", "组内分工", "Role", "身份"],
  },
  {
    key: "grade",
    synonyms: ["注册级别", "资格", "级别", "审核员级别", "注册资格", "资格类别", "Grade", "Qualification"],
  },
  {
    key: "reg",
    synonyms: [
      "审核员注册证书号",
      "注册证书号",
      "注册号",
      "证书编号",
      "注册编号",
      "资格证书号",
      "注册证书编号",
      "证书号",
      "Registration No",
    ],
  },
  {
    key: "codes",
    synonyms: ["专业代码", "专业", "技术代码", "专业类别", "专业范围", "Technical Code", "Code"],
  },
  { key: "from", synonyms: ["来自", "单位", "所在单位", "工作单位"] },
];

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

/** What tables print in an empty cell: —, -, /, 无, N/A. */
const PLACEHOLDER = /^[\s—–\-/／无一_]*$|^N\/?A$/i;

const PERSON = /^(?:[\u4e00-\u9fa5·]{2,5}|[A-Za-z][A-Za-z .'-]{1,40})$/;
const NOT_NAMES = /审核|专业|代码|序号|姓名|签字|人员|受审核方|来自|观察员|向导|组长|组员/;

export function looksLikeName(s: string): boolean {
  const t = s.replace(/\s/g, "");
  return PERSON.test(t) && !NOT_NAMES.test(t);
}

function isTeamHeader(line: DocLine): boolean {
  const cols = matchHeader(line, TEAM_COLUMNS, 2);
  return (
    !!cols?.some((c) => c.key === "name") &&
    cols.some((c) => ["role", "grade", "reg", "codes"].includes(c.key))
  );
}

function judgeRow(cells: Record<string, Cell>): RowVerdict {
  const name = cells.name?.text ?? "";
  const seq = cells.seq?.text ?? "";
  if (name && looksLikeName(name)) return "row";
  if (!name && !seq && (cells.reg?.text || cells.codes?.text)) return "continuation";
  if (/^\d{1,2}$/.test(seq) && !name) return "skip";
  return "stop";
}

function cellField<T>(line: DocLine, cell: Cell | undefined, value: T | null, quality: number): Field<T> {
  if (!cell || value === null) return missingField();
  return fieldBox(line, cell.bbox, cell.text, value, cell.confidence, quality);
}

/** A member as read, with the confidence of each character of the name (for the vote across places). */
export interface ReadMember {
  member: TeamMember;
  nameConfs: number[];
  line: DocLine;
}

function memberFromRow(line: DocLine, cells: Record<string, Cell>, hasCodes: boolean): ReadMember | null {
  const nameCell = cells.name!;
  const roleText = cells.role?.text ?? cells.grade?.text ?? "";
  const role = roleOf(roleText);
  if (role === "guide" || /受审核方|受审核组织|企业/.test(cells.from?.text ?? "")) return null;
  const gradeText =
    cells.grade?.text || (/实习|技术专家|高级/.test(cells.role?.text ?? "") ? cells.role!.text : "");
  // Numbers can spill into a neighbouring column on a scan: read them from every cell but the name.
  const regText = Object.entries(cells)
    .filter(([key]) => key !== "name")
    .map(([, c]) => c.text)
    .join(" ");
  const regs = [...new Set(findRegistrations(regText).map((r) => r.value))];
  const regCell = cells.reg ?? nameCell;
  // An unreadable number stays as printed (low confidence) so a format rule can still see it.
  // A code printed one column early (an empty registration cell the engine skipped) is still a code.
  const strayCodes = regs.length === 0 && cells.reg ? findTechnicalCodes(cells.reg.text) : [];
  const codesCell = cells.codes ?? (strayCodes.length ? cells.reg : undefined);
  const codes = [...new Set([...(cells.codes ? findTechnicalCodes(cells.codes.text) : []), ...strayCodes])];
  const printed =
    cells.reg?.text && !PLACEHOLDER.test(cells.reg.text) && !strayCodes.length ? cells.reg.text : null;
  const regValue = regs.length ? regs.join("; ") : printed;
  const name = nameCell.text.replace(/\s/g, "");
  const nameConfs = nameCell.charConfidences.filter((_, i) => !/\s/.test(nameCell.text[i] ?? ""));
  const member: TeamMember = {
    name: cellField(line, nameCell, name, 1),
    role: role ? cellField(line, cells.role ?? cells.grade, role, 0.95) : missingField(),
    grade: gradeText ? cellField(line, cells.grade ?? cells.role, gradeText, 1) : missingField(),
    registrationNo: regValue ? cellField(line, regCell, regValue, regs.length ? 1 : 0.4) : missingField(),
    technicalCodes: codesCell
      ? cellField(line, codesCell, codes, 0.95)
      : hasCodes
        ? { ...fieldBox(line, line.bbox, "", [] as string[], line.confidence, 0.8) }
        : missingField(),
  };
  return { member, nameConfs, line };
}

/** Team tables (members, then 其他人员/technical experts) read from word boxes. */
function fromTables(lines: readonly DocLine[]): ReadMember[] {
  const team: ReadMember[] = [];
  for (const line of lines) {
    if (!isTeamHeader(line)) continue;
    const table = readTable(lines, line, TEAM_COLUMNS, 2, judgeRow, (l) => l !== line && isTeamHeader(l));
    if (!table) continue;
    const hasCodes = table.columns.some((c) => c.key === "codes");
    for (const row of table.rows) {
      const m = memberFromRow(row.lines[0]!, row.cells, hasCodes);
      if (m && !team.some((t) => t.member.name.value === m.member.name.value)) team.push(m);
    }
  }
  return team;
}

const ROLE_LABEL = "审核组长|实习审核员|审核组员|审核员|技术专家|观察员|组长|组员|专家";
/** A line of the team written out: starting with a role label, or with 审核组(成员)： and then one, either maybe
 * after its English gloss (Lead Auditor 审核组长：…). */
const TEAM_LINE = new RegExp(
  `^\\s*(?:[A-Za-z][A-Za-z .]{0,30}?\\s*)?(?:(?:审核组成员|审核组组成|审核组)\\s*[:：]\\s*)?(?=(?:${ROLE_LABEL})\\s*(?:[（(][^）)]*[）)])?\\s*(?:[:：]|[\\u4e00-\\u9fa5]))`,
);
const ROLE_AT = new RegExp(`(${ROLE_LABEL})\\s*(?:[（(][^）)]*[）)])?\\s*([:：])?`, "g");

/** The role labels that start a part of a team line: the first, and any other that a colon follows or a separator
 * precedes (审核组长：赵刚 审核员：钱芳 / 组长：周敏；组员：吴昊、郑洁 / 组长孙浩（…）组员李娜（…）). */
function teamParts(line: DocLine): { role: string; from: number; to: number }[] {
  const head = TEAM_LINE.exec(line.text);
  if (!head) return [];
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

/** Without a table: "审核组长：张心 2021-N1QMS-3207381", "审核员：周强（注册号：2018-N1EMS-3012456，专业代码：
 * 14.02.01）" or the whole team on one line (审核组：组长：周敏；组员：吴昊、郑洁), at low confidence. */
function fromLabels(lines: readonly DocLine[]): ReadMember[] {
  const team: ReadMember[] = [];
  for (const line of lines) {
    for (const part of teamParts(line)) {
      const role = roleOf(part.role);
      if (!role) continue;
      const rest = line.text.slice(part.from, part.to);
      const regs = findRegistrations(rest);
      const codes = findTechnicalCodes(rest);
      const names = rest
        // What follows a name in brackets (注册号：…, 专业代码：…) or after the first registration is not a name.
        .replace(/[（(][^）)]*(?:[）)]|$)/g, " ")
        .replace(/\d{4}\s*-\s*N.*$/, "")
        // Codes may follow a name with no space left between them (吴建14.02.01).
        .replace(/\d[\d.\-－]*/g, " ")
        // A name and its romanisation run together once spaces between scripts are gone (王晓明Wang Xiaoming).
        .replace(/(?<=[\u4e00-\u9fa5])(?=[A-Za-z])/g, " ")
        .split(/[、，,；;\s\t]+/)
        .filter(looksLikeName);
      // Where Chinese names are written, Latin words beside them spell the same people.
      const chinese = names.filter((n) => /[\u4e00-\u9fa5]/.test(n));
      if (chinese.length > 0) names.splice(0, names.length, ...chinese);
      names.forEach((name, i) => {
        if (team.some((t) => t.member.name.value === name)) return;
        const at = line.text.indexOf(name, part.from);
        const reg = names.length === 1 ? regs.map((r) => r.value).join("; ") : regs[i]?.value;
        const member: TeamMember = {
          name: fieldAt(line, at, at + name.length, name, 0.6),
          role: fieldAt(line, Math.max(0, part.from - part.role.length - 1), at, role, 0.6),
          grade: missingField(),
          registrationNo: reg ? fieldAt(line, at, part.to, reg, 0.6) : missingField(),
          // Codes on a line naming several people cannot be told apart: left unread rather than given to all.
          technicalCodes:
            names.length === 1 && codes.length > 0 ? fieldAt(line, at, part.to, codes, 0.6) : missingField(),
        };
        team.push({ member, nameConfs: line.charConfidences.slice(at, at + name.length), line });
      });
    }
  }
  return team;
}

export function readTeam(lines: readonly DocLine[]): ReadMember[] {
  const fromTable = fromTables(lines);
  return fromTable.length > 0 ? fromTable : fromLabels(lines);
}
