import { confusions } from "../../noise/confusions.ts";
import { toHalfWidth } from "./numbers.ts";

const look = confusions();
// A digit as OCR reads one: digits and the letters the noise model measured read for them (O for 0).
const D = `[${look.digitClass()}]`;
const CODE = new RegExp(
  `(?<![\\d.-])(${D}{2})\\s?[.．]\\s?(${D}{2})(?:\\s?[.．]\\s?(${D}{2}))?(?![\\d-])`,
  "g",
);

/** Professional (technical area) codes such as 33.03.01 or 28.02; several per cell, any separator. A code read
 * with letters for digits counts where at least half its characters are digits (33.O3.01, not IO.OI). */
export function findTechnicalCodes(text: string): string[] {
  const t = toHalfWidth(text);
  const out: string[] = [];
  for (const m of t.matchAll(CODE)) {
    const parts = [m[1], m[2], m[3]].filter((p): p is string => p !== undefined);
    const chars = parts.join("");
    if (chars.replace(/\D/g, "").length * 2 < chars.length) continue;
    out.push(parts.map((p) => look.readDigits(p)).join("."));
  }
  return [...new Set(out)];
}
