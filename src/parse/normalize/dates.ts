import { DAY_ORDINALS, MONTH_NAMES } from "../../lexicon/months.ts";
import { RANGE_SEPARATORS } from "../../lexicon/punctuation.ts";
import { classChar, confusions } from "../../noise/confusions.ts";
import { escapeRegExp } from "../text/pattern.ts";
import { CHINESE_NUMERAL_CLASS, chineseToNumber, toHalfWidth } from "./numbers.ts";

export type HalfDay = "am" | "pm";

export interface DateMatch {
  /** ISO date, or null when the printed date cannot exist (2月30日, 13月). */
  iso: string | null;
  year: number;
  month: number;
  day: number;
  half: HalfDay | null;
  /** Minutes after midnight when a clock time is printed. */
  minutes: number | null;
  start: number;
  end: number;
  raw: string;
}

const CN = `[${CHINESE_NUMERAL_CLASS}]`;
const look = confusions();
// A digit as OCR reads one in a number: the digits and the letters the noise model measured read for them.
const D = `[${look.digitClass()}]`;
// The letters 〇 is read as (the noise model's: O).
const ZERO_READ = look.readingsOf("〇", 0, "latin").join("");
// Years in Chinese numerals as OCR garbles them: 〇 dropped, misread or doubled ("二O〇二四").
// Any one or two glyphs but numerals or separators may stand for 〇 ("二加二由年", "二@Q二三年"): the year
// still needs 年 after it.
// Its last numeral may be read as what the noise model measured it read as (四 as 由: 二二由 = 2024).
const NOISY_CN_YEAR = `二(?:[^\\s\\d年月日至到十一二三四五六七八九]{1,2})?二[〇○一二三四五六七八九${look.numeralReadings().join("")}]`;
// A year in Chinese numerals may be read with a gap inside (二 〇二五: the line reader took a wide space for a
// cell break).
const CN_YEAR = `[${CHINESE_NUMERAL_CLASS}${ZERO_READ}](?:[ \\t]?[${CHINESE_NUMERAL_CLASS}${ZERO_READ}]){3}`;
const YEAR = `(${D}{4}|${CN_YEAR}|${NOISY_CN_YEAR})`;
const NUM = `(${D}{1,2}|${CN}{1,3})`;
// A time's colon as OCR reads it: also with a semicolon beside it (12;:00).
const COLON = "(?:[:：][;；]?|[;；][:：])";
// Seconds may follow behind a lone semicolon (8:30;00): after hours and minutes no list goes on.
const TIME = `(?:\\s*(\\d{1,2})${COLON}(\\d{2})(?:(?:${COLON}|[;；])\\d{2})?)?`;
const HALF = "(?:\\s*(上午|下午|AM|PM|am|pm))?";

// 2023年11月08日, 二〇二三年十一月八日, 2023-11-08, 2023.11.8, 2023/11/8 (+ optional time and half day; OCR may
// lose the space before the time: 2023-07-1812:00:00).
// 日 as OCR reads it (the noise model's measured readings of 日: 月 of "十二月四月", 朋, 昌), possibly after one stray
// character ("07有日"). Any other single glyph stands for 日 when a half day, a time or the range separator
// follows ("18朋上午至").
const DAY_READ = look.readingsOf("日", 0, "han").join("");
const DAY_MARK = `(?:[^\\d\\s年月至到]?[日号${DAY_READ}]|[^\\d\\s年月日至到:：,，。;；](?=\\s*(?:上午|下午|\\d{1,2}[:：]\\d\\d|至|到|[-~～—])))?`;
// A year inside a code (ZJGX-2024-0562, HX-2024-0317: a contract or report number) starts no date.
const NOT_IN_CODE = "(?<![A-Za-z][A-Za-z0-9]*[-_/])";
const FULL = new RegExp(
  `${NOT_IN_CODE}${YEAR}\\s*(?:年\\s*${NUM}\\s*月\\s*${NUM}\\s*${DAY_MARK}|[-./]\\s*${NUM}\\s*[-./]\\s*${NUM}(?:(?![0-9])|(?=\\d{1,2}${COLON}\\d\\d))|[-./](${D}{2})(${D}{2})(?![0-9]))${TIME}${HALF}`,
  "g",
);
// English dates, built from the lexicon's month names (longest first, so March is not read as Mar + ch):
// 12 March 2024, 12-Mar-2024, 12Mar2024 (OCR drops the spaces), March 12, 2024, Mar.12,2024 (+ time, half day).
const MONTH_WORDS = MONTH_NAMES.flatMap((names, i) =>
  names.map((n) => ({ word: n.toLowerCase(), month: i + 1 })),
).sort((a, b) => b.word.length - a.word.length);
const MONTH_ALT = MONTH_WORDS.map((w) => w.word).join("|");
const ORDINAL = `(?:${DAY_ORDINALS.join("|")})?`;
const EN_DAY_FIRST = `(?<![0-9])(\\d{1,2})${ORDINAL}[\\s\\-./]*(${MONTH_ALT})\\.?(?![a-z])[\\s\\-./,]*(\\d{4})(?![0-9])`;
const EN_MONTH_FIRST = `(?<![a-z])(${MONTH_ALT})\\.?[\\s\\-./]*(\\d{1,2})${ORDINAL}(?![0-9])\\s*[,.]?\\s*(\\d{4})(?![0-9])`;
const EN_FULL = new RegExp(`(?:${EN_DAY_FIRST}|${EN_MONTH_FIRST})${TIME}${HALF}`, "gi");

