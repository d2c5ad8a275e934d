/** A person's name decoded against public name statistics (data/names.json): a surname, then given-name characters,
 * each read character replaced only where the noise model makes another character likelier. */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { type CharRead, decodeChars } from "../match.ts";
import { noiseModel } from "../model.ts";

const NamesData = z.object({
  about: z.string(),
  surnames: z.array(z.string()),
  given: z.record(z.string(), z.number()),
});

/** Characters in use in names: a character missing from a small public list is still possible. */
const CHARS_IN_USE = 3000;
/** Share of people whose surname is outside the list (it holds the common ones). */
const RARE_SURNAMES = 0.05;

interface NamePriors {
  surnames: Set<string>;
  /** Characters the public list has seen in given names. */
  givenSeen: Set<string>;
  surname: (ch: string) => number;
  given: (ch: string) => number;
}

let priors: NamePriors | null = null;

function load(): NamePriors {
  if (priors) return priors;
  const d = NamesData.parse(JSON.parse(readFileSync(new URL("../data/names.json", import.meta.url), "utf8")));
  const single = d.surnames.filter((s) => [...s].length === 1);
  const total = Object.values(d.given).reduce((a, b) => a + b, 0);
  const oneSurname = new Set(single);
  priors = {
    surnames: new Set(d.surnames),
    givenSeen: new Set(Object.keys(d.given).filter((ch) => (d.given[ch] ?? 0) > 0)),
    surname: (ch) =>
      oneSurname.has(ch) ? (1 - RARE_SURNAMES) / oneSurname.size : RARE_SURNAMES / CHARS_IN_USE,
    given: (ch) => ((d.given[ch] ?? 0) + 0.5) / (total + 0.5 * CHARS_IN_USE),
  };
  return priors;
}

/** The likeliest name printed, given its reading (two to four characters; anything else is returned as read). */
export function decodePersonName(read: readonly CharRead[]): string {
  const text = read.map((r) => r.ch).join("");
  if (read.length < 2 || read.length > 4 || !read.every((r) => /\p{Script=Han}/u.test(r.ch))) return text;
  const p = load();
  // A compound surname (欧阳, 司马) read as printed is kept whole; the given name follows it.
  const compound = read.length >= 3 && p.surnames.has(text.slice(0, 2)) ? 2 : 0;
  const model = noiseModel();
  const out = decodeChars(model, read, (i, ch) =>
    i < Math.max(1, compound) ? (compound ? 1 : p.surname(ch)) : p.given(ch),
  );
  const decoded = out.join("");
  return out.length >= 2 && out.length <= 4 ? decoded : text;
}

/** Whether a person's name may hold the two characters side by side by the public name statistics: a surname then a
 * given-name character (王建), or two given-name characters (建立). */
export function nameMayHold(pair: string): boolean {
  const [a, b] = [...pair];
  if (a === undefined || b === undefined) return false;
  const p = load();
  return (p.surnames.has(a) || p.givenSeen.has(a)) && p.givenSeen.has(b);
}
