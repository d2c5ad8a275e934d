/**
 * Option rows in bracket style (符合（√） 基本符合（ ）, （V）合格（ ）基本合格, [√]符合): the square reader finds no frame
 * there, so each option word the lexicon knows is looked at for a bracket pair on either side in the pixels. Which
 * side a row uses is decided per row from what its options show (style.ts), and a row is taken only on row
 * evidence: two options or more of one family, on one line, stacked one under another in a cell, or a listed
 * family's options within a few lines, each with its pair on that side. A lone bracket in running text is never an
 * option. The state is the ink inside the pair (pair.ts), never the glyph OCR read in it.
 */
import type { Bbox } from "../../domain/geometry.ts";
import type { BoxMark } from "../../domain/ocr.ts";
import type { PageImage } from "../../domain/page.ts";
import { OPTION_GROUPS, type OptionGroupLexicon } from "../../lexicon/options.ts";
import { charsBbox, isSpace, type PosChar } from "./chars.ts";
import { type Pair, pairBeside, pairState } from "./pair.ts";
import type { Family, LabelHit } from "./vocab.ts";

/** One line's option words as the square reader saw them. */
export interface StyledLine {
  chars: PosChar[];
  h: number;
  all: LabelHit[];
  cy: number;
}

interface Candidate {
  family: Family;
  value: string;
  text: string;
  labelBbox: Bbox;
  h: number;
  line: number;
  left: Pair | null;
  right: Pair | null;
}

/** Marks of bracket-style rows; `taken` are the labels a square frame or a tick already answered. */
export function bracketMarks(
  img: PageImage,
  lines: readonly StyledLine[],
  taken: readonly Bbox[],
): BoxMark[] {
  const cands: Candidate[] = [];
  for (const [n, line] of lines.entries()) {
    for (const hit of line.all) {
      const lb = charsBbox(line.chars.slice(hit.start, hit.end).filter((c) => !isSpace(c.ch)));
      if (taken.some((t) => sameBox(t, lb))) continue;
      const left = pairBeside(img, lb, line.h, "left");
      let right = pairBeside(img, lb, line.h, "right");
      let label = { text: hit.text, bbox: lb };
      // A sentence option's box stands after its sentence: a pair placed beside its word while more of the
      // sentence follows is the interpolated glyph positions' slip into the next character.
      const run = (OPTION_GROUPS[hit.term.family] as OptionGroupLexicon).sentences
        ? sentenceRun(line, hit)
        : null;
      if (run) {
        right = pairBeside(img, run.bbox, line.h, "right");
        label = run;
      }
      if (!left && !right) continue;
      cands.push({
        family: hit.term.family,
        value: hit.term.value,
        text: label.text,
        labelBbox: label.bbox,
        h: line.h,
        line: n,
        left,
        right,
      });
    }
  }
  const out: BoxMark[] = [];
  for (const row of optionRows(cands)) {
    const side = sideOf(row);
    if (!side) continue;
    const framed = row.filter((c) => c[side] !== null);
    if (framed.length < 2 || new Set(framed.map((c) => c.value)).size < 2) continue;
    const read = framed.map((c) => ({ c, r: pairState(c[side]!) }));
    // Two strokes of a character pass for a pair now and then, always with ink inside: a row of real brackets has
    // an empty one.
    if (!read.some(({ r }) => r.state === "unchecked")) continue;
    for (const { c, r } of read) {
      out.push({
        label: c.text,
        labelBbox: c.labelBbox,
        bbox: r.bbox,
        state: r.state,
        confidence: r.confidence,
      });
    }
  }
  return out;
}

/** A listed option is a sentence (不符合项纠正措施验证后推荐保持认证注册（ ）) whose lexicon word (验证后推荐) may stand
 * anywhere in it: its label runs on over the words after the hit (letters, digits, the spaces between English words)
 * up to the first punctuation or the next option word, where a label-first bracket stands. */
function sentenceRun(line: StyledLine, hit: LabelHit): { text: string; bbox: Bbox } | null {
  const next = Math.min(line.chars.length, ...line.all.filter((h) => h.start >= hit.end).map((h) => h.start));
  let end = hit.end;
  while (end < next && /[\p{L}\p{N}\s]/u.test(line.chars[end]?.ch ?? "")) end++;
  while (end > hit.end && isSpace(line.chars[end - 1]?.ch ?? "")) end--;
  if (end === hit.end) return null;
  const run = line.chars.slice(hit.start, end).filter((c) => !isSpace(c.ch));
  return {
    text:
      hit.text +
      line.chars
        .slice(hit.end, end)
        .map((c) => c.ch)
        .join(""),
    bbox: charsBbox(run),
  };
}

/** The side a row prints its brackets on: the one more of its options show a pair on (a pair between two options
 * is the one's after and the other's before, so the row's ends decide). */
function sideOf(row: readonly Candidate[]): "left" | "right" | null {
  const l = row.filter((c) => c.left !== null).length;
  const r = row.filter((c) => c.right !== null).length;
  if (l === r) return null;
  return l > r ? "left" : "right";
}

/**
 * Candidates of one family grouped into rows: on one line (centres within half a text height); stacked in one
 * column (left edges within a text height, each a line or two under the last); a listed family's options (one per
 * line, a sentence each) within four text heights.
 */
function optionRows(cands: readonly Candidate[]): Candidate[][] {
  const cy = (c: Candidate) => (c.labelBbox[1] + c.labelBbox[3]) / 2;
  const sorted = [...cands].sort((a, b) => cy(a) - cy(b) || a.labelBbox[0] - b.labelBbox[0]);
  const rows: Candidate[][] = [];
  for (const c of sorted) {
    const listed = (OPTION_GROUPS[c.family] as OptionGroupLexicon).listed === true;
    const row = rows.find((r) => {
      if (r[0]!.family !== c.family) return false;
      const last = r[r.length - 1]!;
      const dy = cy(c) - cy(last);
      if (dy <= 0.5 * c.h) return true;
      if (listed) return dy <= 4 * c.h;
      const lines = new Set(r.map((x) => x.line));
      // A stack holds one option per line.
      return (
        lines.size === r.length && dy <= 2.6 * c.h && Math.abs(c.labelBbox[0] - last.labelBbox[0]) <= c.h
      );
    });
    if (row) row.push(c);
    else rows.push([c]);
  }
  return rows;
}

function sameBox(a: Bbox, b: Bbox): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}
