/**
 * Graded options printed one per line in a cell, stacked at one left edge (符合（√） / 基本符合（ ） / 不符合（ ） beside
 * an evaluation's text): each line is a row of one option; the rows of one stack are one group, keyed by its top
 * line (where the section number or criterion stands).
 */
import type { Family } from "./vocab.ts";

interface Stackable {
  mark: { labelBbox: readonly number[] };
  term: { family: Family; value: string };
}

const h = (p: Stackable) => Math.max(1, p.mark.labelBbox[3]! - p.mark.labelBbox[1]!);
const cy = (p: Stackable) => (p.mark.labelBbox[1]! + p.mark.labelBbox[3]!) / 2;

/** Rows (top to bottom) with the single-option rows of one family that stack at one left edge, a line or two
 * apart and each a different option, merged; every other row as it was. */
export function mergeStacks<T extends Stackable>(rows: readonly T[][], families: ReadonlySet<Family>): T[][] {
  const out: T[][] = [];
  for (const row of rows) {
    const one = row.length === 1 ? row[0]! : null;
    const prev = out[out.length - 1];
    const last = prev?.[prev.length - 1];
    const stacks =
      one !== null &&
      prev !== undefined &&
      last !== undefined &&
      families.has(one.term.family) &&
      prev.every((p) => p.term.family === one.term.family && p.term.value !== one.term.value) &&
      prev.every((p, i) => i === 0 || cy(p) - cy(prev[i - 1]!) > 0.5 * h(p)) &&
      cy(one) - cy(last) <= 2.6 * h(one) &&
      Math.abs(one.mark.labelBbox[0]! - last.mark.labelBbox[0]!) <= h(one);
    if (stacks) prev.push(one);
    else out.push([...row]);
  }
  return out;
}
