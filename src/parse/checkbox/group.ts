import type { BoxMark, OcrLine, OcrPage } from "../../domain/ocr.ts";
import type { CheckboxGroup } from "../../domain/record.ts";
import { gradedRowFamilies } from "../../lexicon/options.ts";
import { type AnswerFamily, CRITERION_QUESTIONS } from "../../lexicon/questions.ts";
import { repairNumbering, withoutListNumber } from "../text/sections.ts";
import { isPageFurniture } from "../text/table.ts";
import { isSpace, lineChars } from "./chars.ts";
import { criterionOfQuestion } from "./questions.ts";
import { mergeStacks } from "./stack.ts";
import { type Family, isBoxGlyph, type Term, termIn } from "./vocab.ts";

/** A mark with its vocabulary term and page. */
export interface Placed {
  mark: BoxMark;
  term: Term;
  page: number;
}

export type GroupKind =
  | "conclusion"
  | "evaluation"
  | "recommendation"
  | "auditType"
  | "auditStage"
  | "system"
  | "ncKind"
  | "other";

/** A checkbox group plus what the field builders need to read it. */
export interface BuiltGroup {
  group: CheckboxGroup;
  kind: GroupKind;
  /** conclusion: the criterion; evaluation: the section id. */
  key: string;
  members: Placed[];
  /** A conclusion asked as a question (是 / 基本 / 否): the family whose word records the answer's level. */
  answers?: AnswerFamily;
}

/** Graded exclusive rows (符合 / 基本符合 / 不符合, 合格 …, 是 / 基本 / 否): the lexicon says which. */
const CONCLUSION_FAMILIES = new Set<Family>(gradedRowFamilies());
/** Families whose options sit on separate lines: grouped by vertical proximity on the page, not by row. */
const BLOCK_FAMILIES: Partial<Record<Family, GroupKind>> = {
  recommendation: "recommendation",
  auditType: "auditType",
  auditStage: "auditStage",
  system: "system",
};
const BLOCK_IDS: Record<string, string> = {
  recommendation: "recommendation",
  auditType: "auditType",
  auditStage: "auditType.stage",
  system: "managementSystems",
};
const SECTION = /^(\d+(?:\.\d+)+|第[一二三四五六七八九十]+部分)\s*(.*)$/;

const h = (m: BoxMark) => Math.max(1, m.labelBbox[3] - m.labelBbox[1]);
const cy = (m: BoxMark) => (m.labelBbox[1] + m.labelBbox[3]) / 2;

export function buildGroups(pages: readonly OcrPage[]): BuiltGroup[] {
  const out: BuiltGroup[] = [];
  const used = new Map<string, number>();
  const uniqueId = (id: string): string => {
    const n = (used.get(id) ?? 0) + 1;
    used.set(id, n);
    return n === 1 ? id : `${id}.${n}`;
  };
  for (const [i, page] of pages.entries()) {
    const before = pages[i - 1];
    const previous = before?.page === page.page - 1 ? before : undefined;
    const placed: Placed[] = [];
    for (const mark of page.marks) {
      const term = termIn(mark.label);
      if (term) placed.push({ mark, term, page: page.page });
    }
    for (const fam of Object.keys(BLOCK_FAMILIES) as Family[]) {
      for (const cluster of verticalClusters(placed.filter((p) => p.term.family === fam))) {
        const kind = BLOCK_FAMILIES[fam]!;
        const id = uniqueId(BLOCK_IDS[fam]!);
        out.push({ group: toGroup(id, id, cluster), kind, key: id, members: cluster });
      }
    }
    const rowed = placed.filter((p) => !BLOCK_FAMILIES[p.term.family]);
    for (const row of mergeStacks(rows(rowed), CONCLUSION_FAMILIES)) {
      const families = [...new Set(row.map((p) => p.term.family))];
      // A stack (one option a line at one left edge) keeps its top-down order: its top line names the group.
      const stacked =
        row.length > 1 &&
        cy(row[row.length - 1]!.mark) - cy(row[0]!.mark) > 0.5 * h(row[0]!.mark) &&
        row.every((p) => Math.abs(p.mark.labelBbox[0] - row[0]!.mark.labelBbox[0]) <= h(row[0]!.mark));
      for (const fam of families) {
        const members = row
          .filter((p) => p.term.family === fam)
          .sort((a, b) => (stacked ? 0 : a.mark.bbox[0] - b.mark.bbox[0]));
        out.push(rowGroup(page, previous, fam, members, uniqueId));
      }
    }
  }
  return keyRepeatedLeads(out, pages);
}

