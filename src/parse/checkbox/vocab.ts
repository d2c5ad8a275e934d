import {
  conditionIn,
  crossesOption,
  OPTION_GROUPS,
  type OptionFamilyId,
  type OptionGroupLexicon,
  type OptionLevel,
  type OptionWord,
  optionWords,
} from "../../lexicon/options.ts";
import { isBoxReading, optionCharOf } from "../../noise/option-readings.ts";
import { isSpace, type PosChar } from "./chars.ts";

/** Which exclusive (or, for systems, multi-select) set an option label belongs to: a group of the lexicon. */
export type Family = OptionFamilyId;

export interface Term {
  /** Text as matched (after NFKC, upper-cased for Latin, spaces dropped). */
  text: string;
  family: Family;
  /** Canonical value: "基本符合", "recommend_after_correction", "QMS", "stage2", "onsite" ... */
  value: string;
  /** Label shown in checkbox groups. */
  display: string;
  /** An ordinary word ("其他"): an option only when OCR saw a box glyph glued in front of it. */
  needsBox?: boolean;
  level?: OptionLevel;
  /** Positions in `text` after which the printed word has a space (English: "NOT CONFORM"). */
  spaces?: readonly number[];
}

function termsOf(family: Family, w: OptionWord): Term[] {
  return optionWords(w).map((printed) => {
    const chars = Array.from(printed.normalize("NFKC").toUpperCase());
    const spaces: number[] = [];
    const text: string[] = [];
    for (const ch of chars) {
      if (isSpace(ch)) spaces.push(text.length);
      else text.push(ch);
    }
    return {
      text: text.join(""),
      family,
      value: w.value,
      display: w.display,
      ...(w.needsBox ? { needsBox: true } : {}),
      ...(w.level ? { level: w.level } : {}),
      ...(spaces.length > 0 ? { spaces } : {}),
    };
  });
}

const GROUPS: Readonly<Record<Family, OptionGroupLexicon>> = OPTION_GROUPS;

const TERMS: Term[] = (Object.keys(GROUPS) as Family[])
  .flatMap((family) => GROUPS[family].options.flatMap((w) => termsOf(family, w)))
  .sort((a, b) => Array.from(b.text).length - Array.from(a.text).length);

/** Punctuation after which an option never starts (a box always sits between). */
const NO_BOX_AFTER = new Set(Array.from(",，。;；、"));

/** What OCR makes of ☑ ☐ ■ □ ☒ √ when it glues the box into the label: the noise model's option-row readings. */
export function isBoxGlyph(ch: string): boolean {
  return isBoxReading(ch);
}

function fold(ch: string): string {
  return optionCharOf(ch).toUpperCase();
}

export interface LabelHit {
  term: Term;
  /** Indices into the line's chars: [start, end). */
  start: number;
  end: number;
  /** The label as OCR read it (box glyph stripped). */
  text: string;
  /** Index of a box glyph OCR glued in front of the label, if any. */
  glyph: number | null;
  /** Geometry and punctuation allow a box in front of the label (or OCR saw one). */
  optionContext: boolean;
  /** The label opens with the option's English (Partly effective 基本有效): a bilingual option, no word in prose. */
  english?: true;
  /** The option's whole text on its line, up to the next option in context, where it states the family's condition
   * the term alone misses (Recommended for continued certification after verification … 纠正措施验证后推荐). */
  optionText?: string;
}

/** Longest-first scan of the line for option labels. Terms of 4+ characters tolerate one misread character. */
export function findLabels(chars: readonly PosChar[], h: number): LabelHit[] {
  const idx: number[] = [];
  for (let i = 0; i < chars.length; i++) if (!isSpace(chars[i]!.ch)) idx.push(i);
  const s = idx.map((i) => fold(chars[i]!.ch));
  // A label never spans a space or a box-sized gap: "初次认证 □第一阶段" is two options. (Tesseract's
  // tight word boxes leave gaps of ~0.6 character inside one phrase, so the bar is a whole character.)
  const brk = idx.map((i, k) => k > 0 && (i - idx[k - 1]! > 1 || chars[i]!.x0 - chars[idx[k - 1]!]!.x1 >= h));
  const found: Found[] = [];
  let p = 0;
  while (p < s.length) {
    const term = matchAt(s, p, brk);
    if (!term) {
      p++;
      continue;
    }
    const len = Array.from(term.text).length;
    found.push({ term, p, len, from: p });
    p += len;
  }
  const hits: LabelHit[] = [];
  let lastEnd = -1;
  for (const f of englishLeads(chars, idx, s, h, found)) {
    const start = idx[f.from]!;
    const end = idx[f.p + f.len - 1]! + 1;
    const text = chars
      .slice(start, end)
      .map((c) => c.ch)
      .filter((c) => !isSpace(c))
      .join("");
    const english = f.from < f.p ? { english: true as const } : {};
    const ctx = context(chars, idx, s, f.from, h, lastEnd);
    // Bilingual options follow one another: an English-led label right after an option in context is one too.
    if (f.from < f.p && f.from === lastEnd && hits[hits.length - 1]?.optionContext) ctx.optionContext = true;
    hits.push({ term: f.term, start, end, text, ...english, ...ctx });
    lastEnd = f.p + f.len;
  }
  return hits.map((hit, i) => conditioned(chars, hit, hits.slice(i + 1).find((x) => x.optionContext)?.start));
}

