/**
 * Circled words (是 基本 否 with a pen ring drawn around the chosen one): the word is the box. A ring is read from
 * pixels as one ink component taller than the text around it with arcs above, below, left and right of a hollow
 * middle; it chooses the option word whose centre it encloses. OCR often loses the ringed word itself (the ring runs
 * through its box), so a ring just left or right of the row's words stands for the option the family's printed
 * order puts there. A row is taken only on row evidence: two options or more of one graded family standing apart
 * from the text around them (是否符合 inside a question is no row), with a ring found on the row.
 */
import type { Bbox } from "../../domain/geometry.ts";
import type { BoxMark } from "../../domain/ocr.ts";
import type { PageImage } from "../../domain/page.ts";
import { gradedRowFamilies, OPTION_GROUPS } from "../../lexicon/options.ts";
import { charsBbox, isSpace, type PosChar } from "./chars.ts";
import { binarise, type Crop } from "./pixels.ts";
import type { StyledLine } from "./styled.ts";
import { FAMILY_ORDER, type Family, type LabelHit, termOfValue } from "./vocab.ts";

const GRADED = new Set<Family>(gradedRowFamilies());

interface Word {
  text: string;
  value: string;
  bbox: Bbox;
  /** No OCR word: the option the printed order puts under a ring OCR read nothing in. */
  inferred?: boolean;
}

/** Marks of circled-word rows; `taken` are labels another reader answered. */
export function ringMarks(img: PageImage, lines: readonly StyledLine[], taken: readonly Bbox[]): BoxMark[] {
  const out: BoxMark[] = [];
  for (const line of lines) {
    for (const fam of new Set(line.all.map((x) => x.term.family))) {
      if (!GRADED.has(fam)) continue;
      const words = apart(
        line.chars,
        line.all.filter((x) => x.term.family === fam),
        line.h,
      );
      if (words.length < 2 || new Set(words.map((w) => w.value)).size < 2) continue;
      if (words.some((w) => taken.some((t) => overlaps(t, w.bbox)))) continue;
      out.push(...rowMarks(img, fam, words, line.h));
    }
  }
  return out;
}

/** The family's words that stand apart: runs of them (是 基本 否, however tight) with a gap of half a text height or
 * the line's end on both sides. 是否 opening a question runs on into it. */
function apart(chars: readonly PosChar[], hits: readonly LabelHit[], h: number): Word[] {
  const solid = (i: number, step: 1 | -1): PosChar | null => {
    for (let k = i; k >= 0 && k < chars.length; k += step) if (!isSpace(chars[k]!.ch)) return chars[k]!;
    return null;
  };
  const sorted = [...hits].sort((a, b) => a.start - b.start);
  const runs: LabelHit[][] = [];
  for (const x of sorted) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    const between = prev ? chars.slice(prev.end, x.start).filter((c) => !isSpace(c.ch)) : null;
    if (run && between?.length === 0) run.push(x);
    else runs.push([x]);
  }
  const out: Word[] = [];
  for (const run of runs) {
    const a = run[0]!;
    const z = run[run.length - 1]!;
    const first = solid(a.start, 1);
    const end = solid(z.end - 1, -1);
    const prev = solid(a.start - 1, -1);
    const next = solid(z.end, 1);
    if (!first || !end) continue;
    if (prev && first.x0 - prev.x1 < 0.5 * h) continue;
    if (next && next.x0 - end.x1 < 0.5 * h) continue;
    for (const x of run) {
      const own = chars.slice(x.start, x.end).filter((c) => !isSpace(c.ch));
      if (own.length > 0) out.push({ text: x.text, value: x.term.value, bbox: charsBbox(own) });
    }
  }
  return out;
}