/** An enumerator before a section number: （一）2.1组织环境与领导作用. */
const ENUMERATOR = /^[（(][一二三四五六七八九十]+[）)]\s*/;

/**
 * A lead printed before several graded rows (本部分评价：[√]符合 …, once a section) names no criterion: each such row
 * is the evaluation of the nearest section heading above it on its page (（一）2.1组织环境与领导作用), one row a section.
 */
function keyRepeatedLeads(groups: BuiltGroup[], pages: readonly OcrPage[]): BuiltGroup[] {
  const leads = new Map<string, number>();
  for (const g of groups) {
    if (g.kind === "conclusion" && !g.answers) leads.set(g.group.label, (leads.get(g.group.label) ?? 0) + 1);
  }
  const ids = new Set(groups.map((g) => g.group.id));
  return groups.map((g) => {
    if (g.kind !== "conclusion" || g.answers || (leads.get(g.group.label) ?? 0) < 2) return g;
    const m = g.members[0]!;
    const page = pages.find((p) => p.page === m.page);
    const above = (page?.lines ?? [])
      .filter((l) => l.bbox[3] <= m.mark.labelBbox[1] + 0.3 * h(m.mark))
      .sort((a, b) => b.bbox[3] - a.bbox[3]);
    for (const l of above) {
      const sec = SECTION.exec(repairNumbering(l.text.normalize("NFKC").trim().replace(ENUMERATOR, "")));
      if (!sec) continue;
      const id = `evaluation.${sec[1]!}`;
      if (ids.has(id)) return g;
      ids.add(id);
      const label = `${sec[1]!} ${clean(sec[2] ?? "")}`.trim();
      return { group: { ...g.group, id, label }, kind: "evaluation", key: sec[1]!, members: g.members };
    }
    return g;
  });
}

function rowGroup(
  page: OcrPage,
  previous: OcrPage | undefined,
  fam: Family,
  members: Placed[],
  uniqueId: (id: string) => string,
): BuiltGroup {
  // A stack's section number stands on any of its lines (a cell's label centred beside the stack): the first line
  // that holds one names the group, else the top line.
  const cells = members.map((p) => leftCells(page.lines, p.mark));
  const at = Math.max(
    0,
    cells.findIndex((c) => sectionIn(c) !== null),
  );
  const first = members[at]!.mark;
  const left = cells[at]!.join("");
  const sec = sectionIn(cells[at]!);
  if (CONCLUSION_FAMILIES.has(fam)) {
    // The criterion is keyed as printed (审核准则的要求, 满足法律法规要求的能力), without the number of a numbered
    // paragraph (1．管理体系文件：□有效 …); a heading above only counts when the row itself has no text before its
    // boxes (a 3.x line under "3.1 管理体系的策划").
    // A numbered row naming a conclusion criterion (4.1管理体系文件：（√）有效) is that conclusion, not a section.
    const named = sec ? CRITERION_QUESTIONS.find((q) => q.criterion === clean(sec[1])) : undefined;
    if (named) return conclusion(named.criterion, members, uniqueId);
    if (sec) return evaluation(sec[0], sec[1], members, uniqueId);
    if (left.length >= 2) return conclusion(withoutListNumber(left).slice(0, 30), members, uniqueId);
    const above = headingAbove(page, first) ?? headingClosingPage(page, previous, first);
    if (above) return evaluation(above[0], above[1], members, uniqueId);
    // A vertical option list (one box a line, nothing before the boxes) is named by the line printed over it.
    const caption = members.length > 1 ? captionAbove(page, previous, members) : null;
    if (caption) return conclusion(withoutListNumber(caption).slice(0, 30), members, uniqueId);
  }
  if (fam === "ncKind") {
    const id = uniqueId("ncKind");
    return { group: toGroup(id, left || "不符合性质", members), kind: "ncKind", key: id, members };
  }
  const base = fam === "method" ? "auditMethod" : `${fam}.${left.slice(0, 24) || `p${page.page}`}`;
  const id = uniqueId(base);
  return { group: toGroup(id, left || fam, members), kind: "other", key: id, members };
}

