import type { Bbox } from "../../domain/geometry.ts";
import type { Section, SectionLine } from "../../domain/record.ts";
import { OPTION_GROUPS } from "../../lexicon/options.ts";
import { HEADING_OPTION_GROUPS } from "../../lexicon/sections.ts";
import { CONFUSABLE_SHARE, classChar, confusions } from "../../noise/confusions.ts";
import { noiseModel } from "../../noise/model.ts";
import { stripBoxGlyphs } from "./chars.ts";
import type { DocLine } from "./lines.ts";
import { alternation } from "./pattern.ts";

export interface Heading {
  id: string;
  title: string;
  /** 1 = 第一部分, 2 = 一、, 3 = (一), 4+ = 1.1 / 1.5.2 by depth, 9 = 1) / 1、 items. */
  level: number;
  line: DocLine;
  /** Where the heading's own content starts in line.text (after the title and a colon). */
  contentStart: number;
  /** The numbering as read, where the document's numbering showed it to be another (a list's number before it). */
  readId?: string;
}

export interface FoundSection extends Section {
  level: number;
  /** Body lines as read, the heading line first. */
  lines: DocLine[];
  /** Each line of `text` with its page and box (the record's Section.lines). */
  textLines: SectionLine[];
  heading: Heading;
}

/** A line of text where it was read, as `text` holds it; the heading line's content (trimmed, as in `text`) is
 * boxed from its first character on. */
function textLine(line: DocLine, from = 0): SectionLine | null {
  const text = from > 0 ? line.text.slice(from).trim() : line.text;
  if (text.length === 0) return null;
  const boxes = line.charBoxes.slice(from);
  const bbox: Bbox =
    from > 0 && boxes.length > 0
      ? [
          Math.min(...boxes.map((b) => b[0])),
          Math.min(...boxes.map((b) => b[1])),
          Math.max(...boxes.map((b) => b[2])),
          Math.max(...boxes.map((b) => b[3])),
        ]
      : line.bbox;
  return { text, page: line.page, bbox };
}

function textLinesOf(lines: readonly DocLine[], firstFrom: number): SectionLine[] {
  return lines
    .map((l, i) => textLine(l, i === 0 ? firstFrom : 0))
    .filter((l): l is SectionLine => l !== null);
}

const CN_NUM = "[一二三四五六七八九十]{1,3}";
/** One mark where a numeral was printed: no letter, digit, Chinese character, bracket (an opening bracket as OCR
 * reads one, the noise model's class: 〈 for （), quote or 、 (a glyph the engine could not read as a numeral, whatever
 * mark it made of it). */
const UNREAD_NUMERAL = `[^\\s\\w\\u3400-\\u9fff${confusions().bracketClass("（")}【"“‘、]`;
// Option words printed after a title, each behind a box glyph that OCR reads as some character (the noise model's
// measured box readings).
const HEADING_OPTIONS = alternation(
  HEADING_OPTION_GROUPS.flatMap((g) => OPTION_GROUPS[g].options.flatMap((o) => o.zh)).sort(
    (a, b) => b.length - a.length,
  ),
);
const OPTION_WORDS = new RegExp(
  `(?:\\s*[${noiseModel().boxGlyphClass()}]?\\s*(?:${HEADING_OPTIONS})\\s*)+$`,
  "u",
);

