import type { Bbox } from "../../domain/geometry.ts";
import type { BoxMark, OcrLine } from "../../domain/ocr.ts";
import type { PageImage } from "../../domain/page.ts";
import { gradedRowFamilies } from "../../lexicon/options.ts";
import { charsBbox, isSpace, lineChars, type PosChar, textHeight } from "./chars.ts";
import { type Probe, probeWindow } from "./probe.ts";
import { ringMarks } from "./ring.ts";
import { strikeMarks } from "./strike.ts";
import { bracketMarks } from "./styled.ts";
import { FAMILY_ORDER, type Family, findLabels, type LabelHit, recoverLabels, termOfValue } from "./vocab.ts";

/** Graded exclusive rows (符合 / 基本符合 / 不符合, 合格 …, 是 / 基本 / 否): the lexicon says which. */
const CONCLUSION_FAMILIES = new Set<Family>(gradedRowFamilies());
/** Families whose words are everyday ones (符合, 一般): a box-less tick beside a lone one is no answer. */
const WORDS_IN_PROSE = new Set<Family>([...CONCLUSION_FAMILIES, "ncKind"]);

/**
 * Tick boxes read from pixels beside option labels. OCR turns ☑ ☐ ■ □ into 口 四 回 加 国 (or nothing), so
 * the OCR text only says where to look: each candidate label gets a small window on its left (or right,
 * for layouts that print boxes after the label), never the whole page.
 */
export function detectMarks(image: PageImage, lines: readonly OcrLine[]): BoxMark[] {
  const rows = lines.map((line) => lineHits(image, line)).filter((r): r is LineHits => r !== null);
  const cols = columns(rows);
  const marks: BoxMark[] = [];
  for (const r of rows) marks.push(...lineMarks(image, byColumn(promote(r, cols), rows)));
  // Rows printed in brackets: a label a square frame or a tick answered keeps that reading.
  const taken = marks.filter((m) => m.state !== "unclear" && m.confidence >= 0.75).map((m) => m.labelBbox);
  const bracketed = bracketMarks(image, rows, taken);
  // A ring around a word is read before anything else seen beside it (a ring passes for a frame or a tick there).
  const styled = [
    ...bracketed,
    ...ringMarks(
      image,
      rows,
      bracketed.map((m) => m.labelBbox),
    ),
  ];
  // Sets chosen by striking out the others: words no square, pair or ring answered (a struck word passes for
  // nothing the readers above look for, and its clean neighbour is an unboxed option to them).
  const struck = strikeMarks(image, rows, [...taken, ...styled.map((m) => m.labelBbox)]);
  const replaced = (m: BoxMark) =>
    styled.some((s) => sameBbox(s.labelBbox, m.labelBbox)) ||
    struck.some((s) => iou(s.labelBbox, m.labelBbox) > 0.5);
  return dedupe([...marks.filter((m) => !replaced(m)), ...styled, ...struck]);
}

type Side = "left" | "right";

interface LineHits {
  chars: PosChar[];
  h: number;
  /** Options in context (found or recovered), in line order. */
  hits: LabelHit[];
  /** Every label findLabels saw, in context or not. */
  all: LabelHit[];
  cy: number;
}

function lineHits(img: PageImage, line: OcrLine): LineHits | null {
  const chars = lineChars(line);
  if (chars.length === 0) return null;
  const h = textHeight(line);
  // A "line" taller than ~9 mm is a merged block or a picture: no option row looks like that.
  if (h < 6 || h > 0.35 * img.dpi) return null;
  const all = findLabels(chars, h);
  const hits = [
    ...all.filter(
      (x) => x.optionContext && (x.glyph !== null || !x.term.needsBox || x.english) && !runsOn(chars, x, h),
    ),
    ...recoverLabels(chars, h, all),
  ].sort((a, b) => a.start - b.start);
  return { chars, h, hits, all, cy: (line.bbox[1] + line.bbox[3]) / 2 };
}