/** A full-grade English option whose whole text (up to the next option in context, or the line's end) states its
 * family's condition: the conditional option, its label that whole text. English only: a bilingual option prints its
 * English, then its Chinese, in one run (Recommended for continued certification after verification … 纠正措施验证后推荐),
 * and OCR misreads the English condition (afer) more often than the Chinese; a Chinese option word is followed by the
 * next option, whose box OCR may have wrecked (口推荐认证 如和不符合项整改验证后推荐认证): its condition is not this one's. */
function conditioned(chars: readonly PosChar[], hit: LabelHit, next: number | undefined): LabelHit {
  if (hit.term.level !== "full" || !LATIN.test(hit.term.text[0] ?? "")) return hit;
  const whole = chars
    .slice(hit.start, next ?? chars.length)
    .map((c) => c.ch)
    .filter((c) => !isSpace(c))
    .join("");
  const value = conditionIn(hit.term.family, whole);
  const term = value ? termOfValue(hit.term.family, value) : null;
  return term ? { ...hit, term, optionText: whole } : hit;
}

const TERM_CHARS = TERMS.map((term) => ({
  term,
  tc: Array.from(term.text),
  spaced: new Set(term.spaces ?? []),
}));

interface Found {
  term: Term;
  /** Non-space positions: the word's first, its length, and where its label opens (before p when English leads). */
  p: number;
  len: number;
  from: number;
}

const LATIN = /^\p{Script=Latin}$/u;

/** A bilingual option prints its English before its Chinese (□Partly effective 基本有效), and the box stands before
 * the English, which OCR misspells more often than not (Efectve, Not fective) or reads as another family's English
 * word (Partly, No): a run of at least three Latin letters right before a Chinese option word opens that option,
 * taking in English words of other families inside the run. */
function englishLeads(
  chars: readonly PosChar[],
  idx: readonly number[],
  s: readonly string[],
  h: number,
  found: readonly Found[],
): Found[] {
  const near = (k: number) => (chars[idx[k] ?? 0]?.x0 ?? 0) - (chars[idx[k - 1] ?? 0]?.x1 ?? 0) < 1.5 * h;
  const keep: Found[] = [];
  for (const f of found) {
    let k = f.p;
    if (/^\p{Script=Han}/u.test(f.term.text)) {
      for (;;) {
        const prev = keep[keep.length - 1];
        const prevEnd = prev ? prev.p + prev.len : 0;
        while (k - 1 >= prevEnd && LATIN.test(s[k - 1] ?? "") && near(k)) k--;
        const swallow =
          prev !== undefined &&
          k === prevEnd &&
          k < f.p &&
          prev.from === prev.p &&
          prev.term.family !== f.term.family &&
          LATIN.test(s[prev.p] ?? "") &&
          near(k);
        if (!swallow) break;
        keep.pop();
        k = prev.p;
      }
    }
    keep.push({ ...f, from: f.p - k >= 3 ? k : f.p });
  }
  return keep;
}

/**
 * Exact longest match first; a one-character misread of a longer term wins only when it is at least two
 * characters longer (推荐认证注朋 -> 推荐认证注册), and never when two terms fit equally (第=阶段).
 */
