/** Counting an engine's confusions from readings aligned to the text they were read from. */
import { type AlignStep, alignInto } from "./align.ts";
import { type Bucket, bucketOf, type EngineCounts, emptyCounts, readForm } from "./model-data.ts";

/** One reading of a line (or crop): its characters and each character's confidence. */
export interface LineReading {
  chars: string[];
  confs: number[];
  /** Per character: whether it is the first or last of its word. Absent: no word edges known. */
  edges?: boolean[];
}

/** A page's truth in the form readings are compared in, with an index to find which page a reading is from. */
export interface TruthPage {
  id: string;
  chars: string[];
  grams: Set<string>;
}

export function truthPage(id: string, text: string): TruthPage {
  const chars = readForm(text);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return { id, chars, grams };
}

/** The pages a reading most likely comes from: most shared character pairs first. */
export function candidatePages(
  reading: readonly string[],
  pages: readonly TruthPage[],
  keep: number,
): TruthPage[] {
  const grams = new Set<string>();
  for (let i = 0; i + 1 < reading.length; i++) grams.add(`${reading[i]}${reading[i + 1]}`);
  return pages
    .map((p) => {
      let shared = 0;
      for (const g of grams) if (p.grams.has(g)) shared++;
      return { p, shared };
    })
    .filter((x) => x.shared > 0)
    .sort((a, b) => b.shared - a.shared)
    .slice(0, keep)
    .map((x) => x.p);
}

/** A line's alignment is used when it has at most this share of edits: beyond, the line is not from that text
 * (an upside-down strip, a crop of a tick box) and would teach random confusions. */
const MAX_EDIT_SHARE = 0.34;
const MIN_LINE = 2;

export interface LineAlignment {
  steps: AlignStep[];
  confs: readonly number[];
  edges?: readonly boolean[];
}

/** Aligns one line reading into the best of the candidate pages, or null when none fits well enough. */
export function alignLine(line: LineReading, pages: readonly TruthPage[]): LineAlignment | null {
  if (line.chars.length < MIN_LINE) return null;
  let best: { steps: AlignStep[]; cost: number } | null = null;
  for (const page of pages) {
    const a = alignInto(line.chars, page.chars);
    if (!best || a.cost < best.cost) best = a;
  }
  if (!best || best.cost > MAX_EDIT_SHARE * line.chars.length) return null;
  return { steps: best.steps, confs: line.confs, ...(line.edges ? { edges: line.edges } : {}) };
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

/** Adds one aligned line to the counts: every true character seen, how it was read (by confidence bucket),
 * left out, or split into two; every character read where the truth has none. */
export function countLine(
  counts: EngineCounts,
  line: LineAlignment,
  labelStarts: ReadonlySet<string> = new Set(),
): void {
  const { steps, confs, edges } = line;
  const bucket = (ri: number | null): Bucket => bucketOf(ri === null ? 1 : (confs[ri] ?? 1));
  steps.forEach((s, k) => {
    const atEdge = s.ri !== null && edges?.[s.ri] === true;
    if (s.r !== null) {
      counts.reads++;
      bump(counts.readAs, s.r);
      if (atEdge) bump(counts.edgeReads, s.r);
    }
    if (s.t !== null) {
      counts.chars++;
      bump(counts.seen, s.t);
    }
    if (s.t !== null && s.r !== null) {
      const b = bucket(s.ri);
      counts.buckets[b]++;
      if (s.t !== s.r) {
        counts.sub[s.t] ??= {};
        bump(counts.sub[s.t] as Record<string, number>, `${b}${s.r}`);
      } else {
        bump(counts.same[b], s.t);
      }
      // A character read as two: a substitution with an insertion right before or after it.
      const next = steps[k + 1];
      const prev = steps[k - 1];
      if (s.t !== s.r && next && next.t === null && next.r !== null) {
        counts.split[s.t] ??= {};
        bump(counts.split[s.t] as Record<string, number>, `${s.r}${next.r}`);
      } else if (s.t !== s.r && prev && prev.t === null && prev.r !== null) {
        counts.split[s.t] ??= {};
        bump(counts.split[s.t] as Record<string, number>, `${prev.r}${s.r}`);
      }
    } else if (s.t !== null) {
      bump(counts.del, s.t);
    } else if (s.r !== null) {
      bump(counts.ins, s.r);
      const after = steps
        .slice(k + 1)
        .filter((x) => x.t !== null)
        .slice(0, 2)
        .map((x) => x.t)
        .join("");
      if (labelStarts.has(after)) bump(counts.boxIns, s.r);
      else if (atEdge) bump(counts.edgeIns, s.r);
    }
  });
}

/** `labelStarts`: the first two characters of every tick box's label in the document. */
export function countReadings(
  lines: readonly LineReading[],
  pages: readonly TruthPage[],
  labelStarts: ReadonlySet<string>,
): EngineCounts {
  const counts = emptyCounts();
  const all = lines.flatMap((l) => l.chars);
  const cands = candidatePages(all, pages, 2);
  for (const line of lines) {
    counts.lines++;
    const aligned = alignLine(line, cands);
    if (aligned) countLine(counts, aligned, labelStarts);
    else counts.skippedLines++;
  }
  return counts;
}
