/**
 * Struck-out options (有效／基本有效／无效 with a pen line through each word not chosen; forms say 不适用的划去): the word
 * is the box, and the choice is the word left clean. A strike is read from pixels as a straight ink path through the
 * word's middle band from its first character to its last, bridging the gaps between characters that no printed
 * stroke bridges. A set is taken only on set evidence: two options or more of one family on one line, or stacked one
 * under another at one left edge (a cell, a list), with at least one of them struck. A lone option word in prose,
 * or a set none of whose words is struck, is never read here.
 */
import type { Bbox } from "../../domain/geometry.ts";
import type { BoxMark } from "../../domain/ocr.ts";
import type { PageImage } from "../../domain/page.ts";
import { charsBbox, isSpace } from "./chars.ts";
import { binarise, type Crop } from "./pixels.ts";
import type { StyledLine } from "./styled.ts";
import type { Family } from "./vocab.ts";

interface Word {
  family: Family;
  value: string;
  text: string;
  bbox: Bbox;
  h: number;
  line: number;
  /** Where the word's line starts (a long option's key word may stand in the middle of its line). */
  start: number;
  /** Nothing but separators (／、 spaces) stands between this word and the one before it on its line. */
  joined: boolean;
  /** null: too short to tell (one character: its own strokes may run across it). */
  struck: boolean | null;
}

/** How far past the printed characters' ink a strike's line must run (text heights: both ends together, and each end),
 * and the widest break in it that is bridged (pixels). On the family's scans (docs/families-zj.md) struck words'
 * lines run on 0.49–0.99 text heights past OCR's box and printed strokes at most 0.01; a flat character (一) at a
 * word's end runs on at that end only. */
const OVERRUN = 0.25;
const END_OVERRUN = 0.08;
const MAX_GAP_PX = 2;

/** Marks of struck-out option sets; `taken` are labels another reader answered. */
export function strikeMarks(img: PageImage, lines: readonly StyledLine[], taken: readonly Bbox[]): BoxMark[] {
  const words: Word[] = [];
  for (const [n, line] of lines.entries()) {
    const start = line.chars.find((c) => !isSpace(c.ch))?.x0 ?? 0;
    let prevEnd = -1;
    for (const hit of [...line.all].sort((a, b) => a.start - b.start)) {
      // Options of a set stand together: text between two option words (严重0项，一般0项) makes them prose.
      const joined =
        prevEnd >= 0 && line.chars.slice(prevEnd, hit.start).every((c) => !/[\p{L}\p{N}]/u.test(c.ch));
      prevEnd = hit.end;
      const own = line.chars.slice(hit.start, hit.end).filter((c) => !isSpace(c.ch));
      if (own.length === 0) continue;
      const bbox = charsBbox(own);
      if (taken.some((t) => overlaps(t, bbox))) continue;
      const struck = isStruck(img, bbox, line.h);
      words.push({
        family: hit.term.family,
        value: hit.term.value,
        text: hit.text,
        bbox,
        h: line.h,
        line: n,
        start,
        joined,
        struck,
      });
    }
  }
  const out: BoxMark[] = [];
  for (const set of sets(words)) {
    if (set.length < 2 || new Set(set.map((w) => w.value)).size < 2) continue;
    if (!set.some((w) => w.struck) || set.some((w) => w.struck === null)) continue;
    for (const w of set)
      out.push({
        label: w.text,
        labelBbox: w.bbox,
        bbox: w.bbox,
        state: w.struck ? "unchecked" : "checked",
        confidence: 0.8,
      });
  }
  return out;
}

/** Words of one family on one line, or on following lines at one left edge (within two and a half text heights). */
function sets(words: readonly Word[]): Word[][] {
  const out: Word[][] = [];
  const byFamily = new Map<Family, Word[]>();
  for (const w of words) byFamily.set(w.family, [...(byFamily.get(w.family) ?? []), w]);
  for (const fam of byFamily.values()) {
    const rows = new Map<number, Word[]>();
    for (const w of fam) rows.set(w.line, [...(rows.get(w.line) ?? []), w]);
    const singles: Word[] = [];
    for (const row of rows.values()) {
      if (row.length >= 2 && row.slice(1).every((w) => w.joined)) out.push(row);
      else singles.push(row[0] as Word);
    }
    // Stacks: single words one under another, their words or their lines starting at one left edge (within a text
    // height), each under the last within two and a half text heights.
    singles.sort((a, b) => a.bbox[1] - b.bbox[1]);
    const used = new Set<Word>();
    for (const w of singles) {
      if (used.has(w)) continue;
      const stack = [w];
      used.add(w);
      for (const v of singles) {
        const last = stack[stack.length - 1] as Word;
        if (used.has(v) || v.bbox[1] <= last.bbox[1]) continue;
        if (v.bbox[1] - last.bbox[1] > 2.5 * last.h) break;
        if (Math.abs(v.bbox[0] - w.bbox[0]) > w.h && Math.abs(v.start - w.start) > w.h) continue;
        stack.push(v);
        used.add(v);
      }
      if (stack.length >= 2) out.push(stack);
    }
  }
  return out;
}

