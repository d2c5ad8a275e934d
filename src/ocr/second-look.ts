/**
 * Second look at doubtful words. The fast model misreads the rarer characters of names and firm names the
 * same way at every occurrence (鑫 as 伟/价/侈, 昊 as 吴, 磊 as 舌, 斌 as 研), usually with low confidence, so
 * voting across a report cannot repair them. A short crop around each doubtful word of Chinese text is read
 * again by a second model (the engine's `reread`); where the two readings align character for character,
 * the second replaces the doubtful word if it is confident, and an agreeing second reading lends its
 * confidence. Anything else (other lengths, letters for characters, a crop that reads as other text) keeps
 * the first reading.
 */
import { EnvironmentError } from "../domain/errors.ts";
import type { Bbox } from "../domain/geometry.ts";
import type { OcrLine, OcrWord } from "../domain/ocr.ts";
import type { PageImage } from "../domain/page.ts";
import type { EngineResult, OcrEngine } from "./engine.ts";
import { cropBox } from "./pixels.ts";
import { weightedConfidence } from "./tesseract-result.ts";

export interface SecondLookOptions {
  /** A word with Chinese characters read below this confidence is doubtful. */
  doubtBelow?: number;
  /** A different second reading replaces the first at this confidence or above. Measured on the fixtures: the
   * second model's wrong replacements (晨→晟 aside) were read below 0.8 (渝→濑 0.68, 润→涧 0.77), most of its
   * right ones above 0.85. */
  adoptFrom?: number;
  /** An agreeing second reading lends its confidence from this level. */
  agreeFrom?: number;
  /** Crops read again per page at most, the least confident first. */
  maxCrops?: number;
}

const HAN = /\p{Script=Han}/u;
// Table rules and underlines a line crop picks up; they are not characters of either reading.
const NOT_TEXT = /[\s|_丨]/u;
const BOX_GLYPH = /[口四回加国图品]/u;

/** Words `from..to` (inclusive) of one line: the doubtful words with one neighbour each side for context. */
export interface Span {
  line: number;
  from: number;
  to: number;
  /** Lowest confidence of a doubtful word in the span. */
  weakest: number;
}

const doubtful = (w: OcrWord, below: number) => w.confidence < below && HAN.test(w.text);

export function doubtfulSpans(lines: readonly OcrLine[], below: number): Span[] {
  const spans: Span[] = [];
  lines.forEach((line, li) => {
    let cur: Span | null = null;
    line.words.forEach((w, wi) => {
      if (!doubtful(w, below)) return;
      const from = Math.max(0, wi - 1);
      const to = Math.min(line.words.length - 1, wi + 1);
      if (cur && from <= cur.to + 1) {
        cur.to = to;
        cur.weakest = Math.min(cur.weakest, w.confidence);
      } else {
        if (cur) spans.push(cur);
        cur = { line: li, from, to, weakest: w.confidence };
      }
    });
    if (cur) spans.push(cur);
  });
  return spans;
}

/** Character alignment (Levenshtein, substitutions preferred): pairs of indices, null for a gap. */
export function alignChars(a: readonly string[], b: readonly string[]): [number | null, number | null][] {
  const n = a.length;
  const m = b.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const sub = d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      d[i]![j] = Math.min(sub, d[i - 1]![j]! + 1, d[i]![j - 1]! + 1);
    }
  }
  const pairs: [number | null, number | null][] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)) {
      pairs.push([--i, --j]);
    } else if (i > 0 && d[i]![j] === d[i - 1]![j]! + 1) {
      pairs.push([--i, null]);
    } else {
      pairs.push([null, --j]);
    }
  }
  return pairs.reverse();
}

interface Char {
  ch: string;
  conf: number;
}

/** The second reading's characters, each with the confidence of the word it stands in. */
function readingChars(result: EngineResult): Char[] {
  return result.lines.flatMap((l) =>
    l.words.flatMap((w) =>
      [...w.text].filter((ch) => !NOT_TEXT.test(ch)).map((ch) => ({ ch, conf: w.confidence })),
    ),
  );
}

