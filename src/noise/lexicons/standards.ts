/** A management-system standard's issuer prefix (ISO, GB/T …) where OCR misread it (IS0, 150, I50, lIS0): the text
 * before a catalogued standard number is decoded with the noise model against the prefix lexicon; and its edition
 * year (ISO 22000:200$) against the standard's published editions. */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { decode, type LexEntry, reading } from "../match.ts";
import { noiseModel } from "../model.ts";

const Lexicons = z.object({
  standardPrefixes: z.array(z.string()),
  standards: z.array(z.string()),
  standardEditions: z.record(z.string(), z.array(z.string().regex(/^\d{4}$/))),
});

interface Catalogue {
  prefixes: LexEntry<string>[];
  numbers: Set<string>;
  pattern: RegExp;
  /** Editions by "issuer number" (ISO 22000, GB/T 22000). */
  editions: Map<string, LexEntry<string>[]>;
  editionPattern: RegExp;
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
    editions: new Map(
      Object.entries(d.standardEditions).map(([k, years]) => [
        k,
        years.map((y) => ({ text: y, value: y, prior: 1 / years.length })),
      ]),
    ),
    editionPattern: editionPattern(Object.keys(d.standardEditions)),
  };
  return catalogue;
}

/** The catalogue's management-system standard numbers (9001, 14001 …), longest first. */
export function catalogueNumbers(): string[] {
  return [...load().numbers];
}

/** Issuer, number, separator and a four-character year read with something other than digits in it. */
function editionPattern(keys: readonly string[]): RegExp {
  const numbers = [...new Set(keys.map((k) => k.split(" ")[1] ?? ""))].sort((a, b) => b.length - a.length);
  return new RegExp(
    String.raw`(ISO/IEC|ISO|IEC|IATF|GB/T|GBT)(\s*)(${numbers.join("|")})(\s*[-:：]\s*)([^\s/;；,，、()（）]{4})(?![0-9A-Za-z])`,
    "g",
  );
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

/** `text` with a misread edition year of a catalogued standard decoded against its published editions (ISO
 * 22000:200$ is ISO 22000:2005), keeping its length; a year the editions do not tell apart stays as read. */
export function repairStandardEditions(text: string): string {
  const c = load();
  const model = noiseModel();
  return text.replace(
    c.editionPattern,
    (whole, issuer: string, gap: string, num: string, sep: string, year: string) => {
      if (/^\d{4}$/.test(year) || (year.match(/\d/g)?.length ?? 0) < 2) return whole;
      const own = issuer === "GBT" ? "GB/T" : issuer;
      const editions = c.editions.get(`${own} ${num}`) ?? c.editions.get(`ISO/IEC ${num}`);
      // The digits read are taken as printed: only the glyphs that are no digit are decoded.
      const agree = editions?.filter((e) => [...year].every((ch, i) => !/\d/.test(ch) || e.text[i] === ch));
      if (!agree?.length) return whole;
      const best = decode(model, reading(year, 0.5), agree, { maxExtra: MAX_EXTRA });
      return best ? `${issuer}${gap}${num}${sep}${best.entry.text}` : whole;
    },
  );
}
