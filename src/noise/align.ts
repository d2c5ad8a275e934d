/** Edit-distance alignment of an OCR reading with the text it was read from, for measuring the engines' noise. */

/** One step of an alignment: `t` the true character, `r` the character read; null on the side of a gap. */
export interface AlignStep {
  t: string | null;
  r: string | null;
  /** Index of the read character in the reading (null for a deletion). */
  ri: number | null;
}

export interface Alignment {
  steps: AlignStep[];
  /** Edits inside the aligned stretch (substitutions, insertions, deletions). */
  cost: number;
  /** First and one-past-last true characters the reading covers. */
  from: number;
  to: number;
}

/**
 * Semi-global alignment: the whole `read` against the best-matching stretch of `truth` (characters of the truth
 * before and after that stretch are free). Unit costs; on ties a substitution is preferred to a gap pair.
 * Memory is one byte per cell of the traceback, so a line of 60 against a page of 3,000 characters is cheap.
 */
export function alignInto(read: readonly string[], truth: readonly string[]): Alignment {
  const n = read.length;
  const m = truth.length;
  const width = m + 1;
  // 0 = diagonal, 1 = up (read char inserted), 2 = left (truth char deleted)
  const back = new Uint8Array((n + 1) * width);
  let prev = new Int32Array(width); // row 0: free start anywhere in truth
  let cur = new Int32Array(width);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    back[i * width] = 1;
    const rc = read[i - 1];
    for (let j = 1; j <= m; j++) {
      const diag = (prev[j - 1] as number) + (rc === truth[j - 1] ? 0 : 1);
      const up = (prev[j] as number) + 1;
      const left = (cur[j - 1] as number) + 1;
      let best = diag;
      let dir = 0;
      if (up < best) {
        best = up;
        dir = 1;
      }
      if (left < best) {
        best = left;
        dir = 2;
      }
      cur[j] = best;
      back[i * width + j] = dir;
    }
    [prev, cur] = [cur, prev];
  }
  // Free end anywhere in truth.
  let end = 0;
  for (let j = 1; j <= m; j++) if ((prev[j] as number) < (prev[end] as number)) end = j;
  const cost = prev[end] as number;
  const steps: AlignStep[] = [];
  let i = n;
  let j = end;
  while (i > 0) {
    const dir = j === 0 ? 1 : back[i * width + j];
    if (dir === 0) {
      steps.push({ t: truth[j - 1] ?? null, r: read[i - 1] ?? null, ri: i - 1 });
      i--;
      j--;
    } else if (dir === 1) {
      steps.push({ t: null, r: read[i - 1] ?? null, ri: i - 1 });
      i--;
    } else {
      steps.push({ t: truth[j - 1] ?? null, r: null, ri: null });
      j--;
    }
  }
  steps.reverse();
  return { steps, cost, from: j, to: end };
}