/**
 * A table row whose ticked option OCR turned into unreadable junk (☑满足 -> 研箭中, [7): the rows above and
 * below hold the same three option columns, so the missing option is where their option of that rank starts.
 * Only for rows with two of the three options seen, and columns confirmed by those two.
 */
function byColumn(r: LineHits, rows: readonly LineHits[]): LineHits {
  const ranked = (x: LabelHit) => {
    const order = FAMILY_ORDER[x.term.family];
    return order ? order.indexOf(x.term.value) : -1;
  };
  const fams = [...new Set(r.hits.filter((x) => ranked(x) >= 0).map((x) => x.term.family))];
  const extra: LabelHit[] = [];
  for (const fam of fams) {
    const peers = r.hits.filter((x) => x.term.family === fam);
    if (peers.length !== 2 || !peers.some((x) => x.glyph !== null)) continue;
    const order = FAMILY_ORDER[fam]!;
    const missing = order.findIndex((v) => !peers.some((x) => x.term.value === v));
    const lx = (q: LineHits, x: LabelHit) => q.chars[x.start]!.x0;
    let colX: number | null = null;
    for (const q of rows) {
      if (q === r || Math.abs(q.cy - r.cy) > 8 * r.h || Math.abs(q.h - r.h) > 0.3 * r.h) continue;
      const at = (rank: number) => q.hits.find((x) => ranked(x) === rank);
      const m = at(missing);
      if (!m) continue;
      const aligned = peers.every((p) => {
        const o = at(ranked(p));
        return o !== undefined && Math.abs(lx(q, o) - lx(r, p)) <= 0.6 * r.h;
      });
      if (aligned) {
        colX = lx(q, m);
        break;
      }
    }
    if (colX === null) continue;
    const term = termOfValue(fam, order[missing]!);
    if (!term) continue;
    const n = Array.from(term.text).length;
    const inCol: number[] = [];
    for (let i = 0; i < r.chars.length; i++) {
      const c = r.chars[i]!;
      if (isSpace(c.ch)) continue;
      if (r.hits.some((x) => i >= (x.glyph ?? x.start) && i < x.end)) continue;
      const mid = (c.x0 + c.x1) / 2;
      if (mid >= colX - 1.3 * r.h && mid <= colX + n * r.h) inCol.push(i);
    }
    if (inCol.length === 0 || inCol.length > n + 2) continue;
    const lab = inCol.filter((i) => r.chars[i]!.x0 >= colX! - 0.3 * r.h);
    const first = inCol[0]!;
    const start = lab.length > 0 ? lab[0]! : first;
    const end = inCol[inCol.length - 1]! + 1;
    extra.push({
      term,
      start,
      end,
      text: term.text,
      glyph: start > first ? first : null,
      optionContext: true,
    });
  }
  if (extra.length === 0) return r;
  return { ...r, hits: [...r.hits, ...extra].sort((a, b) => a.start - b.start) };
}

/**
 * A short system or NC-kind word with no box glyph that runs straight on into more text (质量方针为…, 环境因素,
 * 严重程度) is a word of a sentence or a label, not the ☐质量 of a list: those stand alone in their cell. So is any
 * label OCR read one character off that runs on, with no box glyph before it.
 */
function runsOn(chars: readonly PosChar[], x: LabelHit, h: number): boolean {
  if (x.glyph !== null || !/^\p{Script=Han}+$/u.test(x.text)) return false;
  // Nor is a label read with a wrong character (证认证审核的有效性 for 再认证审核) that runs on into the sentence.
  const misread = x.text !== x.term.text;
  // A two-character NC kind is as everyday a word (严重 of the 严重程度 label, 一般 of 一般来说).
  const everyday = x.term.family === "system" || x.term.family === "ncKind";
  if (!misread && (!everyday || Array.from(x.text).length > 2)) return false;
  const next = neighbour(chars, x.end, 1);
  // Characters of a sentence stand a fraction of an em apart; tesseract's word boxes leave up to about a third
  // between them, so a misread label gets twice that (证认证审核 | 的有效性, 9 px at a 28 px text height).
  return next !== null && next.x0 - chars[x.end - 1]!.x1 < (misread ? 0.6 : 0.3) * h;
}

