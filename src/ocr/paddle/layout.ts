/**
 * Recognised text boxes -> engine-neutral lines and words, shaped like the tesseract engine's output: one
 * line per visual row (boxes the detector split on one row are joined with a space, left to right), rows
 * top to bottom, words with boxes in page pixels. Word boxes come from where the recogniser read each
 * character (its CTC frames), so option labels like 符合 get their own boxes.
 */
import { type Bbox, groupRows, unionBbox } from "../../domain/geometry.ts";
import type { OcrLine, OcrWord } from "../../domain/ocr.ts";
import { weightedConfidence } from "../tesseract-result.ts";

export interface PlacedChar {
  ch: string;
  /** Centre of the character's frames, x in page pixels. */
  x: number;
  confidence: number;
}

/** One detector box with what the recogniser read in it. */
export interface RecognisedBox {
  bbox: Bbox;
  chars: PlacedChar[];
  /** Rows the ink spans inside the box (page pixels); words and lines take these, like tesseract's glyph boxes. */
  ink?: [number, number];
}

/** Ideographs, kana, CJK and full-width punctuation, box glyphs: about one em wide. */
export function isWide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c >= 0x2e80 || (c >= 0x2500 && c <= 0x27bf);
}

/** Share of the box height a glyph's half-width takes (a DB box is ~1.3x the glyph height). */
const HALF_WIDE = 0.4;
const HALF_NARROW = 0.22;

/** x range of each character: halfway to its neighbours' centres, at most about a glyph wide. */
function charRanges(box: RecognisedBox): [number, number][] {
  const h = box.bbox[3] - box.bbox[1];
  const { chars } = box;
  return chars.map((c, i) => {
    const half = h * (isWide(c.ch) ? HALF_WIDE : HALF_NARROW);
    const prev = chars[i - 1];
    const next = chars[i + 1];
    const left = Math.max(c.x - half, prev ? (prev.x + c.x) / 2 : box.bbox[0], box.bbox[0]);
    const right = Math.min(c.x + half, next ? (c.x + next.x) / 2 : box.bbox[2], box.bbox[2]);
    return [left, Math.max(left + 1, right)];
  });
}

/**
 * Two narrow characters further apart than this many box heights were read across a gap the recogniser
 * skipped (a tick box between "QMS" and "EMS" comes out as nothing): they belong to different words.
 */
const WORD_GAP = 1.0;

function gapBefore(box: RecognisedBox, i: number): boolean {
  const prev = box.chars[i - 1];
  const c = box.chars[i]!;
  return prev !== undefined && c.x - prev.x > WORD_GAP * (box.bbox[3] - box.bbox[1]);
}

/** The box's text, with a space between narrow words where the recogniser read none. */
export function boxText(box: RecognisedBox): string {
  const narrow = (ch: string | undefined) => ch !== undefined && !isWide(ch) && !/\s/u.test(ch);
  return box.chars
    .map((c, i) => (narrow(c.ch) && narrow(box.chars[i - 1]?.ch) && gapBefore(box, i) ? ` ${c.ch}` : c.ch))
    .join("")
    .trim();
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Words of one box: every wide character alone, runs of narrow ones together, split at spaces. */
export function wordsOf(box: RecognisedBox): OcrWord[] {
  const ranges = charRanges(box);
  const [top, bottom] = box.ink ?? [box.bbox[1], box.bbox[3]];
  const words: OcrWord[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const first = ranges[run[0]!]!;
    const last = ranges[run[run.length - 1]!]!;
    words.push({
      text: run.map((i) => box.chars[i]!.ch).join(""),
      bbox: [Math.round(first[0]), Math.round(top), Math.round(last[1]), Math.round(bottom)],
      confidence: mean(run.map((i) => box.chars[i]!.confidence)),
    });
    run = [];
  };
  box.chars.forEach((c, i) => {
    if (/\s/u.test(c.ch)) {
      flush();
    } else if (isWide(c.ch)) {
      flush();
      run.push(i);
      flush();
    } else {
      if (gapBefore(box, i)) flush();
      run.push(i);
    }
  });
  flush();
  return words;
}

const height = (b: Bbox) => Math.max(1, b[3] - b[1]);

/** Boxes overlapping in x by more than their grown margins (about a line height): not neighbours on a row. */
const overlapsX = (a: Bbox, b: Bbox) =>
  Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > Math.min(height(a), height(b));

/** Lines in reading order: rows top to bottom, boxes in a row left to right. Empty boxes are dropped. */
export function linesFromBoxes(boxes: readonly RecognisedBox[]): OcrLine[] {
  const kept = boxes.filter((b) => b.chars.some((c) => !/\s/u.test(c.ch)));
  const byMiddle = [...kept].sort((a, b) => (a.bbox[1] + a.bbox[3]) / 2 - (b.bbox[1] + b.bbox[3]) / 2);
  return groupRows(byMiddle, (b) => b.bbox, overlapsX).map((row) => {
    const ordered = [...row.items].sort((a, b) => a.bbox[0] - b.bbox[0]);
    const words = ordered.flatMap(wordsOf);
    const text = ordered.map(boxText).join(" ");
    const chars = ordered.flatMap((b) => b.chars.filter((c) => !/\s/u.test(c.ch)));
    const r = unionBbox(words.map((w) => w.bbox)) ?? row.bbox;
    return {
      text,
      bbox: [Math.round(r[0]), Math.round(r[1]), Math.round(r[2]), Math.round(r[3])],
      confidence: mean(chars.map((c) => c.confidence)),
      words,
    };
  });
}

export function resultFromBoxes(boxes: readonly RecognisedBox[]): {
  text: string;
  lines: OcrLine[];
  meanConfidence: number;
} {
  const lines = linesFromBoxes(boxes);
  return { text: lines.map((l) => l.text).join("\n"), lines, meanConfidence: weightedConfidence(lines) };
}
