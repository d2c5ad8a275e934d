import { distance } from "fastest-levenshtein";
import { normForCer } from "./normalise.ts";

export interface CerResult {
  edits: number;
  refLength: number;
  /** edits / refLength; 0 for identical text. */
  value: number;
}

/** Character error rate: whitespace removed, NFKC, Levenshtein distance over the reference length. Sensitive to
 * reading order: a wrapped cell or a column read in another order costs edits even when every character was read. */
export function characterErrorRate(reference: string, hypothesis: string): CerResult {
  const ref = normForCer(reference);
  const hyp = normForCer(hypothesis);
  const edits = distance(ref, hyp);
  return {
    edits,
    refLength: ref.length,
    value: ref.length === 0 ? (hyp.length === 0 ? 0 : 1) : edits / ref.length,
  };
}

function counts(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const ch of s) m.set(ch, (m.get(ch) ?? 0) + 1);
  return m;
}

/** Edits between two pages as bags of characters: with `missing` the reference characters the reading lacks and
 * `extra` the read characters the reference lacks (counted with multiplicity), min(missing, extra) of them pair up
 * as substitutions and the rest are insertions or deletions, so the edits are max(missing, extra). */
function bagEdits(ref: string, hyp: string): number {
  const r = counts(ref);
  const h = counts(hyp);
  let missing = 0;
  let extra = 0;
  for (const [ch, n] of r) missing += Math.max(0, n - (h.get(ch) ?? 0));
  for (const [ch, n] of h) extra += Math.max(0, n - (r.get(ch) ?? 0));
  return Math.max(missing, extra);
}

/**
 * Order-independent character error rate ("bag-of-characters" CER), per page: each page's truth and reading
 * (normalised as for characterErrorRate) compared as multisets of characters, edits = max(missing, extra) (see
 * bagEdits), summed over pages and divided by the truth's length. Reading order does not count: a page whose lines
 * or cells were read in another order scores 0 when every character was read. It is a lower bound of the ordered CER
 * on the same page (no alignment can need fewer edits than the bags differ by), and it misses what only order shows
 * (two characters swapped, a value read into the wrong cell). Pages are paired in order (form feeds split them); when
 * the page counts differ the document is compared as one bag.
 */
export function unorderedErrorRate(reference: string, hypothesis: string): CerResult {
  const refPages = reference.split("\f").map(normForCer);
  const hypPages = hypothesis.split("\f").map(normForCer);
  const pairs: [string, string][] =
    refPages.length === hypPages.length
      ? refPages.map((p, i) => [p, hypPages[i] ?? ""])
      : [[refPages.join(""), hypPages.join("")]];
  let edits = 0;
  let refLength = 0;
  for (const [ref, hyp] of pairs) {
    edits += bagEdits(ref, hyp);
    refLength += [...ref].length;
  }
  const hypLength = hypPages.reduce((n, p) => n + p.length, 0);
  return {
    edits,
    refLength,
    value: refLength === 0 ? (hypLength === 0 ? 0 : 1) : edits / refLength,
  };
}