/** Families printed as a list of one option per line (☑质量管理体系 / □环境管理体系 ...). */
const LIST_FAMILIES = new Set<Family>(["system", "recommendation", "auditType", "method"]);

interface Column {
  fam: Family;
  x: number;
  y: number;
  h: number;
}

/** Where OCR saw a box glyph in front of a list option: the column the list's boxes stand in. */
function columns(rows: readonly LineHits[]): Column[] {
  const out: Column[] = [];
  for (const r of rows) {
    for (const x of r.hits) {
      if (x.glyph === null || !LIST_FAMILIES.has(x.term.family)) continue;
      out.push({ fam: x.term.family, x: r.chars[x.glyph]!.x0, y: r.cy, h: r.h });
    }
  }
  return out;
}

/**
 * A ticked list option loses its box to OCR junk glued to the label (☑质量管理体系 -> ff质量管理体系,
 * ☑在商定的时间内 -> 研在商定的时间内), so findLabels sees no option context. The other options of the
 * list say where the box column is: a label led by one to three junk characters ({{人质量管理体系) that start in that
 * column (within ~half a character, on a line near a listed option) is an option after all.
 */
function medianHeight(chars: readonly PosChar[]): number {
  const hs = chars.map((c) => c.y1 - c.y0).sort((a, b) => a - b);
  return hs.length > 0 ? hs[Math.floor(hs.length / 2)]! : Number.POSITIVE_INFINITY;
}

function promote(r: LineHits, cols: readonly Column[]): LineHits {
  const extra: LabelHit[] = [];
  for (const x of r.all) {
    if (x.optionContext || !LIST_FAMILIES.has(x.term.family)) continue;
    if (r.hits.some((y) => y.start < x.end && x.start < y.end)) continue;
    // The label's own characters tell its size: tall junk glued before it stretches the line (荆[稚荐认证注册).
    const h = Math.min(r.h, medianHeight(r.chars.slice(x.start, x.end)));
    const near = (jx: number) =>
      cols.some(
        (c) =>
          c.fam === x.term.family &&
          Math.abs(c.h - h) <= 0.3 * c.h &&
          Math.abs(c.y - r.cy) > 0.5 * c.h &&
          Math.abs(c.y - r.cy) <= 8 * c.h &&
          Math.abs(c.x - jx) <= 0.6 * r.h,
      );
    let glyph: number | null = null;
    for (let n = 1, j = x.start - 1; j >= 0 && n <= 3 && glyph === null; j--, n++) {
      if (isSpace(r.chars[j]!.ch)) break;
      const jx = r.chars[j]!.x0;
      // The junk starts the line's option text: nothing printed just before it.
      const prev = j > 0 ? neighbour(r.chars, j - 1, -1) : null;
      if (prev && jx - prev.x1 < 0.3 * r.h) continue;
      if (near(jx)) glyph = j;
    }
    if (glyph !== null) extra.push({ ...x, glyph, optionContext: true });
  }
  if (extra.length === 0) return r;
  return { ...r, hits: [...r.hits, ...extra].sort((a, b) => a.start - b.start) };
}