function conclusion(printed: string, members: Placed[], uniqueId: (id: string) => string): BuiltGroup {
  // A question (管理体系运行是否有效) is keyed by the criterion it asks about; the group keeps the printed words.
  const asked = criterionOfQuestion(printed);
  const criterion = asked?.criterion ?? printed;
  const id = uniqueId(`conclusion.${criterion}`);
  const group = toGroup(id, printed, members);
  return asked
    ? { group, kind: "conclusion", key: criterion, members, answers: asked.answers }
    : { group, kind: "conclusion", key: criterion, members };
}

function evaluation(
  section: string,
  title: string,
  members: Placed[],
  uniqueId: (id: string) => string,
): BuiltGroup {
  const id = uniqueId(`evaluation.${section}`);
  const label = `${section} ${title}`.trim();
  return { group: toGroup(id, label, members), kind: "evaluation", key: section, members };
}

function toGroup(id: string, label: string, members: readonly Placed[]): CheckboxGroup {
  return {
    id,
    label,
    options: members.map(({ mark, term, page }) => ({
      // The printed wording matters for recommendations; elsewhere the canonical option name.
      label: term.family === "recommendation" ? mark.label : term.display,
      state: mark.state,
      confidence: mark.confidence,
      page,
      bbox: mark.bbox,
      ...(mark.located === undefined ? {} : { located: mark.located }),
    })),
  };
}

/** Marks on one printed row: label centres within half a text height. */
function rows(placed: Placed[]): Placed[][] {
  const sorted = [...placed].sort((a, b) => cy(a.mark) - cy(b.mark));
  const out: Placed[][] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    // Against the row's nearest mark, not its first: a row read a little aslant drifts along its length (a
    // recovered label's box, 策足 for ☑满足, sat 12 px below the row's other end).
    if (last && Math.abs(cy(p.mark) - cy(last[last.length - 1]!.mark)) <= 0.5 * h(p.mark)) last.push(p);
    else out.push([p]);
  }
  return out;
}

/** Options stacked on lines one under another: split where the vertical gap exceeds four text heights. */
function verticalClusters(placed: Placed[]): Placed[][] {
  const sorted = [...placed].sort((a, b) => cy(a.mark) - cy(b.mark) || a.mark.bbox[0] - b.mark.bbox[0]);
  const out: Placed[][] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && cy(p.mark) - cy(prev.mark) <= 4 * h(p.mark)) last.push(p);
    else out.push([p]);
  }
  return out;
}

function clean(s: string): string {
  const chars = Array.from(s.normalize("NFKC")).filter((c) => !isSpace(c));
  while (
    chars.length > 0 &&
    (isBoxGlyph(chars[chars.length - 1]!) || /[:：,，、.。;；()（）|]/.test(chars[chars.length - 1]!))
  )
    chars.pop();
  return chars.join("");
}

/** Text printed on the mark's row left of its first box (the criterion, or a section heading), one string a table
 * cell: characters more than a text height and a half apart stand in different columns (序号 2.1 | 4 组织环境). */
