import type { Bbox } from "../domain/geometry.ts";
import { unionBbox } from "../domain/geometry.ts";
import type { OcrLine, OcrPage } from "../domain/ocr.ts";
import type { Report } from "../domain/record.ts";
import type { FieldKind, FieldSpec } from "./fields.ts";

/** One OCR line as sent to the model. */
export interface ContextLine {
  page: number;
  line: OcrLine;
}

/** Normalised text with, for every normalised character, the original index it came from. */
export interface Normalised {
  text: string;
  /** origin[i] = index into the source string of normalised char i. */
  origin: number[];
}

/** NFKC per character (so indices stay aligned), whitespace removed, Latin lower-cased. */
export function normalise(s: string): Normalised {
  let text = "";
  const origin: number[] = [];
  let i = 0;
  for (const ch of s) {
    if (!/\s/u.test(ch)) {
      const n = ch.normalize("NFKC").toLowerCase().replace(/\s/gu, "");
      for (const c of n) {
        text += c;
        origin.push(i);
      }
    }
    i += ch.length;
  }
  return { text, origin };
}

export const norm = (s: string): string => normalise(s).text;

const CUE_PUNCT = /[:：]/u;

/** Lines to send for a field: label hits with a small window, else matching sections, else the cover. */
export function selectContext(
  spec: FieldSpec,
  report: Report,
  pages: readonly OcrPage[],
  maxChars: number,
): ContextLine[] {
  const usable = pages.filter((p) => !p.error && p.lines.length > 0);
  const labels = spec.labels.map(norm);
  const picked = new Map<string, ContextLine>();
  const order: string[] = [];
  let chars = 0;
  const add = (page: OcrPage, idx: number): boolean => {
    const k = `${page.page}:${idx}`;
    if (picked.has(k)) return true;
    const line = page.lines[idx];
    if (!line) return true;
    if (chars + line.text.length > maxChars && order.length > 0) return false;
    picked.set(k, { page: page.page, line });
    order.push(k);
    chars += line.text.length;
    return true;
  };

  // 1. Lines containing a label, one line before and three after (values wrap or sit in the next cell).
  // Longer (more specific) labels first, so 报告编号 is sent before every line that merely says 编号.
  const byLength = [...new Set(labels)].filter((l) => l.length > 0).sort((a, b) => b.length - a.length);
  const normLines = new Map(usable.map((p) => [p, p.lines.map((l) => norm(l.text))]));
  outer: for (const label of byLength) {
    for (const page of usable) {
      const texts = normLines.get(page)!;
      for (let i = 0; i < texts.length; i++) {
        if (!texts[i]!.includes(label)) continue;
        for (let j = Math.max(0, i - 1); j <= Math.min(texts.length - 1, i + 3); j++) {
          if (!add(page, j)) break outer;
        }
      }
    }
  }

  const labelHits = order.length;
  // 1b. Header fields: the first page's running header and footer lines, where forms repeat the report number
  // even when its own cell was left blank.
  if (spec.cover && usable[0]) {
    const first = usable[0];
    for (let i = 0; i < first.lines.length; i++) {
      if (inMargin(first.lines[i]!.bbox, first.height) && !add(first, i)) break;
    }
  }

  // 2. Sections whose title names the field: their lines (by bbox when known, else the whole page).
  if (labelHits === 0) {
    const hints = [...spec.sections, ...spec.labels].map(norm).filter((h) => h.length > 0);
    for (const section of report.sections) {
      const title = norm(section.title);
      if (!hints.some((h) => title.includes(h))) continue;
      const page = usable.find((p) => p.page === section.page);
      if (!page) continue;
      const box = section.bbox;
      for (let i = 0; i < page.lines.length; i++) {
        const b = page.lines[i]!.bbox;
        if (box && (b[3] < box[1] || b[1] > box[3])) continue;
        if (!add(page, i)) break;
      }
    }
  }

  // 3. The cover page for header fields (report number, organisation, body, date).
  if (labelHits === 0 && spec.cover) {
    const first = usable[0];
    if (first) for (let i = 0; i < first.lines.length; i++) if (!add(first, i)) break;
  }

  const rank = (k: string): [number, number] => {
    const [p, l] = k.split(":").map(Number);
    return [p ?? 0, l ?? 0];
  };
  return order
    .slice()
    .sort((a, b) => {
      const [pa, la] = rank(a);
      const [pb, lb] = rank(b);
      return pa - pb || la - lb;
    })
    .map((k) => picked.get(k)!);
}