/** The line's words with the span's second reading merged in; words left as read are the same objects. */
export function mergeSecondReading(
  words: readonly OcrWord[],
  span: Pick<Span, "from" | "to">,
  second: EngineResult,
  opts: Required<Pick<SecondLookOptions, "doubtBelow" | "adoptFrom" | "agreeFrom">>,
): OcrWord[] {
  const owner: number[] = [];
  const first: string[] = [];
  for (let wi = span.from; wi <= span.to; wi++) {
    for (const ch of words[wi]!.text) {
      if (NOT_TEXT.test(ch)) continue;
      first.push(ch);
      owner.push(wi);
    }
  }
  const again = readingChars(second);
  if (first.length === 0 || again.length === 0) return [...words];
  const pairs = alignChars(
    first,
    again.map((c) => c.ch),
  );
  const edits = pairs.filter(([i, j]) => i === null || j === null || first[i] !== again[j]!.ch).length;
  // A crop that reads as other text (a neighbouring line, a stamp) says nothing about this one.
  if (edits > first.length / 2) return [...words];
  const out = [...words];
  for (let wi = span.from; wi <= span.to; wi++) {
    const word = words[wi]!;
    if (!doubtful(word, opts.doubtBelow) || [...word.text].some((ch) => NOT_TEXT.test(ch))) continue;
    const at = pairs.findIndex(([i]) => i !== null && owner[i] === wi);
    const run = pairs.slice(at, at + [...word.text].length);
    // Character for character: no gap inside the word or next to it, in either reading.
    const gap = (k: number) => k >= 0 && k < pairs.length && (pairs[k]![0] === null || pairs[k]![1] === null);
    if (at < 0 || gap(at - 1) || gap(at + run.length)) continue;
    if (run.some(([i, j]) => i === null || j === null || owner[i] !== wi)) continue;
    const read = run.map(([, j]) => again[j!]!);
    const was = run.map(([i]) => first[i!]!);
    const same = read.every((c, k) => c.ch === was[k]);
    // Characters for characters only; a tick box's glyph (read as 口 回 图 ...) stays for the box reader.
    const fits = read.every(
      (c, k) => c.ch === was[k] || (HAN.test(c.ch) && HAN.test(was[k]!) && !BOX_GLYPH.test(was[k]!)),
    );
    const conf = Math.min(...read.map((c) => c.conf));
    if (!fits || conf < (same ? opts.agreeFrom : opts.adoptFrom) || conf <= word.confidence) continue;
    out[wi] = { ...word, text: read.map((c) => c.ch).join(""), confidence: conf };
  }
  return out;
}

/** The line's text with its words' new readings put in their places (spacing kept). */
function retext(line: OcrLine, words: readonly OcrWord[]): string {
  let text = "";
  let cursor = 0;
  for (const [k, old] of line.words.entries()) {
    const at = line.text.indexOf(old.text, cursor);
    if (at < 0) return words.map((w) => w.text).join("");
    text += line.text.slice(cursor, at) + words[k]!.text;
    cursor = at + old.text.length;
  }
  return text + line.text.slice(cursor);
}

function cropOf(image: PageImage, line: OcrLine, span: Span): Bbox {
  const ws = line.words.slice(span.from, span.to + 1);
  const h = line.bbox[3] - line.bbox[1];
  return [
    Math.max(0, Math.min(...ws.map((w) => w.bbox[0])) - 0.5 * h),
    Math.max(0, line.bbox[1] - 0.2 * h),
    Math.min(image.width, Math.max(...ws.map((w) => w.bbox[2])) + 0.5 * h),
    Math.min(image.height, line.bbox[3] + 0.2 * h),
  ];
}

/** The engine's result with doubtful words read again; unchanged when the engine has no second reader. */
export async function secondLook(
  image: PageImage,
  result: EngineResult,
  engine: OcrEngine,
  signal?: AbortSignal,
  opts: SecondLookOptions = {},
): Promise<EngineResult> {
  if (!engine.reread) return result;
  const merge = {
    doubtBelow: opts.doubtBelow ?? 0.7,
    adoptFrom: opts.adoptFrom ?? 0.8,
    agreeFrom: opts.agreeFrom ?? 0.6,
  };
  const spans = doubtfulSpans(result.lines, merge.doubtBelow)
    .sort((a, b) => a.weakest - b.weakest)
    .slice(0, opts.maxCrops ?? 24);
  if (spans.length === 0) return result;
  const words = result.lines.map((l) => [...l.words]);
  for (const span of spans) {
    let second: EngineResult | null;
    try {
      second = await engine.reread(cropBox(image, cropOf(image, result.lines[span.line]!, span)), signal);
    } catch (error) {
      // A crop the second reader fails on keeps its first reading; a missing model or a timeout is the page's.
      if (error instanceof EnvironmentError || signal?.aborted) throw error;
      continue;
    }
    if (second) words[span.line] = mergeSecondReading(words[span.line]!, span, second, merge);
  }
  const lines = result.lines.map((line, li) =>
    words[li]!.every((w, k) => w === line.words[k])
      ? line
      : { ...line, words: words[li]!, text: retext(line, words[li]!) },
  );
  return { text: lines.map((l) => l.text).join("\n"), lines, meanConfidence: weightedConfidence(lines) };
}
