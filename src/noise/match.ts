/**
 * Noisy-channel decoding of a field's reading against typed lexicons: the cost of a candidate text is −log P(text)
 * − log P(reading | text), the second measured by the noise model (substitutions by confidence, omissions,
 * insertions, one character read as two). The candidate of least cost wins; a field keeps its reading where no
 * candidate is near enough or two are too close to tell.
 */
import type { NoiseModel } from "./model.ts";

export interface CharRead {
  ch: string;
  /** The engine's confidence in the character (its word's), 0..1. */
  conf: number;
}

export interface LexEntry<T> {
  text: string;
  value: T;
  /** Prior probability of the entry among the lexicon's (need not sum to 1). */
  prior: number;
}

export interface Decoded<T> {
  entry: LexEntry<T>;
  /** −log P(reading | entry.text). */
  channel: number;
  /** channel − log prior. */
  cost: number;
}

export function reading(text: string, conf = 1): CharRead[] {
  return [...text].map((ch) => ({ ch, conf }));
}

/** −log P(reading | text) along the likeliest alignment (Viterbi). */
export function channelCost(model: NoiseModel, text: readonly string[], read: readonly CharRead[]): number {
  const n = text.length;
  const m = read.length;
  let prev = new Float64Array(m + 1);
  for (let j = 1; j <= m; j++)
    prev[j] = (prev[j - 1] as number) + model.insertCost((read[j - 1] as CharRead).ch);
  for (let i = 1; i <= n; i++) {
    const t = text[i - 1] as string;
    const cur = new Float64Array(m + 1);
    cur[0] = (prev[0] as number) + model.deleteCost(t);
    for (let j = 1; j <= m; j++) {
      const r = read[j - 1] as CharRead;
      let best = (prev[j - 1] as number) + model.readCost(t, r.ch, r.conf);
      best = Math.min(best, (prev[j] as number) + model.deleteCost(t));
      best = Math.min(best, (cur[j - 1] as number) + model.insertCost(r.ch));
      if (j >= 2) {
        const two = `${(read[j - 2] as CharRead).ch}${r.ch}`;
        best = Math.min(best, (prev[j - 2] as number) + model.splitCost(t, two));
      }
      cur[j] = best;
    }
    prev = cur;
  }
  return prev[m] as number;
}

/** Candidates of a lexicon ranked by cost, best first. */
export function rank<T>(
  model: NoiseModel,
  read: readonly CharRead[],
  lexicon: readonly LexEntry<T>[],
): Decoded<T>[] {
  return lexicon
    .map((entry) => {
      const channel = channelCost(model, [...entry.text], read);
      return { entry, channel, cost: channel - Math.log(entry.prior) };
    })
    .sort((a, b) => a.cost - b.cost);
}

export interface DecodeOptions {
  /** Largest channel cost accepted, relative to the cost of reading the entry itself perfectly (nats). */
  maxExtra?: number;
  /** Least cost difference to the runner-up (nats) for a confident choice. */
  margin?: number;
}

/** The entry the reading is of, or null when none is near enough or two are equally near. */
export function decode<T>(
  model: NoiseModel,
  read: readonly CharRead[],
  lexicon: readonly LexEntry<T>[],
  opts: DecodeOptions = {},
): Decoded<T> | null {
  const ranked = rank(model, read, lexicon);
  const best = ranked[0];
  if (!best) return null;
  const perfect = channelCost(model, [...best.entry.text], reading(best.entry.text));
  if (best.channel - perfect > (opts.maxExtra ?? 12)) return null;
  const second = ranked.find((d) => d.entry.value !== best.entry.value);
  if (second && second.cost - best.cost < (opts.margin ?? 1)) return null;
  return best;
}

/**
 * Character-by-character decoding where each position is drawn from its own distribution (a person's surname,
 * then given-name characters): each read character (or pair read for one character) is replaced by the source of
 * highest posterior P(source) · P(read | source) among the sources the model has seen read so. `prior(i, ch)` is
 * the prior of `ch` at output position `i`.
 */
export function decodeChars(
  model: NoiseModel,
  read: readonly CharRead[],
  prior: (position: number, ch: string) => number,
): string[] {
  // best[j] = cheapest decoding of read[0..j) with its output characters.
  const best: { cost: number; out: string[] }[] = [{ cost: 0, out: [] }];
  for (let j = 1; j <= read.length; j++) {
    const r = read[j - 1] as CharRead;
    const prev1 = best[j - 1] as { cost: number; out: string[] };
    let cand = { cost: Number.POSITIVE_INFINITY, out: prev1.out };
    for (const t of model.sourcesOf(r.ch)) {
      const c = prev1.cost + model.readCost(t, r.ch, r.conf) - Math.log(prior(prev1.out.length, t));
      if (c < cand.cost) cand = { cost: c, out: [...prev1.out, t] };
    }
    if (j >= 2) {
      const prev2 = best[j - 2] as { cost: number; out: string[] };
      const two = `${(read[j - 2] as CharRead).ch}${r.ch}`;
      for (const t of model.sourcesOf(two)) {
        const c = prev2.cost + model.splitCost(t, two) - Math.log(prior(prev2.out.length, t));
        if (c < cand.cost) cand = { cost: c, out: [...prev2.out, t] };
      }
    }
    best.push(cand);
  }
  return (best[read.length] as { out: string[] }).out;
}