function matchAt(s: readonly string[], p: number, brk: readonly boolean[] = []): Term | null {
  let exact: Term | null = null;
  let fuzzy: Term | null = null;
  let fuzzyLen = 0;
  let ambiguous = false;
  for (const { term, tc, spaced } of TERM_CHARS) {
    if (p + tc.length > s.length) continue;
    let split = false;
    for (let k = 1; k < tc.length && !split; k++) split = brk[p + k] === true && !spaced.has(k);
    if (split) continue;
    let miss = 0;
    // The first character may be misread only in long terms (作量管理体系: the box's mark ate into 质).
    const firstCost = tc.length >= 5 ? 1 : 2;
    for (let k = 0; k < tc.length && miss < 2; k++) if (s[p + k] !== tc[k]) miss += k === 0 ? firstCost : 1;
    if (miss === 0 && !exact) exact = term;
    // One edit may forgive noise inside a word, never turn one option into another (不符合 is never 符合).
    if (miss === 1 && tc.length >= 4 && !crossesOption(tc, s.slice(p, p + tc.length))) {
      if (!fuzzy) {
        fuzzy = term;
        fuzzyLen = tc.length;
      } else if (tc.length === fuzzyLen && term.value !== fuzzy.value) ambiguous = true;
    }
  }
  const exactLen = exact ? Array.from(exact.text).length : 0;
  if (fuzzy && !ambiguous && fuzzyLen >= exactLen + 2) return fuzzy;
  return exact;
}

const OPENERS = new Set(Array.from(":：(（[【"));
const JUNK = /^[A-Z{}[\]|]$/;

function context(
  chars: readonly PosChar[],
  idx: readonly number[],
  s: readonly string[],
  p: number,
  h: number,
  lastEnd: number,
): { glyph: number | null; optionContext: boolean } {
  const gapBefore = (k: number) => chars[idx[k]!]!.x0 - chars[idx[k - 1]!]!.x1;
  // A glued glyph: up to three box-like characters right before the label, at least one a true box glyph;
  // Latin junk counts too, since a hand-marked box comes out as "{[" or "f[". 口 国 回 O are also ordinary
  // characters ("中国符合", "ISO"), so the run itself must start an option: line start, a gap, an opener,
  // or right after the previous option's label.
  let k = p;
  let boxLike = false;
  // A run stops at a gap once it holds a box glyph: "QMS 口EMS" is QMS's letters, then EMS's box.
  while (
    k - 1 >= 0 &&
    p - k < 3 &&
    (isBoxGlyph(s[k - 1]!) || JUNK.test(s[k - 1]!)) &&
    !(boxLike && gapBefore(k) >= 0.3 * h)
  ) {
    k--;
    boxLike ||= isBoxGlyph(s[k]!);
  }
  if (boxLike) {
    const starts =
      k === 0 ||
      k === lastEnd ||
      gapBefore(k) >= 0.3 * h ||
      OPENERS.has(s[k - 1]!) ||
      NO_BOX_AFTER.has(s[k - 1]!);
    if (starts) return { glyph: idx[k]!, optionContext: true };
  }
  if (p === 0) return { glyph: null, optionContext: true };
  if (NO_BOX_AFTER.has(s[p - 1]!)) return { glyph: null, optionContext: false };
  // An unticked box OCR dropped still leaves a gap of about one character before the label.
  return { glyph: null, optionContext: gapBefore(p) >= 0.9 * h };
}

/** The term a stored mark label stands for (marks keep the label as OCR read it). */
export function termOf(label: string): Term | null {
  const s = Array.from(label.normalize("NFKC"))
    .filter((c) => !isSpace(c))
    .map(fold);
  return chineseAfterEnglish(s) ?? matchAt(s, 0);
}

/** A bilingual label (Partlyeffetive基本有效, misspelt or not) names its option by the Chinese word after its English. */
function chineseAfterEnglish(s: readonly string[]): Term | null {
  const han = s.findIndex((c) => /^\p{Script=Han}$/u.test(c));
  if (han < 3 || !s.slice(0, han).every((c) => LATIN.test(c))) return null;
  const t = matchAt(s, han);
  return t && han + Array.from(t.text).length === s.length ? t : null;
}

/** The option an option's whole printed text names: the word it starts with, or else the weightiest option word
 * inside it, a Chinese character counting twice a Latin letter ("Parly conform 基本符合" is 基本符合, not the CONFORM
 * inside; "The audit team does not recommend … 审核组不推荐…" is not_recommend). */
export function termIn(text: string): Term | null {
  const term = wordIn(text);
  if (term?.level !== "full") return term;
  const value = conditionIn(term.family, text);
  return (value ? termOfValue(term.family, value) : null) ?? term;
}

