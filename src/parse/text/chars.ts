/** Character-level helpers shared by the text model, label finder and normalisers. */
import { confusions } from "../../noise/confusions.ts";
import { BOX_IN_RUNNING_TEXT, noiseModel } from "../../noise/model.ts";

/** NFKC one character at a time so the cleaned text stays aligned 1:1 with the OCR characters
 * (full-width digits and colons become ASCII; ligature-like symbols such as ㎡ are left alone). */
export function nfkcChar(ch: string): string {
  // Chinese text writes its brackets full-width, and values keep them as printed (（含凉菜）).
  if (ch === "（" || ch === "）") return ch;
  const n = ch.normalize("NFKC");
  return n.length === 1 ? n : ch;
}

export function isAsciiAlnum(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-z0-9]$/.test(ch);
}

export function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && /^[\u3400-\u9fff]$/.test(ch);
}

/** Form used to compare labels: NFKC, no whitespace, look-alikes folded to what they mostly stand for as the noise
 * model measured them (朋 -> 日; on both sides, so a label compares with its misreadings), Latin lower-cased. */
export function matchForm(s: string): string {
  const look = confusions();
  let out = "";
  for (const ch of s) {
    if (/\s/.test(ch)) continue;
    const f = look.fold(ch);
    const n = f === "（" ? "(" : f === "）" ? ")" : nfkcChar(f);
    out += n.toLowerCase();
  }
  return out;
}

const TICK = new RegExp(`[${noiseModel().boxGlyphClass(1)}]`, "gu");
const GLUED_BOX = new RegExp(
  `(^|\\s)[${noiseModel().boxGlyphClass(BOX_IN_RUNNING_TEXT)}]+(?=\\p{Script=Han})`,
  "gu",
);

/** Strips checkbox glyphs as OCR reads them (the noise model's measured box readings): they are never evidence. */
export function stripBoxGlyphs(s: string): string {
  return s.replace(TICK, "").replace(GLUED_BOX, "$1");
}
