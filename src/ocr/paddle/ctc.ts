/** Greedy CTC decoding of the recogniser's output, keeping where on the line each character was read. */

export interface DecodedChar {
  ch: string;
  /** First and last timestep of the character's run of frames. */
  firstFrame: number;
  lastFrame: number;
  /** Probability at the run's first frame (what PaddleOCR averages into a line score). */
  confidence: number;
}

export interface DecodedLine {
  chars: DecodedChar[];
  /** Timesteps in the (padded) input. */
  frames: number;
}

/**
 * Decodes sequence `n` of a [N, T, C] probability tensor: argmax per frame, repeats collapsed, blanks
 * (class 0) dropped. `alphabet[k]` is the text of class k.
 */
export function ctcGreedy(
  probs: Float32Array,
  n: number,
  frames: number,
  classes: number,
  alphabet: readonly string[],
): DecodedLine {
  const chars: DecodedChar[] = [];
  let previous = -1;
  for (let t = 0; t < frames; t++) {
    const base = (n * frames + t) * classes;
    let best = 0;
    let bestP = probs[base]!;
    for (let k = 1; k < classes; k++) {
      const p = probs[base + k]!;
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    if (best !== 0 && best === previous) {
      chars[chars.length - 1]!.lastFrame = t;
    } else if (best !== 0) {
      chars.push({ ch: alphabet[best] ?? "", firstFrame: t, lastFrame: t, confidence: bestP });
    }
    previous = best;
  }
  return { chars, frames };
}
