import { confusions } from "../../noise/confusions.ts";
import { nfkcChar } from "../text/chars.ts";

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  "○": 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const look = confusions();
// A letter the noise model measured read for a numeral counts as that numeral (〇 read as O: 二O二三).
for (const [numeral, value] of Object.entries(DIGITS))
  for (const r of look.readingsOf(numeral, 0, "latin")) DIGITS[r] ??= value;

export const CHINESE_NUMERAL_CLASS = "零〇○一二两三四五六七八九十百千";

/** Full-width digits and punctuation to ASCII (character by character, lengths preserved). */
export function toHalfWidth(s: string): string {
  // Brackets as OCR reads the round ones of （0）项 (the noise model's readings that stand for them: 〈).
  return [...s]
    .map((c) => {
      const f = look.fold(c);
      return f === "（" ? "(" : f === "）" ? ")" : nfkcChar(c);
    })
    .join("");
}

/** 十一 -> 11, 二十三 -> 23, 一百零九 -> 109, and digit-by-digit forms used in years (二〇二三 -> 2023). */
export function chineseToNumber(s: string): number | null {
  const t = s.trim();
  if (t.length === 0) return null;
  if (/^\d+$/.test(t)) return Number(t);
  if (![...t].every((c) => c in DIGITS || "十百千".includes(c))) return null;
  if (!/[十百千]/.test(t)) {
    // Positional: 二〇二三
    return Number([...t].map((c) => DIGITS[c]).join(""));
  }
  let total = 0;
  let current = 0;
  for (const c of t) {
    if (c in DIGITS) current = DIGITS[c]!;
    else {
      const unit = c === "十" ? 10 : c === "百" ? 100 : 1000;
      total += (current === 0 && unit === 10 ? 1 : current) * unit;
      current = 0;
    }
  }
  return total + current;
}

/** An integer written with digits (any width) or Chinese numerals. */
export function parseInteger(s: string): number | null {
  const t = toHalfWidth(s).replace(/\s/g, "");
  if (/^\d+$/.test(t)) return Number(t);
  return chineseToNumber(t);
}

/** Counts like （1）项, (1)项, 1 项, 一项, 0个: the number, or null. */
export function parseCount(s: string): number | null {
  const t = toHalfWidth(s).replace(/\s/g, "");
  const m = t.match(new RegExp(`^\\(?([0-9]+|[${CHINESE_NUMERAL_CLASS}]+)\\)?(?:项|个|条|处)?$`));
  return m ? parseInteger(m[1]!) : null;
}

/** Headcounts like 109人, 109 名, 一百零九人. */
export function parseHeadcount(s: string): number | null {
  const t = toHalfWidth(s).replace(/\s/g, "");
  const m = t.match(new RegExp(`^([0-9]+|[${CHINESE_NUMERAL_CLASS}]+)(?:人|名)?$`));
  return m ? parseInteger(m[1]!) : null;
}