function wordIn(text: string): Term | null {
  const s = Array.from(text.normalize("NFKC"))
    .filter((c) => !isSpace(c))
    .map(fold);
  const first = chineseAfterEnglish(s) ?? matchAt(s, 0);
  if (first) return first;
  const weight = (t: Term) =>
    Array.from(t.text).reduce((a, ch) => a + (/\p{Script=Han}/u.test(ch) ? 2 : 1), 0);
  let best: Term | null = null;
  for (let p = 1; p < s.length; p++) {
    const t = matchAt(s, p);
    // Short words (是, 质量, 一般) stand in any sentence: only words of three characters or more name an option here.
    if (t && Array.from(t.text).length >= 3 && (!best || weight(t) > weight(best))) best = t;
  }
  return best;
}

/**
 * Printed order of the options in exclusive families whose order never varies (符合 / 基本符合 / 不符合).
 * Other recoverable families (audit types, systems) are printed in a body's own order.
 */
export const FAMILY_ORDER: Partial<Record<Family, readonly string[]>> = Object.fromEntries(
  (Object.keys(GROUPS) as Family[])
    .filter((f) => GROUPS[f].fixedOrder)
    .map((f) => [f, [...new Set(GROUPS[f].options.map((w) => w.value))]]),
);
const RECOVERABLE = new Set<Family>((Object.keys(GROUPS) as Family[]).filter((f) => GROUPS[f].recoverable));

/**
 * A ticked box drawn over its label wrecks OCR of the box and of the label's first character(s): ☑符合
 * comes out as 研箱合, ☑QMS as ffQvs. So the one option that is ticked is the one findLabels misses. On a
 * line that is an option row (at least two options of an exclusive family seen in option context), a
 * missing member of that family is accepted from a token run that sits right against the row's options
 * (nothing unread between them), in the family's printed order, made of up to two junk characters (the
 * box and tick, or three for a tick between bracket-like box sides: {研[) and the label with at most one wrong
 * character. Running text never qualifies: it has no two boxed options of one family, and its words are not
 * butted against them.
 */
export function recoverLabels(chars: readonly PosChar[], h: number, hits: readonly LabelHit[]): LabelHit[] {
  // A recovered option counts as a peer for the next round: 口有效 妇从本有效 口无交 gives 无效, then 基本有效.
  const out: LabelHit[] = [];
  for (let round = 0; round < 3; round++) {
    const more = recoverRound(chars, h, [...hits, ...out]);
    if (more.length === 0) break;
    out.push(...more);
  }
  return out;
}

