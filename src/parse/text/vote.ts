/** Character votes across the places a report prints one value (a name on the team table and at the
 * signatures, an organisation on the cover and in the conclusion). OCR misreads a glyph now and then, but the
 * engine's confidence tells a clear reading from a guess: a clear reading of a character outvotes unclear
 * ones, more clear readings outvote fewer (a tie keeps the value's own); without any clear reading a character is taken only when the
 * readings agree (or most of them do). Readings that disagree with none clear leave the character unreadable.
 *
 * Confidence is weak evidence at the low end (chi_sim gives 0 to many correct glyphs) and strong at the high
 * end, so it is used as a gate, not a probability. */
import type { DocLine } from "./lines.ts";

/** A reading at or above this confidence is a clear one. */
export const CLEAR = 0.7;
/** A single clear reading at or above this stands against agreeing unclear ones. */
const VERY_CLEAR = 0.85;

export interface CharReading {
  ch: string;
  conf: number;
}

export interface PositionVote {
  ch: string;
  /** Best confidence among the readings of the chosen character. */
  conf: number;
  readable: boolean;
}

/** The character a position reads as, from the value's own reading and the other places' readings. */
export function votePosition(own: CharReading, others: readonly CharReading[]): PositionVote {
  const all = [own, ...others];
  const best = (ch: string) => Math.max(...all.filter((r) => r.ch === ch).map((r) => r.conf));
  const clear = all.filter((r) => r.conf >= CLEAR);
  if (clear.length > 0) {
    // More clear readings win; one clear reading against another leaves the value's own.
    const count = new Map<string, number>();
    for (const r of clear) count.set(r.ch, (count.get(r.ch) ?? 0) + 1);
    let ch = count.has(own.ch) ? own.ch : clear[0]!.ch;
    for (const [c, n] of count) if (n > count.get(ch)!) ch = c;
    // A tie of single clear readings goes to a very clear one over a barely clear value's own.
    for (const [c, n] of count) {
      if (c !== ch && n === count.get(ch) && n === 1 && best(ch) < VERY_CLEAR && best(c) >= VERY_CLEAR)
        ch = c;
    }
    // One barely clear reading against two or more places agreeing on another character: a confident
    // misreading is then as likely as a coincidence of two unclear ones, so the character is not read
    // (measured on the fixtures: 彭 read as 喜 at 0.78 once, as 彭 at 0.64 and 0.16 elsewhere; 霞 at 0.89
    // once and as 起 twice was right).
    if (count.get(ch) === 1 && best(ch) < VERY_CLEAR) {
      const rival = new Map<string, number>();
      for (const r of all) if (r.conf < CLEAR && r.ch !== ch) rival.set(r.ch, (rival.get(r.ch) ?? 0) + 1);
      if ([...rival.values()].some((n) => n >= 2)) return { ch, conf: best(ch), readable: false };
    }
    return { ch, conf: best(ch), readable: true };
  }
  const count = new Map<string, number>();
  for (const r of all) count.set(r.ch, (count.get(r.ch) ?? 0) + 1);
  const ranked = [...count.entries()].sort((a, b) => b[1] - a[1]);
  const [top, n] = ranked[0]!;
  if (ranked.length === 1) return { ch: top, conf: best(top), readable: true };
  if (n > ranked[1]![1]) return { ch: top, conf: best(top), readable: true };
  return { ch: own.ch, conf: own.conf, readable: false };
}

/** A line's text without whitespace, each character with its confidence. */
export interface Reading {
  chars: string[];
  confs: number[];
}

const readingCache = new WeakMap<DocLine, Reading>();

export function compactReading(line: DocLine): Reading {
  const cached = readingCache.get(line);
  if (cached) return cached;
  const chars: string[] = [];
  const confs: number[] = [];
  [...line.text].forEach((ch, i) => {
    if (/\s/.test(ch)) return;
    chars.push(ch);
    confs.push(line.charConfidences[i] ?? line.confidence);
  });
  const made = { chars, confs };
  readingCache.set(line, made);
  return made;
}

/** A plain string read as if every character were clear (a text layer, a test). */
export function plainReading(s: string): Reading {
  const chars = [...s.replace(/\s/g, "")];
  return { chars, confs: chars.map(() => 1) };
}
