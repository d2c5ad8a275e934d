/**
 * The OCR noise model: how likely an engine reads a character as another, leaves it out, reads one where there is
 * none, or reads one as two; measured (data/noise.json, `npm run noise:measure`), smoothed here. Costs are negative
 * natural logarithms of probabilities, so the cost of a reading given a candidate text is a sum along an alignment.
 */
import { readFileSync } from "node:fs";
import { type Bucket, bucketOf, type EngineNoise, NoiseData } from "./model-data.ts";

/** Share of a character's readings we allow for a confusion never measured: rare, never impossible. */
const UNSEEN_SUB = 2e-5;
const UNSEEN_SPLIT = 1e-6;
/** Share of all readings we allow for an insertion never measured: a rate like the others, so that measuring more
 * readings does not make an unseen insertion dearer (one in all readings was 8e-6 on the committed set alone). */
const UNSEEN_INS = 1e-5;

/** Share of a character's readings that must be a box's for it to count as one in running text, where no box is
 * expected (國 of 中国, 三 of 三级 are read for a box now and then, but mostly are themselves). */
export const BOX_IN_RUNNING_TEXT = 0.2;

/** Share from which a reading glued to an option's label counts as its box: 和 and 人, read for a box a few times in
 * hundreds of readings, do not (measured on the seed report: fewer spurious boxes than with every box reading). */
export const BOX_BEFORE_LABEL = 0.02;

/** Tick symbols a text layer or an engine may give as themselves (geometric shapes, ballot boxes, check marks). */
const TICK_SYMBOL = /^[\u25A0-\u25FF\u2610-\u2612\u2713-\u2714\u221A]$/u;

export class NoiseModel {
  private readonly byRead = new Map<string, Set<string>>();
  private readonly errRate: number;

  constructor(
    private readonly e: EngineNoise,
    private readonly box: Readonly<Record<string, readonly [number, number]>>,
  ) {
    for (const [t, reads] of Object.entries(e.sub)) {
      for (const k of Object.keys(reads)) {
        const r = k.slice(1);
        if (!this.byRead.has(r)) this.byRead.set(r, new Set());
        this.byRead.get(r)?.add(t);
      }
    }
    for (const [t, pairs] of Object.entries(e.split)) {
      for (const two of Object.keys(pairs)) {
        if (!this.byRead.has(two)) this.byRead.set(two, new Set());
        this.byRead.get(two)?.add(t);
      }
    }
    const sameAll = Object.values(e.chars_).reduce((a, c) => a + c[1] + c[2] + c[3], 0);
    const seenAll = Object.values(e.chars_).reduce((a, c) => a + c[0], 0);
    // Error rate of characters that are not among the confused ones is far lower than of those that are.
    this.errRate = Math.min(
      0.02,
      Math.max(1e-3, (e.delTotal + (seenAll - sameAll)) / Math.max(1, e.chars) / 4),
    );
  }

  /** P(read `r` at confidence bucket `b` | the printed character `t`). */
  readProb(t: string, r: string, confidence: number): number {
    const b: Bucket = bucketOf(confidence);
    const c = this.e.chars_[t];
    const share = this.e.sameShare[b] ?? 1 / 3;
    if (r === t) {
      if (!c) return (1 - this.errRate) * share;
      const same = b === "u" ? c[1] : b === "f" ? c[2] : c[3];
      return (same + share) / (c[0] + 1);
    }
    const n = this.e.sub[t]?.[`${b}${r}`] ?? 0;
    if (n === 0 || !c) return UNSEEN_SUB;
    return (n + UNSEEN_SUB) / (c[0] + 1);
  }

  readCost(t: string, r: string, confidence: number): number {
    return -Math.log(this.readProb(t, r, confidence));
  }

  /** P(`t` printed and not read at all). */
  deleteCost(t: string): number {
    const c = this.e.chars_[t];
    const p = c ? (c[4] + this.errRate * 0.1) / (c[0] + 1) : this.errRate * 0.1;
    return -Math.log(p);
  }

  /** P(`r` read where nothing is printed), per character read. */
  insertCost(r: string): number {
    const i = this.e.ins[r];
    const p = i ? i[0] / Math.max(1, this.e.reads) : UNSEEN_INS;
    return -Math.log(p);
  }