/** Running headers and footers sit in the top and bottom margins: the outer 8% of the page height. */
function inMargin(bbox: Bbox, pageHeight: number): boolean {
  if (pageHeight <= 0) return false;
  return bbox[3] < pageHeight * 0.08 || bbox[1] > pageHeight * 0.92;
}

/** The text as the model sees it: page markers, then lines. */
export function renderContext(lines: readonly ContextLine[]): string {
  const out: string[] = [];
  let page = -1;
  for (const l of lines) {
    if (l.page !== page) {
      out.push(`--- 第${l.page}页 ---`);
      page = l.page;
    }
    out.push(l.line.text);
  }
  return out.join("\n");
}

interface Haystack {
  text: string;
  /** For each normalised char: which context line, and index within that line's text. */
  at: { line: number; char: number }[];
}

function haystack(lines: readonly ContextLine[]): Haystack {
  let text = "";
  const at: Haystack["at"] = [];
  lines.forEach((l, li) => {
    const n = normalise(l.line.text);
    text += n.text;
    for (const o of n.origin) at.push({ line: li, char: o });
  });
  return { text, at };
}

/** Best approximate occurrence of `needle` anywhere in `hay` (semi-global edit distance). */
export function approxFind(
  needle: string,
  hay: string,
): { start: number; end: number; distance: number } | null {
  const m = needle.length;
  const n = hay.length;
  if (m === 0 || n === 0) return null;
  const exact = hay.indexOf(needle);
  if (exact >= 0) return { start: exact, end: exact + m, distance: 0 };
  // prev[j] = distance of needle[0..i) against a hay substring ending at j; start[j] = where it begins.
  let prev = new Array<number>(n + 1).fill(0);
  let prevStart = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    const curStart = new Array<number>(n + 1);
    cur[0] = i;
    curStart[0] = 0;
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1]! + (needle[i - 1] === hay[j - 1] ? 0 : 1);
      const del = prev[j]! + 1;
      const ins = cur[j - 1]! + 1;
      if (sub <= del && sub <= ins) {
        cur[j] = sub;
        curStart[j] = prevStart[j - 1]!;
      } else if (del <= ins) {
        cur[j] = del;
        curStart[j] = prevStart[j]!;
      } else {
        cur[j] = ins;
        curStart[j] = curStart[j - 1]!;
      }
    }
    prev = cur;
    prevStart = curStart;
  }
  let best = 1;
  for (let j = 2; j <= n; j++) if (prev[j]! < prev[best]!) best = j;
  return { start: prevStart[best]!, end: best, distance: prev[best]! };
}

export interface Located {
  page: number;
  bbox: Bbox | null;
  /** The OCR text the quote matched, as printed (original characters, spaces kept). */
  raw: string;
  /** Normalised matched span, for value checks. */
  span: string;
  distance: number;
}

/** Character range [from, to) of one line -> bbox of the words covering it, else the line's bbox. */
function spanBbox(line: OcrLine, from: number, to: number): Bbox {
  if (line.words.length === 0 || (from === 0 && to >= line.text.length)) return line.bbox;
  const joined = line.words.map((w) => norm(w.text)).join("");
  const lineNorm = normalise(line.text);
  if (joined !== lineNorm.text) return line.bbox;
  // Normalised offsets of the range, then words overlapping it.
  let nFrom = lineNorm.origin.findIndex((o) => o >= from);
  if (nFrom < 0) nFrom = lineNorm.text.length;
  let nTo = lineNorm.origin.findIndex((o) => o >= to);
  if (nTo < 0) nTo = lineNorm.text.length;
  const boxes: Bbox[] = [];
  let pos = 0;
  for (const w of line.words) {
    const len = norm(w.text).length;
    if (len > 0 && pos < nTo && pos + len > nFrom) boxes.push(w.bbox);
    pos += len;
  }
  return unionBbox(boxes) ?? line.bbox;
}

