/** The word a bracketed remark opens with (中餐类制售（含凉菜）), decoded with the noise model against the typed
 * lexicon of remark openers; the reading stays where it is itself likelier, or where it starts a word the caller
 * knows (a GB/T 2260 division: （合肥市范围内）; a word the document prints clearly elsewhere). */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { noiseModel } from "../model.ts";

const Lexicons = z.object({ scopeRemarkOpeners: z.array(z.string()) });

let openers: string[] | null = null;
function remarkOpeners(): string[] {
  openers ??= Lexicons.parse(
    JSON.parse(readFileSync(new URL("../data/lexicons.json", import.meta.url), "utf8")),
  ).scopeRemarkOpeners;
  return openers;
}

/** −log of the probability of one character of free text (about 3,000 characters in use). */
const FREE_CHAR = Math.log(3000);
/** −log P(a remark opens with an opener word): half of them do, spread over the openers. */
const openerCost = (n: number) => -Math.log(0.5 / n);

/**
 * The remark openers of a value put back, where misread: `chars` and `confs` are the value's characters and each
 * one's OCR confidence; `isWord(s)` tells whether the literal reading starting at the opener is a known word.
 */
export function decodeRemarkOpeners(
  chars: readonly string[],
  confs: readonly number[],
  isWord: (text: string) => boolean,
): string[] {
  const model = noiseModel();
  const list = remarkOpeners();
  const out = [...chars];
  for (let k = 1; k < chars.length; k++) {
    if (chars[k - 1] !== "（" && chars[k - 1] !== "(") continue;
    let best: { text: string; cost: number } | null = null;
    for (const o of list) {
      const want = [...o];
      if (k + want.length > chars.length) continue;
      const cost = want.reduce(
        (a, t, i) => a + model.readCost(t, chars[k + i] as string, confs[k + i] ?? 1),
        openerCost(list.length),
      );
      if (!best || cost < best.cost) best = { text: o, cost };
    }
    if (!best) continue;
    const want = [...best.text];
    const asRead = chars.slice(k, k + want.length);
    if (asRead.join("") === best.text) continue;
    const literal = asRead.reduce((a, r, i) => a + model.readCost(r, r, confs[k + i] ?? 1) + FREE_CHAR, 0);
    if (best.cost >= literal) continue;
    if (isWord(chars.slice(k, k + 4).join(""))) continue;
    want.forEach((t, i) => {
      out[k + i] = t;
    });
  }
  return out;
}