function recoverRound(chars: readonly PosChar[], h: number, hits: readonly LabelHit[]): LabelHit[] {
  const idx: number[] = [];
  for (let i = 0; i < chars.length; i++) if (!isSpace(chars[i]!.ch)) idx.push(i);
  const pos = new Map(idx.map((i, k) => [i, k]));
  const s = idx.map((i) => fold(chars[i]!.ch));
  const opts = hits.filter((x) => x.optionContext);
  const out: LabelHit[] = [];
  const families = [...new Set(opts.map((x) => x.term.family))].filter((f) => RECOVERABLE.has(f));
  for (const fam of families) {
    const peers = opts.filter((x) => x.term.family === fam);
    if (peers.length === 0) continue;
    const have = new Set(peers.map((x) => x.term.value));
    const order = FAMILY_ORDER[fam];
    // Occupied non-space positions (k indices): options in context, with their glued glyphs.
    const taken = new Set<number>();
    for (const x of [...opts, ...out]) {
      for (let i = x.glyph ?? x.start; i < x.end; i++) {
        const k = pos.get(i);
        if (k !== undefined) taken.add(k);
      }
    }
    const firstK = (x: LabelHit) => pos.get(x.glyph ?? x.start) ?? 0;
    const lastK = (x: LabelHit) => (pos.get(x.end - 1) ?? 0) as number;
    for (const { term, tc } of TERM_CHARS) {
      if (term.family !== fam || have.has(term.value)) continue;
      const n = tc.length;
      // Adjacent to a peer: the run ends right before a peer's glyph, or starts right after a peer's label.
      const cands: { k0: number; pre: number }[] = [];
      for (const peer of peers) {
        const before = firstK(peer) - 1; // last k of a run ending against this peer
        for (let pre = 1; pre <= 3; pre++) cands.push({ k0: before - (pre + n) + 1, pre });
        const after = lastK(peer) + 1; // first k of a run starting against this peer
        for (let pre = 1; pre <= 3; pre++) cands.push({ k0: after, pre });
      }
      // Or, for a run led by a box glyph, the end of the line (口有效 妇人本有效 口无交).
      for (let pre = 1; pre <= 3; pre++) cands.push({ k0: s.length - (pre + n), pre });
      let best: { k0: number; pre: number; miss: number } | null = null;
      for (const c of cands) {
        const k1 = c.k0 + c.pre + n; // exclusive
        if (c.k0 < 0 || k1 > s.length) continue;
        let clash = false;
        for (let k = c.k0; k < k1 && !clash; k++) clash = taken.has(k);
        if (clash) continue;
        // Three junk characters only as a hand tick comes out: the box's sides as brackets around the tick ({研[).
        if (c.pre === 3 && !(JUNK.test(s[c.k0]!) && JUNK.test(s[c.k0 + 2]!))) continue;
        // The run must be bounded: end of line, a peer, or a gap after it; the line start, a peer, a gap or an
        // opener (审核方式:) before it. And no space inside the label itself (one printed phrase).
        const gapAt = (k: number) => chars[idx[k]!]!.x0 - chars[idx[k - 1]!]!.x1;
        // A recommendation's label is the start of a long phrase (不符合项整改验证后推荐 + 认证注册).
        const endOk = k1 === s.length || taken.has(k1) || gapAt(k1) >= 0.3 * h || fam === "recommendation";
        const startOk =
          c.k0 === 0 || taken.has(c.k0 - 1) || gapAt(c.k0) >= 0.3 * h || OPENERS.has(s[c.k0 - 1]!);
        if (!endOk || !startOk) continue;
        let split = false;
        for (let k = c.k0 + c.pre + 1; k < k1 && !split; k++) split = gapAt(k) >= h;
        if (split) continue;
        let miss = 0;
        for (let j = 0; j < n; j++) if (s[c.k0 + c.pre + j] !== tc[j]) miss++;
        // A row of two boxed options is an option row only when the run itself starts with a box glyph.
        const boxed = isBoxGlyph(s[c.k0]!);
        const againstPeer = taken.has(k1) || (c.k0 > 0 && taken.has(c.k0 - 1));
        if (!againstPeer && !boxed) continue;
        // A lone peer will do for a label of four characters or more (代本达到 beside 口未达到): no sentence
        // butts such a word, one character off, against a boxed option.
        if (peers.length < 2 && !boxed && n < 4) continue;
        // And only a row where OCR saw at least one box: a heading listing 质量 环境 ... 食品安全管理体系 has none.
        if (!boxed && !peers.some((x) => x.glyph !== null)) continue;
        // Short labels need their last character right (符合 -> 箱合), or their first after a box (口无交).
        if (miss > 1 || n === 1) continue;
        if (miss === 1 && crossesOption(tc, s.slice(c.k0 + c.pre, c.k0 + c.pre + n))) continue;
        if (n <= 2 && s[k1 - 1] !== tc[n - 1] && !(boxed && s[c.k0 + c.pre] === tc[0])) continue;
        // The junk in front stands for a box and a tick mark: not a character of another option's label.
        if (!best || miss < best.miss || (miss === best.miss && c.pre < best.pre)) best = { ...c, miss };
      }
      // A two-character label cut to its first character by the line's end (口无 for 口无效), behind a box glyph, on a
      // row where OCR saw another option's box.
      const last = s.length - 1;
      if (
        !best &&
        n === 2 &&
        last >= 1 &&
        isBoxGlyph(s[last - 1]!) &&
        s[last] === tc[0] &&
        !taken.has(last - 1) &&
        !taken.has(last) &&
        peers.some((x) => x.glyph !== null)
      )
        best = { k0: last - 1, pre: 1, miss: 1 };
      if (!best) continue;
      const x0 = chars[idx[best.k0]!]!.x0;
      if (order) {
        const rank = order.indexOf(term.value);
        const ok = peers.every((p) => {
          const r = order.indexOf(p.term.value);
          const px = chars[p.start]!.x0;
          return r < 0 || (r < rank ? px < x0 : px > x0);
        });
        if (!ok) continue;
      }
      const start = idx[best.k0 + best.pre]!;
      const end = idx[Math.min(best.k0 + best.pre + n - 1, s.length - 1)]! + 1;
      const hit: LabelHit = { term, start, end, text: term.text, glyph: idx[best.k0]!, optionContext: true };
      out.push(hit);
      have.add(term.value);
      for (let k = best.k0; k < Math.min(best.k0 + best.pre + n, s.length); k++) taken.add(k);
    }
  }
  return out;
}

/** The vocabulary term printed for a canonical value (its display text), e.g. ("satisfy", "满足"). */
export function termOfValue(family: Family, value: string): Term | null {
  return TERMS.find((x) => x.family === family && x.value === value && x.text === x.display) ?? null;
}
