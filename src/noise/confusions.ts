/**
 * Typed questions the parser asks about OCR look-alikes, answered from the measured counts (data/noise.json) and
 * nothing else: a confusion that was never measured is no confusion here. Every answer is precomputed once per
 * engine when first asked, so a query is a map look-up.
 *
 * Two measures of a measured pair (printed t, read r), both from counts seen at least twice (model-data.ts):
 * - share: P(r read | t printed). Glyph likeness is symmetric while the direction an engine slips in follows its
 *   language model, so two characters are look-alikes by the larger of their two shares.
 * - stands-for: of every reading of r, the share that was a printed t. Above one half the reading is mostly a
 *   misread: 〈 (a （ misread, never printed in a report) folds to （, 《 (printed in titles far more often than
 *   read for （) does not.
 */

import { engineNoise } from "./model.ts";
import type { EngineNoise } from "./model-data.ts";

/** Share from which a Latin letter in a number is read as the digit it looks like. O for 0 (printed O read as 0
 * in 26% of its readings) and I for 1 (3%) pass; pairs measured once in thousands do not. */
export const DIGIT_SHARE = 0.01;
/** Share from which two characters count as confusable when a value is compared with its other readings. */
export const CONFUSABLE_SHARE = 0.001;
/** Share from which a reading joins the class of a printed mark where the parser reads punctuation (a label's colon,
 * a range's dash): measured, : is read ; in 2.3% of its readings, - read 一 in 6.8%, — read 一 in 73%; : read 口
 * (1.6%, a box's glyph aligned to it) and - read . (1.6%) stay out. */
export const MARK_SHARE = 0.02;
/** A reading stands for another character when more than this share of its readings were that character. */
const STANDS_FOR = 0.5;

export type Kind = "han" | "latin" | "digit" | "mark";
const NUMERALS = "〇一二三四五六七八九";

function kindOf(ch: string): Kind {
  if (/^[0-9]$/.test(ch)) return "digit";
  if (/^\p{Script=Latin}$/u.test(ch)) return "latin";
  if (/^\p{Script=Han}$/u.test(ch) || ch === "〇") return "han";
  return "mark";
}

/** Escapes a character for a regular-expression character class. */
export function classChar(ch: string): string {
  return /[\\\]^\-[]/.test(ch) ? `\\${ch}` : ch;
}

/** A character in every width it may be printed in: readings are measured in NFKC form (model-data.ts's readForm),
 * so : stands for ： too and ; for ；. Printed forms differ by width, not by a misreading. */
function widths(ch: string): string[] {
  const n = ch.normalize("NFKC");
  const code = n.codePointAt(0) ?? 0;
  const full = n.length === 1 && code > 0x20 && code < 0x7f ? String.fromCodePoint(code + 0xfee0) : null;
  return [...new Set([ch, n, ...(full !== null && full.normalize("NFKC") === n ? [full] : [])])];
}

export interface ClassQuery {
  /** Share of the printed character's readings from which a reading joins (MARK_SHARE by default). */
  minShare?: number;
  /** Kinds of reading that join (every kind by default). */
  kinds?: readonly Kind[];
  /** Only the misreadings: the printed character in its widths left out. */
  misreadOnly?: boolean;
}

export class Confusions {
  /** `${printed}\u0000${read}` -> P(read | printed). */
  private readonly shares = new Map<string, number>();
  private readonly readingsBy = new Map<string, { read: string; share: number }[]>();
  private readonly standsFor = new Map<string, string>();
  private readonly digitOf = new Map<string, string>();
  private readonly numeralOf = new Map<string, string>();

  constructor(e: EngineNoise) {
    const readTotal = new Map<string, number>();
    const pairs: { t: string; r: string; n: number }[] = [];
    for (const [t, reads] of Object.entries(e.sub)) {
      const byRead = new Map<string, number>();
      for (const [k, n] of Object.entries(reads)) byRead.set(k.slice(1), (byRead.get(k.slice(1)) ?? 0) + n);
      for (const [r, n] of byRead) {
        pairs.push({ t, r, n });
        readTotal.set(r, (readTotal.get(r) ?? 0) + n);
      }
    }
    for (const { t, r, n } of pairs) {
      const seen = e.chars_[t]?.[0] ?? 0;
      if (seen === 0) continue;
      const share = n / seen;
      this.shares.set(`${t}\u0000${r}`, share);
      const list = this.readingsBy.get(t) ?? [];
      list.push({ read: r, share });
      this.readingsBy.set(t, list);
    }
    for (const list of this.readingsBy.values()) list.sort((a, b) => b.share - a.share);
    // Folds: a reading of the same kind as its source (a Han glyph for a Han glyph, a bracket for a bracket)
    // that mostly stands for it. Across kinds a reading is a rule, a box or an alignment's slip, never a fold.
    for (const { t, r, n } of pairs) {
      const k = kindOf(t);
      if (k !== kindOf(r) || (k !== "han" && k !== "mark")) continue;
      const self = e.chars_[r];
      const readings = (readTotal.get(r) ?? 0) + (self ? self[1] + self[2] + self[3] : 0);
      if (n / readings > STANDS_FOR) this.standsFor.set(r, t);
    }
    // Digits: a Latin letter read in a number for the digit it looks like. Han characters and punctuation are
    // what separates numbers (2023年11月, 2023-11-08): whatever a digit is now and then read as, they stay.
    this.measureNumerals();
    for (let d = 0; d <= 9; d++) {
      const digit = String(d);
      for (const [key, share] of this.shares) {
        const [t, r] = key.split("\u0000") as [string, string];
        const letter = t === digit ? r : r === digit ? t : null;
        if (letter === null || kindOf(letter) !== "latin") continue;
        const best = this.digitOf.get(letter);
        if (share >= DIGIT_SHARE && (!best || this.lookAlike(letter, best) < share))
          this.digitOf.set(letter, digit);
      }
    }
  }