function leftCells(lines: readonly OcrLine[], m: BoxMark): string[] {
  const stop = Math.min(m.bbox[0], m.labelBbox[0]);
  const top = m.labelBbox[1];
  const bottom = m.labelBbox[3];
  const parts: { x0: number; x1: number; ch: string }[] = [];
  for (const line of lines) {
    const overlap = Math.min(bottom, line.bbox[3]) - Math.max(top, line.bbox[1]);
    if (overlap < 0.5 * Math.min(bottom - top, line.bbox[3] - line.bbox[1])) continue;
    for (const c of lineChars(line))
      if ((c.x0 + c.x1) / 2 < stop) parts.push({ x0: c.x0, x1: c.x1, ch: c.ch });
  }
  parts.sort((a, b) => a.x0 - b.x0);
  const cells: string[] = [];
  let raw = "";
  for (const [i, p] of parts.entries()) {
    const prev = parts[i - 1];
    if (prev && p.x0 - prev.x1 > 1.5 * (bottom - top) && !isSpace(prev.ch)) {
      cells.push(raw);
      raw = "";
    }
    raw += p.ch;
  }
  cells.push(raw);
  // Keep the section number's spacing out of the way of the regex: "3.1 管理体系的策划" -> "3.1管理体系的策划".
  return cells.map(clean).filter((c) => c.length > 0);
}

/** The section a row's left text names: a section number alone in the row's first cell (its title the cells after
 * it, which may begin with a clause number of their own), else one at the start of the text. */
function sectionIn(cells: readonly string[]): [string, string] | null {
  const first = repairNumbering(cells[0] ?? "");
  if (cells.length > 1 && /^\d+(?:\.\d+)+$/.test(first)) return [first, clean(cells.slice(1).join(""))];
  const sec = SECTION.exec(repairNumbering(cells.join("")));
  return sec ? [sec[1]!, sec[2] ?? ""] : null;
}

/** A "3.2 ..." heading on one of the two lines just above the row (within ~3.5 text heights). */
function headingAbove(page: OcrPage, m: BoxMark): [string, string] | null {
  return headingIn(
    page.lines.filter(
      (l) => l.bbox[3] <= m.labelBbox[1] + 0.3 * h(m) && l.bbox[3] >= m.labelBbox[1] - 3.5 * h(m),
    ),
  );
}

/** The text of the line just over a stack of options (1．管理体系文件 over □有效 / □基本有效 / □无效): within two and a
 * half text heights of its top box, starting left of the boxes, holding no box of its own; for a stack that opens its
 * page, the last line of the page before when that holds no box. */
function captionAbove(
  page: OcrPage,
  previous: OcrPage | undefined,
  members: readonly Placed[],
): string | null {
  const top = members[0]!.mark;
  const boxless = (p: OcrPage) => (l: OcrLine) =>
    !p.marks.some((m) => cy(m) >= l.bbox[1] && cy(m) <= l.bbox[3]) && !isPageFurniture(l);
  const over = page.lines.filter((l) => l.bbox[3] <= top.labelBbox[1] + 0.3 * h(top) && !isPageFurniture(l));
  const near = over.filter(
    (l) => l.bbox[3] >= top.labelBbox[1] - 2.5 * h(top) && l.bbox[0] <= top.bbox[0] + h(top),
  );
  const last = (ls: readonly OcrLine[]) => [...ls].sort((a, b) => b.bbox[3] - a.bbox[3])[0];
  const line =
    over.length === 0 && previous ? last(previous.lines.filter((l) => !isPageFurniture(l))) : last(near);
  const text = line && boxless(over.length === 0 && previous ? previous : page)(line) ? clean(line.text) : "";
  return text.length >= 2 ? text : null;
}

/** A row that opens its page (nothing but page furniture above it) under a heading that closed the page before
 * (3.5 体系支持 the last line of page 3, its boxes the first of page 4). */
function headingClosingPage(
  page: OcrPage,
  previous: OcrPage | undefined,
  m: BoxMark,
): [string, string] | null {
  if (!previous) return null;
  const above = page.lines.filter((l) => l.bbox[3] <= m.labelBbox[1] + 0.3 * h(m) && !isPageFurniture(l));
  if (above.length > 0) return null;
  return headingIn(previous.lines.filter((l) => !isPageFurniture(l)));
}

/** The heading on one of the two lowest of these lines. */
function headingIn(lines: readonly OcrLine[]): [string, string] | null {
  const above = [...lines].sort((a, b) => b.bbox[3] - a.bbox[3]).slice(0, 2);
  for (const l of above) {
    const sec = SECTION.exec(repairNumbering(l.text.normalize("NFKC").trim()));
    if (sec) return [sec[1]!, clean(sec[2] ?? "")];
  }
  return null;
}
