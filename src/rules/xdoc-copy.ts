import type { Flag } from "../domain/flag.ts";
import type { Report, Section, SectionLine } from "../domain/record.ts";
import { OPTION_GROUPS, type OptionGroupLexicon, optionWords } from "../lexicon/options.ts";
import type { RulesConfig } from "./config.ts";
import { compact, innermostFirst, isTemplateLine, sectionEvidence, sectionMatches } from "./context.ts";
import { type CrossContext, type CrossRuleDef, flag, label, orgKey, push } from "./xdoc-base.ts";

/** XDOC-COPIED-NARRATIVE: the same long passage in reports of two different organisations. */

/** 32-bit FNV-1a: shingles are indexed as numbers, not strings, to keep the index small. */
function hash(text: string, from: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Most reports sharing one window before it counts as template regardless of batch size. */
const MAX_FANOUT = 32;
/** Share of a passage's windows that must be shared for it to count as one copied passage. */
const MIN_DENSITY = 0.6;

interface Unit {
  rec: number;
  section: Report["sections"][number];
  text: string;
}

/** A cited standard with its title ("GB/T20273-2019信息安全技术数据库管理系统安全技术要求"), up to the next
 * separator. Clients in one trade apply the same product standards, so a list of them is the same in their
 * reports by nature, not by copying; it is left out of the comparison. */
const STANDARD_CITATION =
  /(?:GB|HJ|JGJ|YY|SN|SB|QB|DB\d*|ISO|IEC|IATF)(?:\/[TZ])?[\d.]+(?:[-—–]\d{2,4})?(?:\/(?:ISO|IEC)[\d.]+(?::\d{4})?)*[^;；。,，、]{0,40}/gi;

type Box = { page: number; bbox: readonly [number, number, number, number] };

/** Whether a line holds one of the report's tick boxes: beside it on the page (the box may stand before, after or
 * inside the words OCR read), overlapping it in height by half the box at least. */
function holdsBox(line: SectionLine, boxes: readonly Box[]): boolean {
  const [x0, y0, x1, y1] = line.bbox;
  return boxes.some(({ page, bbox: [bx0, by0, bx1, by1] }) => {
    if (page !== line.page) return false;
    const size = Math.max(by1 - by0, bx1 - bx0, 1);
    const overlap = Math.min(y1, by1) - Math.max(y0, by0);
    return overlap >= 0.5 * (by1 - by0) && bx1 >= x0 - 2 * size && bx0 <= x1 + 2 * size;
  });
}

/** Each option family's printed words (Chinese and English) of two characters or more, longest first: a word
 * inside a longer one (有效 in 基本有效, effective in Ineffective) is taken by the longer. One-character words (是, 否)
 * are left out: 是否 in a sentence is no option row. */
const OPTION_WORDS: readonly { family: number; option: number; word: string }[] = Object.values(OPTION_GROUPS)
  .flatMap((g: OptionGroupLexicon, family) =>
    g.options.flatMap((o, option) =>
      optionWords(o).map((w) => ({
        family,
        option,
        word: w.normalize("NFKC").replace(/\s+/g, "").toUpperCase(),
      })),
    ),
  )
  .filter((w) => w.word.length >= 2)
  .sort((a, b) => b.word.length - a.word.length);

interface Named {
  /** A printed option row: two options of one family (体系运行 Effective 有效 Partly effective 基本有效), or a cell
   * of nothing but an option's words where a row wrapped (Ineffective 无效). */
  row: boolean;
  /** The options of listed families (printed one option per line) the line names, as "family:option". */
  listed: readonly string[];
}

const LISTED = new Set(
  Object.values(OPTION_GROUPS).flatMap((g: OptionGroupLexicon, family) => (g.listed ? [family] : [])),
);

function optionsNamed(line: string): Named {
  let rest = line.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  const seen = new Map<number, Set<number>>();
  for (const w of OPTION_WORDS) {
    if (!rest.includes(w.word)) continue;
    rest = rest.split(w.word).join(" ");
    const set = seen.get(w.family) ?? new Set<number>();
    set.add(w.option);
    seen.set(w.family, set);
  }
  const row =
    [...seen.values()].some((set) => set.size >= 2) ||
    (seen.size > 0 && rest.replace(/[\s\p{P}\p{S}\d]/gu, "").length <= 1);
  const listed = [...seen]
    .filter(([family]) => LISTED.has(family))
    .flatMap(([family, set]) => [...set].map((option) => `${family}:${option}`));
  return { row, listed };
}

/** Lines of printed options: rows, and options of a listed family printed one per line as sentences (The audit team
 * recommends … 审核组推荐认证注册 / Certification is recommended once … / … does not recommend …): a line naming
 * such an option within two lines of a line naming another option of its family. */
function optionLines(lines: readonly string[]): boolean[] {
  const named = lines.map(optionsNamed);
  return named.map((n, i) => {
    if (n.row) return true;
    const family = (key: string) => key.split(":")[0];
    return [i - 2, i - 1, i + 1, i + 2].some((j) =>
      (named[j]?.listed ?? []).some((other) =>
        n.listed.some((mine) => other !== mine && family(other) === family(mine)),
      ),
    );
  });
}

/** A section's narrative in blocks: runs of lines between the form's printed rows, option lists (isTemplateLine),
 * lines holding a tick box the report was read with and running heads and feet. Two clients' reports on one body's
 * form print the same option rows and labels around their boxes (Effective 有效 □ Partly effective 基本有效 □,
 * （）推荐认证注册；（√）在…后推荐认证注册); that is the form, not narrative copied from one client to another. A passage
 * never runs across such a line: with it left out, the form's labels either side (纠正措施提交期限 / page foot /
 * 结论与推荐) would join into one passage no client wrote. */
function narrativeBlocks(
  section: Section,
  boxes: readonly Box[],
  config: RulesConfig,
  furniture: ReadonlySet<string> = new Set(),
): string[] {
  const texts = section.lines ? section.lines.map((l) => l.text) : section.text.split(/\r?\n/);
  const options = optionLines(texts);
  const kept = texts.map((t, i) => {
    const line = section.lines?.[i];
    const form = line !== undefined && (holdsBox(line, boxes) || furniture.has(runningKey(line)));
    return !options[i] && !isTemplateLine(t, config) && !form;
  });
  const blocks: string[] = [];
  let run: string[] = [];
  texts.forEach((t, i) => {
    if (kept[i]) run.push(t);
    else if (run.length > 0) {
      blocks.push(run.join(""));
      run = [];
    }
  });
  if (run.length > 0) blocks.push(run.join(""));
  return blocks;
}

/** A line as a running head or foot repeats it: without its digits (page and report numbers) and spaces. */
const runningKey = (l: SectionLine) => compact(l.text).replace(/\d+/g, "#");

/** Running heads and feet of one report (BSI-2025-0398 Page 2 of 5 第2页共5页): the first or last line of a page
 * whose text, digits aside, is the first or last line of another page too. Printed by the form on every page, they
 * are the same in two clients' reports by nature; they are page furniture, not narrative. */
export function runningLines(sections: readonly Section[]): Set<string> {
  const byPage = new Map<number, SectionLine[]>();
  const seen = new Set<string>();
  for (const l of sections.flatMap((s) => s.lines ?? [])) {
    const id = `${l.page}|${l.bbox.join(",")}`;
    if (seen.has(id)) continue;
    seen.add(id);
    byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  }
  const pagesOf = new Map<string, Set<number>>();
  for (const [page, lines] of byPage) {
    const sorted = [...lines].sort((a, b) => a.bbox[1] - b.bbox[1]);
    const ends = new Set([sorted[0], sorted[sorted.length - 1]]);
    for (const l of ends) {
      if (l === undefined) continue;
      const key = runningKey(l);
      pagesOf.set(key, (pagesOf.get(key) ?? new Set()).add(page));
    }
  }
  return new Set([...pagesOf].filter(([, pages]) => pages.size >= 2).map(([key]) => key));
}

function units(ctx: CrossContext): Unit[] {
  // Innermost sections first within each record: on equal passages the most precise section is cited.
  return ctx.records.flatMap((rec, i) => {
    const boxes = rec.report.checkboxGroups.flatMap((g) => g.options);
    const furniture = runningLines(rec.report.sections);
    return innermostFirst(rec.report.sections)
      .filter((s) => !sectionMatches(s, ctx.config.xdoc.boilerplateSections))
      .flatMap((section) =>
        narrativeBlocks(section, boxes, ctx.config, furniture).map((block) => ({
          rec: i,
          section,
          text: compact(block).replace(STANDARD_CITATION, "；"),
        })),
      )
      .filter((u) => u.text.length >= ctx.config.xdoc.minPassageChars);
  });
}

/** Shingling: every k-character window of every narrative section is indexed with the reports holding it.
 * A window held by most reports of the batch is the body's template (说明, 承诺, standard wording) and
 * ignored. Then, per section, windows shared with one other organisation's report are chained into
 * passages, bridging small gaps (OCR noise, a changed name); a passage of minPassageChars or more is copy. */
export const copiedNarrative: CrossRuleDef["check"] = (ctx) => {
  const out = new Map<string, Flag[]>();
  const {
    shingleChars: k,
    minPassageChars,
    maxGapChars,
    boilerplateShare,
    boilerplateMinDocs,
  } = ctx.config.xdoc;
  const all = units(ctx);
  // Lists stop growing at the template threshold (capped so a huge batch stays linear): past it a window
  // is template wording and never compared, so its holders need not be known.
  const template = Math.min(
    MAX_FANOUT,
    Math.max(boilerplateMinDocs, Math.ceil(boilerplateShare * ctx.records.length)),
  );
  const index = new Map<number, number[]>();
  for (const u of all) {
    for (let i = 0; i + k <= u.text.length; i++) {
      const h = hash(u.text, i, k);
      const list = index.get(h);
      // Units come in record order, so a record already listed is the last entry.
      if (!list) index.set(h, [u.rec]);
      else if (list[list.length - 1] !== u.rec && list.length < template) list.push(u.rec);
    }
  }
  // Text one certification body prints in many clients' reports (form instructions, NC-form boilerplate) is its
  // template, however small a share of a mixed batch that body's reports are.
  const bodyOf = ctx.records.map((r) => {
    const b = r.report.certificationBody.value;
    return b ? compact(b) : null;
  });
  const bodyTemplate = new WeakMap<number[], boolean>();
  const isBodyTemplate = (list: number[]): boolean => {
    const known = bodyTemplate.get(list);
    if (known !== undefined) return known;
    const counts = new Map<string, number>();
    for (const rec of list) {
      const b = bodyOf[rec];
      if (b) counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    const yes = [...counts.values()].some((n) => n >= boilerplateMinDocs);
    bodyTemplate.set(list, yes);
    return yes;
  };
  const best = new Map<string, { length: number; unit: Unit; from: number; other: number }>();
  for (const u of all) {
    const mine = orgKey(ctx.records[u.rec]!);
    if (mine === null) continue;
    const positions = new Map<number, number[]>();
    for (let i = 0; i + k <= u.text.length; i++) {
      const list = index.get(hash(u.text, i, k))!;
      if (list.length >= template || isBodyTemplate(list)) continue;
      for (const other of list) {
        if (other === u.rec) continue;
        const theirs = orgKey(ctx.records[other]!);
        if (theirs === null || theirs === mine) continue;
        const ps = positions.get(other) ?? [];
        ps.push(i);
        positions.set(other, ps);
      }
    }
    for (const [other, ps] of positions) {
      let start = ps[0]!;
      let last = start;
      let shared = 1;
      const close = () => {
        const length = last - start + k;
        const key = `${u.rec}|${other}`;
        // Nearly identical: most windows of the passage are shared, not a few islands bridged by gaps.
        const dense = shared / (last - start + 1) >= MIN_DENSITY;
        if (dense && length >= minPassageChars && length > (best.get(key)?.length ?? 0)) {
          best.set(key, { length, unit: u, from: start, other });
        }
      };
      for (const p of ps.slice(1)) {
        // One misread character removes k windows, so a gap of k plus maxGapChars still continues a passage.
        if (p - last > k + maxGapChars) {
          close();
          start = p;
          shared = 0;
        }
        last = p;
        shared++;
      }
      close();
    }
  }
  for (const [key, b] of best) {
    const rec = ctx.records[Number(key.split("|")[0])]!;
    const quote = b.unit.text.slice(b.from, b.from + Math.min(b.length, 60));
    push(
      out,
      rec.document.id,
      flag(
        ctx,
        `${b.unit.section.id} 有一段约 ${b.length} 字的内容与${label(ctx.records[b.other]!)}几乎相同：“${quote}…”`,
        // The passage's line is where it starts.
        [sectionEvidence(b.unit.section, quote, quote.slice(0, 16))],
      ),
    );
  }
  return out;
};
