import { SENTENCE_ENDS } from "../../lexicon/prose.ts";
import type { DocLine } from "./lines.ts";
import type { TextWindow } from "./window.ts";

/** A sentence of running text, read across the lines a scan wrapped it onto (never across a page). `start` and
 * `end` are positions in `win.text`, so a value found in `text` at i sits at `start + i` of the window. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
  win: TextWindow;
}

/** One split per document: the prose readers (dates, team, recommendation) each ask for it. */
const split = new WeakMap<readonly DocLine[], readonly Sentence[]>();

/** Every page's lines joined into one text and cut at the lexicon's sentence ends. A paragraph's numbering
 * (（一）, 1.4) stays at the head of its first sentence. */
export function sentencesOf(lines: readonly DocLine[]): readonly Sentence[] {
  const known = split.get(lines);
  if (known) return known;
  const out = cut(lines);
  split.set(lines, out);
  return out;
}

function cut(lines: readonly DocLine[]): Sentence[] {
  const out: Sentence[] = [];
  let i = 0;
  while (i < lines.length) {
    const page = lines[i]!.page;
    const win: TextWindow = { text: "", parts: [] };
    for (; i < lines.length && lines[i]!.page === page; i++) {
      const line = lines[i]!;
      win.parts.push({ line, offset: win.text.length, from: 0 });
      win.text += line.text;
    }
    let start = 0;
    for (let k = 0; k <= win.text.length; k++) {
      if (k < win.text.length && !SENTENCE_ENDS.includes(win.text[k]!)) continue;
      const end = Math.min(win.text.length, k + 1);
      if (win.text.slice(start, end).trim()) out.push({ text: win.text.slice(start, end), start, end, win });
      start = end;
    }
  }
  return out;
}