/** What starts a date: a digit, or an English month name (…2023 – Jan 24, 20 cut off is an unread end). */
const DATE_START = new RegExp(`^(?:\\d|(?:${MONTH_ALT})(?![a-z]))`, "i");

function monthOfWord(word: string): number {
  return MONTH_WORDS.find((w) => w.word === word.toLowerCase())?.month ?? Number.NaN;
}

// Parts without a year, used for the second end of a range: 11月08日, 08日.
const MONTH_DAY = new RegExp(`^${NUM}\\s*月\\s*${NUM}\\s*${DAY_MARK}${TIME}${HALF}`);
// (A day alone takes only readings that mostly stand for 日: 月 after a number is a month.)
const DAY_ONLY = new RegExp(`^${NUM}\\s*[日号${look.foldsTo("日").join("")}]${TIME}${HALF}`);

function num(s: string | undefined): number {
  if (s === undefined) return Number.NaN;
  const fixed = look.readDigits(s);
  return /^\d+$/.test(fixed) ? Number(fixed) : (chineseToNumber(fixed) ?? Number.NaN);
}

function yearNum(printed: string): number {
  const s = printed.replace(/[ \t]/g, "");
  const exact = num(s);
  if (Number.isFinite(exact) && exact >= 1900) return exact;
  const noisy = s.match(new RegExp(`^${NOISY_CN_YEAR}$`)) ? s[s.length - 1]! : null;
  return noisy ? 2020 + (chineseToNumber(look.numeral(noisy) ?? noisy) ?? Number.NaN) : exact;
}

