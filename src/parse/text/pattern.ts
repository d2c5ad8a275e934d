/** Regular-expression pieces built from lexicon words: every word matched literally. */

/** The word as a literal, outside a character class ("-" left bare, so patterns with the u flag accept it). */
export function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** The word with any spaces between its characters, as a scan may print it (电 话, 一 阶 段). */
export function spaced(word: string): string {
  return [...word].map(escapeRegExp).join("\\s*");
}

/** The words as one alternation, in the lexicon's order (the first that matches at a place wins). */
export function alternation(words: readonly string[]): string {
  return words.map(escapeRegExp).join("|");
}

/** A pattern matching any of the words; Latin letters in any case unless `flags` says otherwise. */
export function anyWord(words: readonly string[], flags = "i"): RegExp {
  return new RegExp(`(?:${alternation(words)})`, flags);
}

/** Like `alternation`, but the stops, commas and spaces of a word may each be left out (Co., Ltd. matches Co.,Ltd
 * and Co Ltd): how Latin names are written, and read. */
export function looseAlternation(words: readonly string[]): string {
  return words
    .map((w) => [...w].map((ch) => (/[., ]/.test(ch) ? `${escapeRegExp(ch)}?` : escapeRegExp(ch))).join(""))
    .join("|");
}

/** The characters as the body of a character class (the class's own specials escaped). */
export function classOf(chars: readonly string[]): string {
  return chars.map((ch) => (/[\\\]^\-[]/.test(ch) ? `\\${ch}` : ch)).join("");
}