  /** P(`t` read as the two characters `two`), or Infinity when never seen. */
  splitCost(t: string, two: string): number {
    const n = this.e.split[t]?.[two];
    const c = this.e.chars_[t];
    if (!n || !c) return -Math.log(UNSEEN_SPLIT);
    return -Math.log(n / (c[0] + 1));
  }

  /** The printed characters measured as read `r` (one character, or two for a split), `r` itself first. */
  sourcesOf(r: string): string[] {
    const others = [...(this.byRead.get(r) ?? [])].filter((t) => t !== r);
    return [...r].length === 1 ? [r, ...others] : others;
  }

  /** How often a reading of `ch` was a drawn tick box (0..1), from the measured insertions before box labels. */
  boxShare(ch: string): number {
    if (TICK_SYMBOL.test(ch)) return 1;
    const m = this.box[ch];
    return m ? m[0] / Math.max(1, m[1]) : 0;
  }

  /** A character engines read for a drawn tick box: a tick symbol, or read so for a box at least three times and
   * at least `minShare` of its readings. Where a box is expected (before an option label) any measured box reading
   * counts; in running text pass a share so that 国 of 中国 or 三 of 三级 is not taken for a box. */
  isBoxGlyph(ch: string, minShare = 0): boolean {
    if (TICK_SYMBOL.test(ch)) return true;
    const m = this.box[ch];
    return m !== undefined && m[0] >= 3 && m[0] / Math.max(1, m[1]) >= minShare;
  }

  /** Every measured box reading (for building patterns), tick symbols aside. */
  boxGlyphs(minShare = 0): string[] {
    return Object.keys(this.box).filter((ch) => this.isBoxGlyph(ch, minShare));
  }

  /** The body of a regular-expression character class matching what a box is read as: tick symbols and the
   * measured readings of at least `minShare`. */
  boxGlyphClass(minShare = 0): string {
    const glyphs = this.boxGlyphs(minShare).map((ch) => (/[\\\][^\-|{}]/.test(ch) ? `\\${ch}` : ch));
    return `\\u25A0-\\u25FF\\u2610-\\u2612\\u2713\\u2714\\u221A${glyphs.join("")}`;
  }
}

/** Share of a mark's readings at a word's edge that must be spurious for a cell's edges to drop it: losing a real
 * mark there costs a mark, keeping a ruling line's reading costs the cell its value. */
export const EDGE_SHARE = 0.25;
const MIN_EDGE_COUNT = 3;
/** Punctuation and symbols, but brackets and tick symbols: an opening or closing bracket at a cell's edge belongs to
 * its value, and a tick is the box model's business. */
const EDGE_MARK = /^[\p{P}\p{S}]$/u;
const BRACKET = /^[\p{Ps}\p{Pe}]$/u;

/** The marks engines read for a ruling line or cell border at a word's edge (|, #, <, ” …): measured spurious at
 * least `minShare` of their readings there, all engines together. */
export function edgeGlyphs(minShare = EDGE_SHARE): string[] {
  return Object.entries(data().edge ?? {})
    .filter(
      ([ch, [n, of]]) =>
        EDGE_MARK.test(ch) &&
        !BRACKET.test(ch) &&
        !TICK_SYMBOL.test(ch) &&
        n >= MIN_EDGE_COUNT &&
        n / Math.max(1, of) >= minShare,
    )
    .map(([ch]) => ch)
    .sort();
}

let loaded: NoiseData | null = null;

function data(): NoiseData {
  loaded ??= NoiseData.parse(JSON.parse(readFileSync(new URL("./data/noise.json", import.meta.url), "utf8")));
  return loaded;
}

const models = new Map<string, NoiseModel>();

/** One engine's measured counts (`all`: every engine together), for queries that read them as they are. */
export function engineNoise(engine = "all"): EngineNoise {
  const e = data().engines[engine];
  if (!e) throw new Error(`no noise model for engine ${engine}`);
  return e;
}

/** The model of one engine (`tesseract`, `tesseract-best`, `ppocr`), or of all readings together (`all`, the
 * default: a parsed line mixes the first reading with second looks). */
export function noiseModel(engine = "all"): NoiseModel {
  const cached = models.get(engine);
  if (cached) return cached;
  const d = data();
  const e = d.engines[engine];
  if (!e) throw new Error(`no noise model for engine ${engine}`);
  const model = new NoiseModel(e, d.box);
  models.set(engine, model);
  return model;
}
