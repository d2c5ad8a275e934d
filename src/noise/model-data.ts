/** The noise model's data: counts measured per engine (src/noise/measure-cli.ts), kept in data/noise.json. */
import { z } from "zod";

/** Confidence buckets of a reading: engines misread with low confidence more often, and a confident reading
 * of a look-alike is weaker evidence of a misread than an unsure one. */
export const BUCKETS = ["u", "f", "c"] as const;
export type Bucket = (typeof BUCKETS)[number];
/** Lower bounds of the fair and clear buckets (text/vote.ts's CLEAR is 0.7). */
const FAIR = 0.7;
const CLEAR = 0.9;

export function bucketOf(confidence: number): Bucket {
  return confidence >= CLEAR ? "c" : confidence >= FAIR ? "f" : "u";
}

/** The form readings and truths are compared in: one NFKC character for one (full-width brackets kept, as the
 * parser keeps them), whitespace dropped. */
export function readForm(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    if (ch === "（" || ch === "）") {
      out.push(ch);
      continue;
    }
    const n = ch.normalize("NFKC");
    out.push(n.length === 1 ? n : ch);
  }
  return out;
}

export interface EngineCounts {
  /** True characters aligned (read, misread or left out). */
  chars: number;
  /** Characters read (aligned or inserted). */
  reads: number;
  /** Readings by confidence bucket, of characters that were there. */
  buckets: Record<Bucket, number>;
  seen: Record<string, number>;
  /** Per bucket: true character read as itself. */
  same: Record<Bucket, Record<string, number>>;
  /** True character -> `${bucket}${read}` -> count, for readings of another character. */
  sub: Record<string, Record<string, number>>;
  del: Record<string, number>;
  ins: Record<string, number>;
  /** Inserted characters right before the label of a drawn tick box. */
  boxIns: Record<string, number>;
  /** Inserted characters at the first or last place of a word read (a cell's edge, where ruling lines are), but
   * for those right before a tick box's label. */
  edgeIns: Record<string, number>;
  /** Characters read at the first or last place of a word, inserted or not. */
  edgeReads: Record<string, number>;
  readAs: Record<string, number>;
  /** True character -> two characters read for it. */
  split: Record<string, Record<string, number>>;
  skippedLines: number;
  lines: number;
}

export function emptyCounts(): EngineCounts {
  return {
    chars: 0,
    reads: 0,
    buckets: { u: 0, f: 0, c: 0 },
    seen: {},
    same: { u: {}, f: {}, c: {} },
    sub: {},
    del: {},
    ins: {},
    boxIns: {},
    edgeIns: {},
    edgeReads: {},
    readAs: {},
    split: {},
    skippedLines: 0,
    lines: 0,
  };
}

function addMap(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

function addNested(
  into: Record<string, Record<string, number>>,
  from: Record<string, Record<string, number>>,
) {
  for (const [k, v] of Object.entries(from)) {
    into[k] ??= {};
    addMap(into[k], v);
  }
}

export function mergeCounts(into: EngineCounts, from: EngineCounts): void {
  into.chars += from.chars;
  into.reads += from.reads;
  into.skippedLines += from.skippedLines;
  into.lines += from.lines;
  for (const b of BUCKETS) {
    into.buckets[b] += from.buckets[b];
    addMap(into.same[b], from.same[b]);
  }
  addMap(into.seen, from.seen);
  addMap(into.del, from.del);
  addMap(into.ins, from.ins);
  addMap(into.boxIns, from.boxIns);
  addMap(into.edgeIns, from.edgeIns);
  addMap(into.edgeReads, from.edgeReads);
  addMap(into.readAs, from.readAs);
  addNested(into.sub, from.sub);
  addNested(into.split, from.split);
}

/** What is kept of one engine's counts: confusions seen at least twice, and for the characters they concern
 * how often each was seen and read as itself. */
export const EngineNoise = z.object({
  chars: z.number().int(),
  reads: z.number().int(),
  /** Share of readings per bucket, of characters read as themselves (the default for unlisted characters). */
  sameShare: z.record(z.enum(BUCKETS), z.number()),
  /** Per character with a kept confusion: [seen, same u, same f, same c, left out]. */
  chars_: z.record(z.string(), z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()])),
  sub: z.record(z.string(), z.record(z.string(), z.number())),
  split: z.record(z.string(), z.record(z.string(), z.number())),
  /** Inserted characters: [times inserted, times read at all]. */
  ins: z.record(z.string(), z.tuple([z.number(), z.number()])),
  /** Left out, all characters together. */
  delTotal: z.number().int(),
  insTotal: z.number().int(),
});
export type EngineNoise = z.infer<typeof EngineNoise>;

export const NoiseData = z.object({
  about: z.string(),
  engines: z.record(z.string(), EngineNoise),
  /** Characters read for a drawn tick box (inserted right before a box's label, the truth having no character
   * there): [times read so, times read at all], all engines together. */
  box: z.record(z.string(), z.tuple([z.number(), z.number()])),
  /** Characters read at the edge of a word where the truth has none and no tick box's label follows (a ruling
   * line or cell border read as a glyph): [times read so, times read at a word's edge], all engines together.
   * Optional: older data has none. */
  edge: z.record(z.string(), z.tuple([z.number(), z.number()])).optional(),
});
export type NoiseData = z.infer<typeof NoiseData>;

const MIN_COUNT = 2;

export function compact(c: EngineCounts): EngineNoise {
  const sub: EngineNoise["sub"] = {};
  const split: EngineNoise["split"] = {};
  const keepChar = new Set<string>();
  for (const [t, reads] of Object.entries(c.sub)) {
    const kept = Object.fromEntries(Object.entries(reads).filter(([, n]) => n >= MIN_COUNT));
    if (Object.keys(kept).length > 0) {
      sub[t] = kept;
      keepChar.add(t);
      // The characters it is read as: how often each is read as itself weighs against the misread.
      for (const k of Object.keys(kept)) keepChar.add(k.slice(1));
    }
  }
  for (const [t, reads] of Object.entries(c.split)) {
    const kept = Object.fromEntries(Object.entries(reads).filter(([, n]) => n >= MIN_COUNT));
    if (Object.keys(kept).length > 0) {
      split[t] = kept;
      keepChar.add(t);
    }
  }
  for (const [t, n] of Object.entries(c.del)) if (n >= MIN_COUNT) keepChar.add(t);
  const chars_: EngineNoise["chars_"] = {};
  for (const t of [...keepChar].sort()) {
    chars_[t] = [c.seen[t] ?? 0, c.same.u[t] ?? 0, c.same.f[t] ?? 0, c.same.c[t] ?? 0, c.del[t] ?? 0];
  }
  const ins: EngineNoise["ins"] = {};
  for (const [r, n] of Object.entries(c.ins)) if (n >= MIN_COUNT) ins[r] = [n, c.readAs[r] ?? n];
  const sameTotal = c.buckets.u + c.buckets.f + c.buckets.c || 1;
  const share = (b: Bucket) => Math.round((c.buckets[b] / sameTotal) * 1e4) / 1e4;
  return {
    chars: c.chars,
    reads: c.reads,
    sameShare: { u: share("u"), f: share("f"), c: share("c") },
    chars_,
    sub,
    split,
    ins,
    delTotal: Object.values(c.del).reduce((a, b) => a + b, 0),
    insTotal: Object.values(c.ins).reduce((a, b) => a + b, 0),
  };
}
