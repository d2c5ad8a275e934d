/**
 * Punctuation and short words that forms print, as printed alternatives (a format choice of each body, no
 * misreading): what OCR reads them as comes from the measured noise model (src/noise/confusions.ts's classOf), never
 * from a table here. Width forms (： for :, ～ for ~) are one character to the model and need no entry.
 */

/** What stands between the two dates of a range: 2024年10月8日至10日, A到B, A~B, A—B, A–B, A-B, A--B, and in
 * bilingual reports 2024-09-23 to 2024-09-26. */
export const RANGE_SEPARATORS = {
  /** Chinese words. */
  words: ["至", "到"],
  /** Dashes and tildes. */
  marks: ["~", "—", "–", "-", "--"],
  /** English words (whole words only). */
  english: ["to", "till", "until", "through"],
} as const;

/** What a table prints in an empty cell besides marks alone (—, -, /): 无, N/A, NA. */
export const EMPTY_CELL_WORDS: readonly string[] = ["无", "N/A", "NA"];
