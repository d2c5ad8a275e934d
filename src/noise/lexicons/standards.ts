/** A management-system standard's issuer prefix (ISO, GB/T …) where OCR misread it (IS0, 150, I50, lIS0): the text
 * before a catalogued standard number is decoded with the noise model against the prefix lexicon. */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { decode, type LexEntry, reading } from "../match.ts";
import { noiseModel } from "../model.ts";

const Lexicons = z.object({ standardPrefixes: z.array(z.string()), standards: z.array(z.string()) });

interface Catalogue {
  prefixes: LexEntry<string>[];
  numbers: Set<string>;
  pattern: RegExp;
}

let catalogue: Catalogue | null = null;

function load(): Catalogue {
  if (catalogue) return catalogue;
  const d = Lexicons.parse(
    JSON.parse(readFileSync(new URL("../data/lexicons.json", import.meta.url), "utf8")),
  );
  const numbers = [...d.standards].sort((a, b) => b.length - a.length);
  catalogue = {
    prefixes: d.standardPrefixes.map((p) => ({ text: p, value: p, prior: 1 / d.standardPrefixes.length })),
    numbers: new Set(numbers),
    // A short run of letters, digits and strokes, glued or spaced to leading zeros and a catalogued number.
    pattern: new RegExp(
      String.raw`(?:(?<![A-Za-z0-9|])|(?<=idt|IDT))([A-Za-z0-9|]{2,5}?)(\s*)(0*)(${numbers.join("|")})(?!\d)`,
      "g",
    ),
  };
  return catalogue;
}

/** Channel cost accepted for a prefix: about two confusions never measured (150 for ISO). */
const MAX_EXTRA = 25;

/** `text` with misread standard prefixes put back, keeping its length (positions still point into the line). */
export function repairStandardPrefixes(text: string): string {
  const c = load();
  const model = noiseModel();
  return text.replace(c.pattern, (whole, token: string, space: string, zeros: string, num: string) => {
    const isPrefix = c.prefixes.some((p) => p.text === token);
    if (isPrefix && zeros === "") return whole;
    // The token's own digits may begin the number (T19001 of GB/T19001 is T and 19001, not T1 and 9001).
    const digits = token.match(/\d+$/)?.[0] ?? "";
    if (digits && !zeros && c.numbers.has(`${digits}${num}`)) return whole;
    // Digits glued to digits are one number (15009001); a prefix read as digits stands apart (150 9001).
    if (/^\d+$/.test(token) && space === "") return whole;
    const best = decode(model, reading(`${token}${zeros}`, 0.5), c.prefixes, { maxExtra: MAX_EXTRA });
    const span = token.length + space.length + zeros.length;
    if (!best || best.entry.text.length > span) return whole;
    return `${" ".repeat(span - best.entry.text.length)}${best.entry.text}${num}`;
  });
}
