import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import type { OcrPage } from "../../domain/ocr.ts";
import type { TeamMember } from "../../domain/record.ts";
import { EMPTY_CELL_WORDS } from "../../lexicon/punctuation.ts";
import {
  AUDITEE_SIDE_WORDS,
  TEAM_GRADE_MARKS,
  TEAM_GRADE_WORDS,
  TEAM_TABLE_COLUMNS,
} from "../../lexicon/tables.ts";
import { confusions } from "../../noise/confusions.ts";
import { findTechnicalCodes } from "../normalize/codes.ts";
import { findRegistrations } from "../normalize/registration.ts";
import { fieldBox } from "../provenance.ts";
import { type ContentTypes, readGridTables } from "../text/grid-table.ts";
import type { DocLine } from "../text/lines.ts";
import { anyWord } from "../text/pattern.ts";
import { type Cell, type ColumnSpec, matchHeader, type RowVerdict, readTable } from "../text/table.ts";
import type { ReadMember } from "./read-member.ts";
import { fromLabels } from "./team-lines.ts";
import { fromProse } from "./team-prose.ts";
import { looksLikeName, roleOf } from "./team-words.ts";

export const TEAM_COLUMNS: readonly ColumnSpec[] = TEAM_TABLE_COLUMNS;

/** An empty registration cell as printed or read: marks alone (—, -, /), the lexicon's words for an empty cell (无,
 * N/A), and what the noise model measured read for a dash that is a letter (— and - read 一). */
const PLACEHOLDER = (() => {
  const dashReadings = ["—", "-"]
    .flatMap((d) => confusions().classOf(d))
    .filter((ch) => /[\p{L}\p{N}]/u.test(ch));
  const words = [...new Set([...EMPTY_CELL_WORDS, ...dashReadings])].map((w) => w.replace(/[/]/g, "\\/"));
  return new RegExp(`^(?:[^\\p{L}\\p{N}]|${words.join("|")})*$`, "iu");
})();

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
  // A name alone is no row: the first line of the next page (a form's title, 不符合项报告) may fall in the name column.
  const more = ["seq", "role", "grade", "reg", "codes"].some((k) => (cells[k]?.text ?? "") !== "");
  if (name && looksLikeName(name) && more) return "row";
  if (!name && !seq && (cells.reg?.text || cells.codes?.text)) return "continuation";
  if (/^\d{1,2}$/.test(seq) && !name) return "skip";
  return "stop";
}

function cellField<T>(line: DocLine, cell: Cell | undefined, value: T | null, quality: number): Field<T> {
  if (!cell || value === null) return missingField();
  return fieldBox(line, cell.bbox, cell.text, value, cell.confidence, quality);
}

const AUDITEE_SIDE = anyWord(AUDITEE_SIDE_WORDS);