/** A straight ink path through the word's middle band (any slope up to ±0.35 text heights over its length) that runs
 * unbroken (gaps of 2 px bridged: JPEG and toner dropout) over the whole word and on past its ends by OVERRUN: a pen
 * line drawn through a word starts before it and ends after it, while a printed stroke (一, the bars of 有 or 合) ends
 * where its character's ink does. A word under two characters wide cannot tell (null): OCR's box of one character is
 * too rough a measure of where its ink ends. */
export function isStruck(img: PageImage, b: Bbox, h: number): boolean | null {
  if (b[2] - b[0] < 1.4 * h) return null;
  const cy = (b[1] + b[3]) / 2;
  const c = binarise(img, b[0] - h, cy - 0.8 * h, b[2] + h, cy + 0.8 * h);
  const lx = b[0] - c.x0;
  const rx = b[2] - c.x0;
  const mid = cy - c.y0;
  const band = Math.max(2, Math.round(0.35 * h));
  for (let a = -band; a <= band; a++)
    for (let z = -band; z <= band; z++) {
      const ya = mid + a;
      const yz = mid + z;
      const run = runThrough(c, lx, rx, ya, yz);
      if (run.r - run.l < 0.5 * (rx - lx)) continue;
      // The printed characters' ink off the line: where the word's own ink starts and ends (OCR's box may hold the
      // strike's overrun too).
      const glyphs = inkOffLine(c, ya, yz, lx, rx, mid, h);
      if (!glyphs) continue;
      if (run.l > glyphs.l || run.r < glyphs.r) continue;
      // Past both ends: a character that is a flat stroke itself (一) only makes a run longer on its own side.
      const left = glyphs.l - run.l;
      const right = run.r - glyphs.r;
      if (left >= END_OVERRUN * h && right >= END_OVERRUN * h && left + right >= OVERRUN * h) return true;
    }
  return false;
}

/** The first and last column of OCR's box [lx, rx] holding ink within the text height but away from the line (ya → yz):
 * not wider, for the slash or bracket beside a word is ink off the line too. */
function inkOffLine(
  c: Crop,
  ya: number,
  yz: number,
  lx: number,
  rx: number,
  mid: number,
  h: number,
): { l: number; r: number } | null {
  let l = -1;
  let r = -1;
  const top = Math.max(0, Math.round(mid - 0.55 * h));
  const bottom = Math.min(c.h - 1, Math.round(mid + 0.55 * h));
  const bars = longBars(c, top, bottom, 1.2 * h);
  for (let x = Math.round(lx); x <= Math.round(rx); x++) {
    const yl = ya + ((yz - ya) * (x - lx)) / Math.max(1, rx - lx);
    for (let y = top; y <= bottom; y++) {
      if (Math.abs(y - yl) <= 0.12 * h + 1 || !inkAt(c, x, y) || bars[y * c.w + x]) continue;
      if (l < 0) l = x;
      r = x;
      break;
    }
  }
  return l < 0 ? null : { l, r };
}

/** Pixels on a horizontal bar at least `len` long (rows taken three at a time, so a line sloping a little stays one
 * bar): a second strike through the word is no printed character's ink. */
function longBars(c: Crop, top: number, bottom: number, len: number): Uint8Array {
  const out = new Uint8Array(c.w * c.h);
  for (let y = top; y <= bottom; y++) {
    let start = -1;
    for (let x = 0; x <= c.w; x++) {
      const on = x < c.w && (inkAt(c, x, y - 1) || inkAt(c, x, y) || inkAt(c, x, y + 1));
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        if (x - start >= len) for (let k = start; k < x; k++) if (inkAt(c, k, y)) out[y * c.w + k] = 1;
        start = -1;
      }
    }
  }
  return out;
}

/** The inked run of the line from (lx, ya) to (rx, yz), extended both ways, through the word's middle column. */
function runThrough(c: Crop, lx: number, rx: number, ya: number, yz: number): { l: number; r: number } {
  const y = (x: number) => Math.round(ya + ((yz - ya) * (x - lx)) / Math.max(1, rx - lx));
  const on = (x: number) => inkAt(c, x, y(x) - 1) || inkAt(c, x, y(x)) || inkAt(c, x, y(x) + 1);
  const m = Math.round((lx + rx) / 2);
  let l = m;
  let r = m;
  for (let x = m, gap = 0; x >= 0 && gap <= MAX_GAP_PX; x--)
    if (on(x)) {
      l = x;
      gap = 0;
    } else gap++;
  for (let x = m, gap = 0; x < c.w && gap <= MAX_GAP_PX; x++)
    if (on(x)) {
      r = x;
      gap = 0;
    } else gap++;
  return { l, r };
}

function inkAt(c: Crop, x: number, y: number): boolean {
  return x >= 0 && y >= 0 && x < c.w && y < c.h && c.ink[y * c.w + x] === 1;
}

function overlaps(a: Bbox, b: Bbox): boolean {
  return Math.min(a[2], b[2]) > Math.max(a[0], b[0]) && Math.min(a[3], b[3]) > Math.max(a[1], b[1]);
}
