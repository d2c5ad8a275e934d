import { distance } from "fastest-levenshtein";
import { normForCer } from "./normalise.ts";

export interface CerResult {
  edits: number;
  refLength: number;
  /** edits / refLength; 0 for identical text. */
  value: number;
}

/** Character error rate: whitespace removed, NFKC, Levenshtein distance over the reference length. */
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