function rowMarks(img: PageImage, fam: Family, words: Word[], h: number): BoxMark[] {
  const sorted = [...words].sort((a, b) => a.bbox[0] - b.bbox[0]);
  const first = sorted[0]!.bbox;
  const last = sorted[sorted.length - 1]!.bbox;
  const cy = (first[1] + first[3] + last[1] + last[3]) / 4;
  const x0 = first[0] - 3 * h;
  const x1 = last[2] + 3 * h;
  const c = binarise(img, x0, cy - 1.4 * h, x1, cy + 1.4 * h);
  const rings = findRings(c, h);
  if (rings.length === 0) return [];
  // An option OCR lost under its ring: the ring beyond the row's first or last word, the family's printed order
  // naming the option there.
  // Graded rows print their options full, partial, negative (符合 基本符合 不符合, 是 基本 否): the lexicon's order.
  const order = FAMILY_ORDER[fam] ?? [...new Set(OPTION_GROUPS[fam].options.map((o) => o.value))];
  const have = new Set(sorted.map((w) => w.value));
  const all = [...sorted];
  for (const r of rings) {
    if (all.some((w) => inside(w.bbox, r))) continue;
    const left = r[2] <= first[0] + 0.2 * h;
    const right = r[0] >= last[2] - 0.2 * h;
    const edge = left
      ? order.indexOf(sorted[0]!.value) - 1
      : right
        ? order.indexOf(sorted[sorted.length - 1]!.value) + 1
        : -1;
    const value = edge >= 0 ? order[edge] : undefined;
    const term = value === undefined || have.has(value) ? null : termOfValue(fam, value);
    // Only the one option next to the found words: a ring further off is something else.
    const near = left ? first[0] - r[2] <= 2 * h : last[2] - r[0] >= -2 * h;
    if (!term || !near) continue;
    have.add(term.value);
    all.push({ text: term.text, value: term.value, bbox: r, inferred: true });
  }
  return all.map((w) => {
    const ring = rings.find((r) => inside(w.bbox, r));
    return {
      label: w.text,
      labelBbox: w.bbox,
      bbox: ring ?? w.bbox,
      state: ring ? "checked" : "unchecked",
      confidence: w.inferred ? 0.7 : ring ? 0.85 : 0.8,
    };
  });
}

/** Ring-shaped ink components of the crop, page coordinates. */
function findRings(c: Crop, h: number): Bbox[] {
  const seen = new Uint8Array(c.w * c.h);
  const out: Bbox[] = [];
  const stack: number[] = [];
  for (let start = 0; start < c.w * c.h; start++) {
    if (!c.ink[start] || seen[start]) continue;
    let l = c.w;
    let t = c.h;
    let r = -1;
    let b = -1;
    const px: number[] = [];
    stack.push(start);
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      px.push(i);
      const x = i % c.w;
      const y = (i - x) / c.w;
      l = Math.min(l, x);
      r = Math.max(r, x);
      t = Math.min(t, y);
      b = Math.max(b, y);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= c.w || ny >= c.h) continue;
          const j = ny * c.w + nx;
          if (c.ink[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
    }
    const w = r - l + 1;
    const hh = b - t + 1;
    // Taller than the text it surrounds, no wider than a few words, not touching the window's edge (a table rule).
    if (hh < 1.2 * h || hh > 2.6 * h || w < 1.0 * h || w > 5 * h) continue;
    if (l === 0 || t === 0 || r === c.w - 1 || b === c.h - 1) continue;
    if (!ringShaped(px, c.w, l, t, r, b)) continue;
    out.push([c.x0 + l, c.y0 + t, c.x0 + r + 1, c.y0 + b + 1]);
  }
  return out;
}

/** Arcs on all four sides of a hollow middle: ink in the top and bottom fifths across the middle columns, in the
 * left and right fifths across the middle rows, and little in the centre. */
function ringShaped(px: readonly number[], w: number, l: number, t: number, r: number, b: number): boolean {
  const bw = r - l + 1;
  const bh = b - t + 1;
  let top = 0;
  let bottom = 0;
  let left = 0;
  let right = 0;
  let centre = 0;
  for (const i of px) {
    const x = (i % w) - l;
    const y = Math.floor(i / w) - t;
    const midX = x > 0.3 * bw && x < 0.7 * bw;
    const midY = y > 0.3 * bh && y < 0.7 * bh;
    if (midX && y < 0.2 * bh) top++;
    if (midX && y > 0.8 * bh) bottom++;
    if (midY && x < 0.2 * bw) left++;
    if (midY && x > 0.8 * bw) right++;
    if (x > 0.25 * bw && x < 0.75 * bw && y > 0.25 * bh && y < 0.75 * bh) centre++;
  }
  // An ellipse leaves its bounding box's corners empty; a square frame (a large tick box) fills them.
  let corners = 0;
  for (const i of px) {
    const x = (i % w) - l;
    const y = Math.floor(i / w) - t;
    if ((x < 0.12 * bw || x > 0.88 * bw) && (y < 0.12 * bh || y > 0.88 * bh)) corners++;
  }
  if (corners > 0.02 * px.length) return false;
  const arcs = top > 0 && bottom > 0 && left > 0 && right > 0;
  return arcs && px.length <= 0.45 * bw * bh && centre <= 0.25 * px.length;
}

function inside(word: Bbox, ring: Bbox): boolean {
  const x = (word[0] + word[2]) / 2;
  const y = (word[1] + word[3]) / 2;
  return x > ring[0] && x < ring[2] && y > ring[1] && y < ring[3];
}

function overlaps(a: Bbox, b: Bbox): boolean {
  return Math.min(a[2], b[2]) > Math.max(a[0], b[0]) && Math.min(a[3], b[3]) > Math.max(a[1], b[1]);
}