/** A title of English words followed by the same title in Chinese (Audit Findings 审核发现). */
const BILINGUAL_PART = /^[A-Za-z][A-Za-z .,'&/()-]{2,50}\s*[\u4e00-\u9fa5]{2,12}$/;

const look = confusions();
// A numbering's dot as OCR reads it: full-width, or a mark the noise model measured read for a dot as often as
// confusable pairs are (a comma; 、 read for a dot twice in three thousand is a list's mark, not a dot).
const DOT = `.．${look.readingsOf(".", CONFUSABLE_SHARE, "mark").map(classChar).join("")}`;
const D = look.digitClass();
const NUMBERING = new RegExp(`^([${D}]+(?:\\s*[${DOT}]\\s*[${D}]+)+)`);
const DOT_READ = new RegExp(`[${DOT}]`, "g");

// A list item's number (1．, 2、, (3), 4)) as OCR reads it: one level, its dot any mark read for one.
const LIST_ITEM = new RegExp(`^\\s*(?:[${D}]{1,2}\\s*[${DOT}、)）](?![${D}.．])|[(（][${D}]{1,2}[)）])\\s*`);

/** The words of a numbered paragraph without its list number (1．管理体系文件, (2)体系运行 → 体系运行); the text as
 * it is when it has no list number or nothing would be left. */
export function withoutListNumber(s: string): string {
  const m = LIST_ITEM.exec(s);
  const rest = m ? s.slice(m[0].length) : s;
  return Array.from(rest).length >= 2 ? rest : s;
}

/** OCR variants of numbering: "1. 5. 2", "1．5．2", and letters read for digits (the noise model's: I.5.2) mean
 * 1.5.2; a numbering with no digit read as one is no numbering. */
export function repairNumbering(s: string): string {
  return s.replace(NUMBERING, (m) =>
    /\d/.test(m) ? look.readDigits(m.replace(/\s/g, "").replace(DOT_READ, ".")) : m,
  );
}

function titleOf(rest: string): { title: string; contentOffset: number } {
  const colon = rest.search(/[:：]/);
  const raw = colon >= 0 ? rest.slice(0, colon) : rest;
  const title = stripBoxGlyphs(raw.replace(/\t/g, " ")).replace(OPTION_WORDS, "").replace(/\s+/g, " ").trim();
  return { title, contentOffset: colon >= 0 ? colon + 1 : rest.length };
}

/** A line that starts a numbered section, in any of the numbering styles reports use. */
export function headingOf(line: DocLine): Heading | null {
  const text = repairNumbering(line.text.trimStart());
  const shift = line.text.length - line.text.trimStart().length;
  const patterns: { re: RegExp; level: (m: RegExpMatchArray) => number; item?: boolean }[] = [
    { re: new RegExp(`^(第${CN_NUM}(?:部分|章|节))\\s*[、.:：]?\\s*`), level: () => 1 },
    // A numeral OCR read as a mark (三 as ":" in ":、 组织的管理体系…"): its number is the one after the previous such
    // heading (findSections). Taken only before 、, where no sentence puts a mark.
    { re: new RegExp(`^(${CN_NUM}|${UNREAD_NUMERAL}(?=\\s*、))\\s*[、.．]\\s*`), level: () => 2 },
    { re: new RegExp(`^([(（]${CN_NUM}[)）])\\s*`), level: () => 3 },
    { re: /^(\d{1,2}(?:\.\d{1,2}){1,3})(?![\d.])\s*/, level: (m) => 3 + m[1]!.split(".").length - 1 },
    { re: /^(\d{1,2}[、.．)）]|[(（]\d{1,2}[)）])(?![\d.])\s*/, level: () => 9, item: true },
  ];
  for (const p of patterns) {
    const m = text.match(p.re);
    if (!m) continue;
    const rest = text.slice(m[0].length);
    if (!/^[\u4e00-\u9fa5A-Za-z"“《]/.test(rest)) continue;
    const { title, contentOffset } = titleOf(rest);
    if (title.length === 0 || title.length > 60) continue;
    // A numbered list item is a section only when it reads like a heading, not a sentence.
    if (
      p.item &&
      (title.length > 24 || /[。，,；;]/.test(title) || (contentOffset === rest.length && /。$/.test(rest)))
    ) {
      continue;
    }
    // A numbered heading printed English first with its Chinese after it (4. Nonconformities 不符合项): a part of the
    // form, not a list item, so the section above it (2.6 …) ends there.
    const part = p.item === true && BILINGUAL_PART.test(title);
    const id = m[1]!
      .replace(/[.．、]$/, "")
      .replace(/（/g, "(")
      .replace(/）/g, ")");
    const lengthDelta = line.text.trimStart().length - text.length;
    return {
      id,
      title,
      level: part ? 2 : p.level(m),
      line,
      contentStart: Math.min(line.text.length, shift + lengthDelta + m[0].length + contentOffset),
    };
  }
  return null;
}

function unionBoxes(lines: DocLine[]): Bbox | null {
  if (lines.length === 0) return null;
  const first = lines[0]!;
  const same = lines.filter((l) => l.page === first.page);
  return [
    Math.min(...same.map((l) => l.bbox[0])),
    Math.min(...same.map((l) => l.bbox[1])),
    Math.max(...same.map((l) => l.bbox[2])),
    Math.max(...same.map((l) => l.bbox[3])),
  ];
}

/** Numbered sections; each runs to the next heading of the same or a higher level, so a 3.x section
 * includes its 1) 2) items. The bbox covers the section on its first page. */
const CN_DIGITS = "一二三四五六七八九十";

const MISREAD_NUMBER = new RegExp(`^${UNREAD_NUMERAL}$`);

/** A top-level heading numbered with a mark ("=", ":") takes the number after the previous top-level heading's (二、 … =、 → 三); with
 * none before it, or none to count on from, it is no heading. */
function renumberMisread(headings: readonly Heading[]): Heading[] {
  const out: Heading[] = [];
  let previous: string | null = null;
  for (const h of headings) {
    if (h.level !== 2) {
      out.push(h);
      continue;
    }
    if (MISREAD_NUMBER.test(h.id)) {
      const at = previous?.length === 1 ? CN_DIGITS.indexOf(previous) : -1;
      if (at < 0 || at + 1 >= CN_DIGITS.length) continue;
      out.push({ ...h, id: CN_DIGITS[at + 1]! });
    } else out.push(h);
    previous = out[out.length - 1]!.id;
  }
  return out;
}

const DOTTED = /^\d{1,2}(?:\.\d{1,2}){2,3}$/;
/** Fewest headings in a run before their leading numbers are taken for a list's. */
const MIN_LIST_RUN = 3;

/** A list's item number before a section number, the space between them lost in reading ("1. 2.1 组织环境…" read
 * 1.2.1, then 2.2.2, 3.2.3): a run of dotted headings whose first numbers count 1, 2, 3 … while what follows them
 * differs from heading to heading is numbered by the section numbers that follow. (1.1.1, 2.1.1 … repeat what
 * follows: a real numbering; so does 1.2.1, 1.2.2, whose first number does not count on.) */
function dropListNumbers(headings: readonly Heading[]): Heading[] {
  const out = [...headings];
  const dotted = headings.flatMap((h, at) =>
    DOTTED.test(h.id)
      ? [{ at, h, lead: Number(h.id.split(".")[0]), rest: h.id.slice(h.id.indexOf(".") + 1) }]
      : [],
  );
  let start = 0;
  while (start < dotted.length) {
    let end = start + 1;
    while (end < dotted.length && dotted[end]?.lead === (dotted[end - 1]?.lead ?? 0) + 1) end++;
    const run = dotted.slice(start, end);
    if (
      run[0]?.lead === 1 &&
      run.length >= MIN_LIST_RUN &&
      new Set(run.map((d) => d.rest)).size === run.length
    ) {
      for (const d of run)
        out[d.at] = { ...d.h, id: d.rest, readId: d.h.id, level: 3 + d.rest.split(".").length - 1 };
    }
    start = end;
  }
  return out;
}

export function findSections(lines: readonly DocLine[]): FoundSection[] {
  const headings = dropListNumbers(
    renumberMisread(lines.map(headingOf).filter((h): h is Heading => h !== null)),
  );
  const all = headings.map((h, i) => {
    const next = headings.slice(i + 1).find((o) => o.level <= h.level);
    const endIndex = next ? next.line.index : lines.length;
    const body = lines.slice(h.line.index, endIndex);
    const firstText = h.line.text.slice(h.contentStart).trim();
    const text = [firstText, ...body.slice(1).map((l) => l.text)].filter((t) => t.length > 0).join("\n");
    return {
      id: h.id,
      title: h.title,
      page: h.line.page,
      bbox: unionBoxes(body),
      text,
      level: h.level,
      lines: body,
      textLines: textLinesOf(body, h.contentStart),
      heading: h,
    };
  });
  return mergeRepeatedIds(all);
}

/** Some layouts list 2.1 … 2.6 in an evaluation table and then write a paragraph per clause starting with the
 * same number: one section per dotted id, its texts joined in order. ("1)" items repeat under different
 * parents and are left alone.) */
function mergeRepeatedIds(sections: FoundSection[]): FoundSection[] {
  const out: FoundSection[] = [];
  for (const s of sections) {
    const first = s.id.includes(".") ? out.find((o) => o.id === s.id) : undefined;
    if (!first) {
      out.push(s);
      continue;
    }
    const rest = [s.heading.line.text, ...s.lines.slice(1).map((l) => l.text)].join("\n");
    first.text = first.text ? `${first.text}\n${rest}` : rest;
    first.lines = [...first.lines, ...s.lines];
    first.textLines = [...first.textLines, ...textLinesOf(s.lines, 0)];
  }
  return out;
}

/** Lines of the body (heading line excluded) up to the next heading of any level. */
export function immediateBody(section: FoundSection, lines: readonly DocLine[]): DocLine[] {
  const out: DocLine[] = [];
  for (const l of lines.slice(section.heading.line.index + 1)) {
    if (headingOf(l)) break;
    out.push(l);
  }
  return out;
}