function lineMarks(img: PageImage, r: LineHits): BoxMark[] {
  const { chars, h, hits } = r;
  if (hits.length === 0) return [];
  const found = (ps: readonly (Probe | null)[]) => ps.some((p) => p?.kind === "frame" || p?.kind === "tick");
  let probes = hits.map((hit) => probe(img, chars, hit, h, "left"));
  if (!found(probes)) {
    // Boxes (or hand ticks) after the labels: only tried when nothing sits before any label of the line,
    // otherwise the box of the next option would be taken for this one's.
    const right = hits.map((hit) => probe(img, chars, hit, h, "right"));
    if (found(right)) probes = right;
  }
  // A box-less tick beside a lone 符合/有效 in running text is more likely a stray stroke than an answer:
  // those families need a glued glyph or a second option on the line.
  hits.forEach((hit, i) => {
    const p = probes[i];
    const peers = hits.filter((x) => x.term.family === hit.term.family).length;
    // An English-led label is a printed bilingual form's option, whose boxes are printed frames: a frameless
    // "tick" before it is a stroke of English OCR misread or lost (雪Partly nfo m 基本符合).
    const stray = hit.english === true || (peers < 2 && WORDS_IN_PROSE.has(hit.term.family));
    if (p?.kind === "tick" && hit.glyph === null && stray) {
      probes[i] = { kind: "other", bbox: p.bbox };
    }
  });
  // A worn frame (probe.ts anyFrame) is a box only where OCR saw a glyph before the label or the line's other options
  // stand in frames: alone beside a word of running text it is more likely strokes of the characters around.
  hits.forEach((hit, i) => {
    const p = probes[i];
    if (p?.kind !== "frame" || !p.worn || hit.glyph !== null) return;
    const framed = probes.some((q, j) => j !== i && q?.kind === "frame");
    if (!framed) probes[i] = p.worn;
  });
  // Nor is a frame well under the size of the line's other frames there: that is the bowl of a Latin letter (o, e).
  const side = (p: Probe | null | undefined) =>
    p?.kind === "frame" ? Math.min(p.bbox[2] - p.bbox[0], p.bbox[3] - p.bbox[1]) : 0;
  const largest = Math.max(0, ...probes.map(side));
  hits.forEach((hit, i) => {
    const p = probes[i];
    if (p && hit.english === true && side(p) > 0 && side(p) < 0.7 * largest)
      probes[i] = { kind: "other", bbox: p.bbox };
  });
  // What the line's other options of the same family show decides how to read an empty spot: a lone
  // 满足 opening a criterion cell (满足法律法规要求的能力) is not an option of the 有效 row beside it.
  const seen = (fam: Family, kind: "frame" | "tick") =>
    hits.some((x, i) => x.term.family === fam && probes[i]?.kind === kind);
  const out: BoxMark[] = [];
  hits.forEach((hit, i) => {
    const fam = hit.term.family;
    const m = toMark(hit, probes[i] ?? null, chars, seen(fam, "frame"), seen(fam, "tick"));
    if (m) out.push(m);
  });
  return out;
}

function labelChars(chars: readonly PosChar[], hit: LabelHit): PosChar[] {
  return chars.slice(hit.start, hit.end).filter((c) => !isSpace(c.ch));
}

function neighbour(chars: readonly PosChar[], from: number, step: -1 | 1): PosChar | null {
  for (let i = from; i >= 0 && i < chars.length; i += step) if (!isSpace(chars[i]!.ch)) return chars[i]!;
  return null;
}