  /** Chinese numerals: a letter or Han character the numeral is read as at DIGIT_SHARE or more (〇 as O, 四 as 由);
   * marks and digits are what stands around numerals, never one. */
  private measureNumerals(): void {
    for (const numeral of NUMERALS) {
      for (const { read, share } of this.readingsBy.get(numeral) ?? []) {
        const k = kindOf(read);
        if (share < DIGIT_SHARE || NUMERALS.includes(read) || (k !== "latin" && k !== "han")) continue;
        if (!this.numeralOf.has(read)) this.numeralOf.set(read, numeral);
      }
    }
  }

  /** In a year of Chinese numerals: the numeral `ch` is (itself, or the numeral it is measured read for), else null. */
  numeral(ch: string): string | null {
    return NUMERALS.includes(ch) ? ch : (this.numeralOf.get(ch) ?? null);
  }

  /** The characters read for Chinese numerals (O for 〇, 由 for 四). */
  numeralReadings(): string[] {
    return [...this.numeralOf.keys()].sort();
  }

  /** P(`read` | `printed`) as measured, 0 when never measured. */
  share(printed: string, read: string): number {
    return this.shares.get(`${printed}\u0000${read}`) ?? 0;
  }

  /** How alike two characters are to the engine: the larger share of either read as the other. */
  lookAlike(a: string, b: string): number {
    return Math.max(this.share(a, b), this.share(b, a));
  }

  /** Whether OCR has been measured reading either character as the other, at `minShare` or more. */
  confusable(a: string, b: string, minShare = CONFUSABLE_SHARE): boolean {
    return a === b || this.lookAlike(a, b) >= minShare;
  }

  /** The characters `printed` is measured read as (most often first), at `minShare` or more. */
  readingsOf(printed: string, minShare = 0, kind?: Kind): string[] {
    return (this.readingsBy.get(printed) ?? [])
      .filter((x) => x.share >= minShare && (kind === undefined || kindOf(x.read) === kind))
      .map((x) => x.read);
  }

  /** The character a reading mostly stands for (〈 -> （), or the reading itself. */
  fold(ch: string): string {
    return this.standsFor.get(ch) ?? ch;
  }

  /** Every reading that folds to `printed`. */
  foldsTo(printed: string): string[] {
    return [...this.standsFor].filter(([, t]) => t === printed).map(([r]) => r);
  }

  /** A string with each reading folded to what it mostly stands for. */
  foldLookAlikes(s: string): string {
    let out = "";
    for (const ch of s) out += this.fold(ch);
    return out;
  }

  /** In a number: the digit `ch` is (itself, or the digit a Latin letter is measured read for), else null. */
  digit(ch: string): string | null {
    return /^[0-9]$/.test(ch) ? ch : (this.digitOf.get(ch) ?? null);
  }

  /** The letters read for digits, e.g. ["O", "I"]. */
  digitReadings(): string[] {
    return [...this.digitOf.keys()].sort();
  }

  /** The body of a character class matching a digit as OCR reads one: `0-9` and the letters read for digits. */
  digitClass(): string {
    return `0-9${this.digitReadings().map(classChar).join("")}`;
  }

  /** The characters read for one digit (itself first), as a class body. */
  digitClassOf(digit: string): string {
    return [digit, ...this.digitReadings().filter((ch) => this.digitOf.get(ch) === digit)]
      .map(classChar)
      .join("");
  }

  /** The characters OCR reads for `printed` at `minShare` or more of its readings (of the given kinds), `printed`
   * first, each in every width it is printed in (: ： ; ；). A class of look-alikes from the measured data, never a
   * hand-written one: what the parser accepts for a printed colon, dash or dot. */
  classOf(printed: string, { minShare = MARK_SHARE, kinds, misreadOnly = false }: ClassQuery = {}): string[] {
    const base = printed.normalize("NFKC");
    const key = base.length === 1 ? base : printed;
    const reads = (this.readingsBy.get(key) ?? [])
      .filter((x) => x.share >= minShare && (kinds === undefined || kinds.includes(kindOf(x.read))))
      .map((x) => x.read);
    const own = widths(printed);
    const all = [...new Set([...own, ...[key, ...reads].flatMap(widths)])];
    return misreadOnly ? all.filter((ch) => !own.includes(ch)) : all;
  }

  /** classOf as the body of a regular-expression character class. */
  classBody(printed: string, query: ClassQuery = {}): string {
    return this.classOf(printed, query).map(classChar).join("");
  }

  /** A round bracket as OCR reads one, as a class body: itself, its ASCII form and its measured readings as another
   * bracket of its side (（ read as 〈 or 《). */
  bracketClass(printed: "（" | "）"): string {
    const side = printed === "（" ? /^\p{Ps}$/u : /^\p{Pe}$/u;
    const ascii = printed === "（" ? "(" : ")";
    const reads = this.readingsOf(printed, 0, "mark").filter((ch) => side.test(ch));
    return [...new Set([printed, ascii, ...reads])].map(classChar).join("");
  }

  /** Every letter read for a digit replaced by that digit; other characters kept. */
  readDigits(s: string): string {
    let out = "";
    for (const ch of s) out += this.digit(ch) ?? ch;
    return out;
  }
}

const cache = new Map<string, Confusions>();

/** The look-alike queries of one engine's measurements (`all`, the default: every engine pooled). */
export function confusions(engine = "all"): Confusions {
  let c = cache.get(engine);
  if (!c) {
    c = new Confusions(engineNoise(engine));
    cache.set(engine, c);
  }
  return c;
}