function memberFromRow(line: DocLine, cells: Record<string, Cell>, hasCodes: boolean): ReadMember | null {
  const nameCell = cells.name!;
  const roleText = cells.role?.text ?? cells.grade?.text ?? "";
  const role = roleOf(roleText);
  if (role === "guide" || AUDITEE_SIDE.test(cells.from?.text ?? "")) return null;
  // A role cell naming a grade beside the role (组员（实习）, Auditor (trainee) 实习审核员) gives that grade.
  const roleCell = cells.role?.text ?? "";
  const gradeText =
    cells.grade?.text ||
    (TEAM_GRADE_MARKS.some((w) => roleCell.includes(w))
      ? (TEAM_GRADE_WORDS.find((w) => roleCell.includes(w)) ?? roleCell)
      : "");
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
  // (A cell without a digit is no number at all: N/A as OCR garbles it, NA/人A.)
  const printed =
    cells.reg?.text && !PLACEHOLDER.test(cells.reg.text) && /\d/.test(cells.reg.text) && !strayCodes.length
      ? cells.reg.text
      : null;
  const regValue = regs.length ? regs.join("; ") : printed;
  const name = nameCell.text.replace(/\s/g, "");
  const nameConfs = nameCell.charConfidences.filter((_, i) => !/\s/.test(nameCell.text[i] ?? ""));
  const member: TeamMember = {
    name: cellField(line, nameCell, name, 1),
    role: role ? cellField(line, cells.role ?? cells.grade, role, 0.95) : missingField(),
    grade: gradeText ? cellField(line, cells.grade ?? cells.role, gradeText, 1) : missingField(),
    registrationNo: regValue ? cellField(line, regCell, regValue, regs.length ? 1 : 0.4) : missingField(),
    // An empty codes cell says "no codes" only on a row read cleanly: where the registration number is garbled too,
    // OCR may have run the code into it (2014-N1QMS-20Z857200), so the codes are unread, not absent.
    // A codes cell with text but no code in it (?200: 28.02.00 as OCR garbled it) is unread, not empty.
    technicalCodes: codesCell
      ? codes.length > 0 || PLACEHOLDER.test(codesCell.text)
        ? cellField(line, codesCell, codes, 0.95)
        : fieldBox<string[]>(line, codesCell.bbox, codesCell.text, null, codesCell.confidence, 0.5)
      : hasCodes && !(cells.reg?.text && regs.length === 0)
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

const TEAM_DETAIL = ["role", "grade", "reg", "codes"];

/** Team columns by what their cells hold, where the header cannot be read: names, role words, registration numbers,
 * technical codes. A headerless table is taken for a team only with a name column and a number or role column. */
const TEAM_CONTENT: ContentTypes = {
  of: {
    name: (t) => looksLikeName(t) && !/\d/.test(t) && roleOf(t) === null,
    role: (t) => roleOf(t) !== null,
    reg: (t) => findRegistrations(t).length > 0,
    codes: (t) => findTechnicalCodes(t).length > 0,
  },
  blank: (t) => PLACEHOLDER.test(t),
};

/** A name cell without the stray punctuation OCR reads at its ends (冯明晨、 for a rule's speck): a whole cell is the
 * name, nothing after it is a list. */
function trimPunctuation(cell: Cell): Cell | null {
  const lead = cell.text.length - cell.text.replace(/^[\p{P}\s]+/u, "").length;
  const text = cell.text.replace(/^[\p{P}\s]+/u, "").replace(/[\p{P}\s]+$/u, "");
  if (text === "") return null;
  return { ...cell, text, charConfidences: cell.charConfidences.slice(lead, lead + text.length) };
}

/** Team tables of the layout stage: ruled tables headed by a name column and a role, grade, registration or code
 * column; each grid row one member with every cell whole (two numbers or two codes in one cell both kept). */
function fromLayout(pages: readonly OcrPage[], lines: readonly DocLine[]): ReadMember[] {
  const team: ReadMember[] = [];
  const tables = readGridTables(
    pages,
    lines,
    TEAM_COLUMNS,
    2,
    (keys) => keys.has("name") && TEAM_DETAIL.some((k) => keys.has(k)),
    TEAM_CONTENT,
  );
  // A table named by its cells' content is a team only with numbers in it (a signature block pairs roles and names
  // too), and only where no headed team table was found.
  const headed = tables.some((t) => !t.typed);
  for (const table of tables) {
    if (table.typed && (headed || !(table.keys.includes("reg") || table.keys.includes("codes")))) continue;
    const hasCodes = table.keys.includes("codes");
    for (const row of table.rows) {
      const name = row.cells.name && trimPunctuation(row.cells.name);
      if (!name) continue;
      const cells = { ...row.cells, name };
      if (judgeRow(cells) !== "row") continue;
      const read = memberFromRow(row.line, cells, hasCodes);
      // Two readings of the name cell that disagree are no reading of the name (its raw text stays).
      const m =
        read && name.disputed
          ? { ...read, member: { ...read.member, name: { ...read.member.name, value: null, confidence: 0 } } }
          : read;
      const value = m?.member.name.value;
      if (m && (value === null || !team.some((t) => t.member.name.value === value))) team.push(m);
    }
  }
  return team;
}

/** The team from the layout's ruled tables; without one, from tables of word boxes; else from labelled lines where
 * they name a leader with a registration number, else from a sentence telling the team (prose reports). */
export function readTeam(lines: readonly DocLine[], pages: readonly OcrPage[] = []): ReadMember[] {
  const fromGrid = fromLayout(pages, lines);
  if (fromGrid.length > 0) return fromGrid;
  const fromTable = fromTables(lines);
  if (fromTable.length > 0) return fromTable;
  const labelled = fromLabels(lines);
  const led = labelled.some(
    (m) => m.member.role.value === "leader" && m.member.registrationNo.value !== null,
  );
  if (led) return labelled;
  const prose = fromProse(lines);
  return prose.length > 0 ? prose : labelled;
}