function probe(
  img: PageImage,
  chars: readonly PosChar[],
  hit: LabelHit,
  h: number,
  side: Side,
): Probe | null {
  const lb = charsBbox(labelChars(chars, hit));
  const cy = (lb[1] + lb[3]) / 2;
  if (side === "left") {
    const before = hit.glyph ?? hit.start;
    const prev = neighbour(chars, before - 1, -1);
    let xa = lb[0] - 2 * h;
    // OCR's glyph box is often narrower than the printed box: search a full text height left of it.
    if (hit.glyph !== null) xa = Math.min(xa + 0.5 * h, chars[hit.glyph]!.x0 - 1.0 * h);
    // A full-width mark (the ： closing a criterion) is given a box an em wide though its ink sits in the middle;
    // where OCR dropped the box after it, that box runs over the box's left edge: clamp at its middle.
    if (prev) xa = Math.max(xa, isMark(prev.ch) ? (prev.x0 + prev.x1) / 2 : prev.x1 + 0.1 * h);
    // Reach into the label only when its word box is wider than its characters: OCR then drew the word box
    // around a box touching the text. Otherwise a character like 满 or 有 could pass for a frame.
    const deep = wide(lb, hit, h);
    const xb = lb[0] + (deep ? 1.0 : 0.35) * h;
    if (xb - xa < 0.6 * h) return null;
    // Unless the word box is known to hold the box, a frame starting inside the label is part of a
    // character (现 holds a 见, 有 a 月), not a box.
    return probeWindow(img, xa, xb, cy, h, xa, lb[0] - 0.1 * h, deep ? null : { maxLeft: lb[0] - 0.1 * h });
  }
  const next = neighbour(chars, hit.end, 1);
  let xb = lb[2] + 2 * h;
  if (next) xb = Math.min(xb, next.x0 - 0.1 * h);
  const deep = wide(lb, hit, h);
  const xa = lb[2] - (deep ? 1.0 : 0.35) * h;
  if (xb - xa < 0.6 * h) return null;
  return probeWindow(img, xa, xb, cy, h, lb[2] + 0.1 * h, xb, deep ? null : { minRight: lb[2] + 0.1 * h });
}

/** Neither a letter, a digit nor a Chinese character: punctuation. */
function isMark(ch: string): boolean {
  return !/[\p{L}\p{N}]/u.test(ch);
}

function wide(lb: readonly number[], hit: LabelHit, h: number): boolean {
  const cells = Array.from(hit.text).reduce((a, ch) => a + ((ch.codePointAt(0) ?? 0) < 0x2e80 ? 0.55 : 1), 0);
  return lb[2]! - lb[0]! > cells * 1.1 * h + 0.5 * h;
}

function toMark(
  hit: LabelHit,
  p: Probe | null,
  chars: readonly PosChar[],
  anyFrame: boolean,
  anyTick: boolean,
): BoxMark | null {
  const labelBbox = charsBbox(labelChars(chars, hit));
  const base = { label: hit.optionText ?? hit.text, labelBbox };
  const glued = hit.glyph !== null;
  const where: Bbox = p?.bbox ?? (glued ? charsBbox([chars[hit.glyph!]!]) : labelBbox);
  if (p?.kind === "frame") return { ...base, bbox: p.bbox, state: p.state, confidence: p.confidence };
  if (p?.kind === "tick") return { ...base, bbox: p.bbox, state: "checked", confidence: p.confidence };
  if (p?.kind === "empty" && anyTick && !anyFrame) {
    // Box-less layout where options are ticked by hand: an option with nothing beside it is not chosen.
    return { ...base, bbox: where, state: "unchecked", confidence: 0.6 };
  }
  // Ink we cannot read, or nothing where the line's other options (or OCR's box glyph) say a box should be.
  if (p?.kind === "other" && (anyFrame || anyTick || glued)) {
    return { ...base, bbox: where, state: "unclear", confidence: 0.3 };
  }
  if (anyFrame || glued) return { ...base, bbox: where, state: "unclear", confidence: 0.2 };
  return null;
}

function sameBbox(a: Bbox, b: Bbox): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

function iou(a: Bbox, b: Bbox): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union <= 0 ? 0 : inter / union;
}

function gap(m: BoxMark): number {
  return Math.min(Math.abs(m.labelBbox[0] - m.bbox[2]), Math.abs(m.bbox[0] - m.labelBbox[2]));
}

/** One box belongs to one label: when two labels claimed the same box, the nearer label keeps it. */
function dedupe(marks: BoxMark[]): BoxMark[] {
  const keep = marks.map(() => true);
  for (let i = 0; i < marks.length; i++) {
    for (let j = i + 1; j < marks.length; j++) {
      if (!keep[i] || !keep[j] || iou(marks[i]!.bbox, marks[j]!.bbox) < 0.5) continue;
      if (gap(marks[i]!) <= gap(marks[j]!)) keep[j] = false;
      else keep[i] = false;
    }
  }
  return marks.filter((_, i) => keep[i]);
}