export function isoOf(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const dt = new Date(Date.UTC(year, month - 1, day));
  if (dt.getUTCMonth() !== month - 1) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function halfOf(s: string | undefined): HalfDay | null {
  if (!s) return null;
  return s === "上午" || s.toLowerCase() === "am" ? "am" : "pm";
}

function minutesOf(h: string | undefined, m: string | undefined, half: HalfDay | null): number | null {
  if (h === undefined || m === undefined) return null;
  let hour = Number(h);
  if (half === "pm" && hour < 12) hour += 12;
  return hour * 60 + Number(m);
}

function build(
  y: number,
  mo: number,
  d: number,
  h: string | undefined,
  mi: string | undefined,
  halfRaw: string | undefined,
  start: number,
  raw: string,
): DateMatch {
  const half = halfOf(halfRaw);
  return {
    iso: isoOf(y, mo, d),
    year: y,
    month: mo,
    day: d,
    half,
    minutes: minutesOf(h, mi, half),
    start,
    end: start + raw.length,
    raw,
  };
}

/** Every full date (with a year) in a text, in order. Positions refer to the given text. */
export function findDates(text: string): DateMatch[] {
  const t = toHalfWidth(text);
  const out: DateMatch[] = [];
  for (const m of t.matchAll(FULL)) {
    const y = yearNum(m[1]!);
    // Groups: 年月日 (2, 3), Y-M-D (4, 5), Y.MMDD with a separator lost to OCR (6, 7).
    const mo = num(m[2] ?? m[4] ?? m[6]);
    const d = num(m[3] ?? m[5] ?? m[7]);
    if (!Number.isFinite(y) || y < 1900 || y > 2100 || !Number.isFinite(mo) || !Number.isFinite(d)) continue;
    if (mo > 99 || d > 99) continue;
    out.push(lateTime(t, build(y, mo, d, m[8], m[9], m[10], m.index, m[0])));
  }
  for (const m of t.matchAll(EN_FULL)) {
    // Groups: day-first (1 day, 2 month, 3 year), month-first (4 month, 5 day, 6 year), time (7, 8), half (9).
    const y = Number(m[3] ?? m[6]);
    const mo = monthOfWord(m[2] ?? m[4] ?? "");
    const d = Number(m[1] ?? m[5]);
    const end = m.index + m[0].length;
    if (out.some((x) => x.start < end && m.index < x.end)) continue;
    if (y < 1900 || y > 2100 || !Number.isFinite(mo)) continue;
    out.push(lateTime(t, build(y, mo, d, m[7], m[8], m[9], m.index, m[0])));
  }
  return out.sort((a, b) => a.start - b.start);
}

const LATE_TIME = new RegExp(`^\\s*(\\d{1,2})${COLON}(\\d{2})(?:(?:${COLON}|[;；])\\d{2})?`);

/** A clock time written after the half day (3月5日上午8:30) belongs to the date. `text` is what the positions of
 * `date` refer to, less `offset`. */
function lateTime(text: string, date: DateMatch, offset = 0): DateMatch {
  if (date.half === null || date.minutes !== null) return date;
  const m = LATE_TIME.exec(text.slice(date.end - offset));
  if (!m) return date;
  return {
    ...date,
    minutes: minutesOf(m[1], m[2], date.half),
    end: date.end + m[0].length,
    raw: date.raw + m[0],
  };
}

/** The first date if it starts within `slack` characters of the text (after filler like 应在/于). */
export function leadingDate(text: string, slack = 3): DateMatch | null {
  const first = findDates(text)[0];
  if (!first) return null;
  const before = text.slice(0, first.start).replace(/[\s:：（(]|应在|应于|于|在|为|是|自|从|约/g, "");
  return before.length <= slack ? first : null;
}

export interface DateRange {
  from: DateMatch;
  to: DateMatch;
  start: number;
  end: number;
}

// One stray character may sit between a date and 至 when OCR mangled the 日 ("20朋至"): any but a separator's own
// Han glyph. Bilingual reports write the English word (2024-09-23 to 2024-09-26). The printed separators are the
// lexicon's; OCR's readings of a dash are the noise model's (— and - read 一: 2024年10月8日一10日), and the end
// must still read as a date.
const RANGE_SEP = (() => {
  const { words, marks, english } = RANGE_SEPARATORS;
  const read = marks.flatMap((m) => ([...m].length === 1 ? look.classOf(m) : [m]));
  const seps = [...new Set([...words, ...read])].sort((a, b) => b.length - a.length);
  const han = [...new Set(seps.join(""))].filter((ch) => /\p{Script=Han}/u.test(ch));
  const alt = seps.map(escapeRegExp).join("|");
  return new RegExp(
    `^[^\\d\\sA-Za-z${han.map(classChar).join("")}]?\\s*(?:${alt}|(?:${english.join("|")})(?![A-Za-z]))\\s*`,
    "i",
  );
})();

/** Second end of a range, which may omit the year (…至11月08日) or the month (…至08日). */
function rangeEnd(text: string, from: DateMatch, offset: number): DateMatch | null {
  const full = findDates(text)[0];
  if (full && full.start === 0) return { ...full, start: full.start + offset, end: full.end + offset };
  const md = text.match(MONTH_DAY);
  if (md)
    return lateTime(
      text,
      build(from.year, num(md[1]), num(md[2]), md[3], md[4], md[5], offset, md[0]),
      offset,
    );
  const d = text.match(DAY_ONLY);
  if (d)
    return lateTime(text, build(from.year, from.month, num(d[1]), d[2], d[3], d[4], offset, d[0]), offset);
  // A start written with digits only (2024.07.15) may end with digits only: 07.16, or the day alone (16).
  if (/^\d{4}\s*[-./]/.test(from.raw)) {
    const n = NUMERIC_END.exec(text);
    const [month, day] = n?.[2] !== undefined ? [num(n[1]), num(n[2])] : [from.month, num(n?.[1])];
    // The end keeps its half day and clock time as a full date does (2024.5.6上午-5.8上午: 2.5 days, not 3).
    if (n) return lateTime(text, build(from.year, month, day, n[3], n[4], n[5], offset, n[0]), offset);
  }
  return null;
}

const NUMERIC_END = new RegExp(`^(\\d{1,2})(?:\\s*[-./]\\s*(\\d{1,2}))?(?![\\d.\\-/年月])${TIME}${HALF}`);

/** Days listed after a date (2024年10月8日、9日、10日): the last of them, or null. */
function listedEnd(t: string, from: DateMatch): DateMatch | null {
  let last: DateMatch | null = null;
  for (let at = from.end; ; ) {
    const sep = /^\s*、\s*/.exec(t.slice(at));
    if (!sep) return last;
    const next = rangeEnd(t.slice(at + sep[0].length), last ?? from, at + sep[0].length);
    if (!next || next.iso === null) return last;
    last = next;
    at = next.end;
  }
}

/** 自 A 至 B, A 至 B, A 到 B, A~B, A、B: the first range in a text; a single date is a one-day range. */
export function findDateRange(text: string, allowSingle = true): DateRange | null {
  const t = toHalfWidth(text);
  const dates = findDates(t);
  for (const from of dates) {
    const after = t.slice(from.end);
    const sep = after.match(RANGE_SEP);
    const to = sep
      ? rangeEnd(after.slice(sep[0].length), from, from.end + sep[0].length)
      : listedEnd(t, from);
    if (to) return { from, to, start: from.start, end: to.end };
  }
  const first = dates[0];
  // A date followed by a separator is a range whose end could not be read: not a one-day range.
  const sep = first ? t.slice(first.end).match(RANGE_SEP) : null;
  const unreadEnd = first && sep && DATE_START.test(t.slice(first.end + sep[0].length));
  if (allowSingle && first && !unreadEnd)
    return { from: first, to: first, start: first.start, end: first.end };
  return null;
}

// A piece of a date right after another (4.14下午, 16日下午, 4月16日, 2024.05.17): a range's end whose dash OCR
// dropped. Digits followed by other words (3人日) are no piece of a date.
const GLUED_PIECE = /^\d{1,4}\s*(?:[-./年月日号]|上午|下午)/;

/**
 * A range label's one date with a second date glued to it where OCR dropped the dash between them
 * (2025.4.14上午4.14下午, 2024年5月16日上午16日下午, 2024.05.162024.05.17): the range the two make; "unread" when a
 * piece of a date is glued on but the two make no range (null over a one-day reading); null when nothing is.
 */
export function gluedRange(text: string, date: DateMatch): DateRange | "unread" | null {
  const t = toHalfWidth(text);
  // A full date may stand a space apart (2024-05-16 2024-05-17): the dash is what OCR lost.
  const gap = /^ (?=\d{4}\s*[-./年])/.exec(t.slice(date.end))?.[0].length ?? 0;
  const after = t.slice(date.end + gap);
  if (GLUED_PIECE.test(after)) {
    const to = rangeEnd(after, date, date.end + gap);
    if (to?.iso && date.iso && to.iso >= date.iso) return { from: date, to, start: date.start, end: to.end };
    return "unread";
  }
  const before = findDates(t.slice(0, date.start)).at(-1);
  if (!before || before.end !== date.start) return null;
  if (before.iso && date.iso && before.iso <= date.iso)
    return { from: before, to: date, start: before.start, end: date.end };
  return "unread";
}

/** A one-date reading under a range label, where a second date is glued to it (OCR dropped the dash): the two
 * dates' range, or "unread" where they make none (null over a one-day reading). */
export function unglued(text: string, range: DateRange | null): DateRange | "unread" | null {
  if (!range || range.from !== range.to) return range;
  return gluedRange(text, range.from) ?? range;
}

/** A total of days printed right after a range (…至10日，共2.5天 / （共3天）): the count, if it fits the range. */
export function statedDays(after: string, range: DateRange): number | null {
  const m = /^\s*[（(,，]?\s*(?:共计?|合计)\s*(\d+(?:\.\d)?)\s*(?:个工作日|天|日)(?!期)/.exec(
    toHalfWidth(after),
  );
  if (!m || !range.from.iso || !range.to.iso) return null;
  const n = Number(m[1]);
  const span = dayNumber(range.to.iso) - dayNumber(range.from.iso) + 1;
  return n > 0 && n <= span ? n : null;
}

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

/** Days on site: half days count 0.5 (上午…下午 of one day = 1); clock times count a half day per ~4 hours. */
export function rangeDays(range: DateRange): number | null {
  const { from, to } = range;
  if (!from.iso || !to.iso) return null;
  const span = dayNumber(to.iso) - dayNumber(from.iso);
  if (span < 0) return null;
  if (from.minutes !== null && to.minutes !== null) {
    const DAY_START = 8 * 60 + 30;
    const DAY_END = 17 * 60 + 30;
    // Each day on its own: a half day per ~4 hours, at most a whole day (8:30–17:00 the next day is 2 days).
    const halves = (hours: number) => (hours <= 0 ? 0 : Math.max(0.5, Math.ceil(hours / 4 - 0.25) / 2));
    if (span === 0) {
      const hours = (to.minutes - from.minutes) / 60;
      return hours > 0 ? halves(hours) : null;
    }
    const days =
      Math.min(1, halves((DAY_END - from.minutes) / 60)) +
      (span - 1) +
      Math.min(1, halves((to.minutes - DAY_START) / 60));
    return days > 0 ? days : null;
  }
  if (from.half || to.half) {
    const startHalf = from.half === "pm" ? 0.5 : 0;
    const endHalf = to.half === "am" ? 0.5 : 1;
    const days = span + endHalf - startHalf;
    return days > 0 ? days : null;
  }
  return span + 1;
}