/** Finds the quote in the lines sent: NFKC, no whitespace, edit distance ≤ 10% of its length. */
export function locateQuote(quote: string, lines: readonly ContextLine[]): Located | null {
  const needle = norm(quote);
  if (needle.length === 0) return null;
  const hay = haystack(lines);
  const hit = approxFind(needle, hay.text);
  if (!hit || hit.end <= hit.start) return null;
  if (hit.distance > Math.floor(needle.length * 0.1)) return null;
  // Characters per line covered by the match.
  const perLine = new Map<number, { from: number; to: number }>();
  for (let k = hit.start; k < hit.end; k++) {
    const a = hay.at[k]!;
    const r = perLine.get(a.line);
    if (r) r.to = a.char + 1;
    else perLine.set(a.line, { from: a.char, to: a.char + 1 });
  }
  // Page with the most matched characters; bbox of the covered words/lines on it.
  const perPage = new Map<number, number>();
  for (const [li, r] of perLine) {
    const p = lines[li]!.page;
    perPage.set(p, (perPage.get(p) ?? 0) + (r.to - r.from));
  }
  let page = lines[hay.at[hit.start]!.line]!.page;
  for (const [p, c] of perPage) if (c > (perPage.get(page) ?? 0)) page = p;
  const boxes: Bbox[] = [];
  const rawParts: string[] = [];
  for (const [li, r] of [...perLine].sort((a, b) => a[0] - b[0])) {
    const l = lines[li]!;
    rawParts.push(l.line.text.slice(r.from, r.to));
    if (l.page === page) boxes.push(spanBbox(l.line, r.from, r.to));
  }
  return {
    page,
    bbox: unionBbox(boxes),
    raw: rawParts.join(" ").trim(),
    span: hay.text.slice(hit.start, hit.end),
    distance: hit.distance,
  };
}

const CN_DIGIT: Record<string, number> = Object.fromEntries(
  [..."〇零○一二两三四五六七八九"].map((ch, i) => [ch, [0, 0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9][i]!]),
);

function cnToNumber(s: string): number | null {
  if (s.includes("十") || s.includes("百")) {
    let total = 0;
    let cur = 0;
    for (const ch of s) {
      if (ch === "百") {
        total += (cur || 1) * 100;
        cur = 0;
      } else if (ch === "十") {
        total += (cur || 1) * 10;
        cur = 0;
      } else {
        const d = CN_DIGIT[ch];
        if (d === undefined) return null;
        cur = d;
      }
    }
    return total + cur;
  }
  let out = "";
  for (const ch of s) {
    const d = CN_DIGIT[ch];
    if (d === undefined) return null;
    out += String(d);
  }
  return out ? Number(out) : null;
}

/** Numbers in a text: Arabic (thousands separators dropped) and Chinese numerals (二〇二三, 十一, 三十一). */
export function numbersIn(s: string): number[] {
  const t = norm(s).replace(/(\d),(?=\d{3}(?!\d))/g, "$1");
  const out: number[] = [];
  for (const m of t.matchAll(/\d+|[〇零○一二两三四五六七八九十百]+/gu)) {
    const v = /^\d+$/.test(m[0]) ? Number(m[0]) : cnToNumber(m[0]);
    if (v !== null && Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** The value's normalised form appears in the quote: a date's year, month and day in order; a number; a string. */
export function consistent(kind: FieldKind, value: string | number, quote: string): boolean {
  if (kind === "string") {
    const v = norm(String(value));
    return v.length > 0 && norm(quote).includes(v);
  }
  const nums = numbersIn(quote);
  if (kind === "integer") {
    if (nums.includes(Number(value))) return true;
    return value === 0 && /无|没有|未发现|未开具/u.test(norm(quote));
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  if (!m) return false;
  const want = [Number(m[1]), Number(m[2]), Number(m[3])];
  let k = 0;
  for (const n of nums) if (k < 3 && n === want[k]) k++;
  return k === 3;
}

/** Model answers sometimes repeat the label ("报告编号：QA-1"): drop it. */
export function stripLabel(value: string, labels: readonly string[]): string {
  let v = value.trim();
  for (const l of [...labels].sort((a, b) => b.length - a.length)) {
    if (v.startsWith(l)) {
      const rest = v.slice(l.length).trimStart();
      if (CUE_PUNCT.test(rest[0] ?? "")) {
        v = rest.slice(1).trim();
        break;
      }
    }
  }
  return v;
}
