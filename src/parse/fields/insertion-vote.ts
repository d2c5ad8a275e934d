import type { Field } from "../../domain/field.ts";
import { confusions } from "../../noise/confusions.ts";
import { chineseParens } from "../text/labels.ts";
import type { DocLine } from "../text/lines.ts";
import { CLEAR, compactReading, type Reading } from "../text/vote.ts";

/** An opening bracket as OCR reads one (the noise model's readings of （ as another bracket), or a square one. */
const OPENING = new RegExp(`[${confusions().bracketClass("（")}【[]`);

/**
 * A value the report prints at several places (the organisation on the cover and in every running header, the scope
 * in 1.5.2, 四 and the recommendation) whose reading holds one character another place's reading lacks. Tesseract
 * inserts characters (a phantom 人 or 和 in wide spacing, a bracket read twice as 〈（) far more often than it drops
 * one where the rest reads alike. The shorter reading is taken when the extra character is an opening bracket before
 * another, or was read unclearly wherever the longer reading stands, or more places print the shorter reading than
 * the longer one. Otherwise the value stays: the other place may have lost a character.
 * `others`: readings of the value gathered elsewhere (a scope's statements), counted as places too.
 */
export function dropInsertion(
  field: Field<string>,
  lines: readonly DocLine[],
  others: readonly (string | null)[] = [],
): Field<string> {
  if (field.value === null) return field;
  const v = [...field.value];
  if (v.length < 4) return field;
  const readings = lines.map((l) => {
    const r = compactReading(l);
    return { r, text: chineseParens(r.chars.join("")) };
  });
  const placesOf = (s: string, not?: string) =>
    readings.filter(({ text }) => text.includes(s) && (not === undefined || !text.includes(not))).length +
    others.filter((o) => o === s).length;
  const longPlaces = placesOf(field.value);
  for (let k = 0; k < v.length; k++) {
    // In a run of one character (丽丽) every deletion reads the same and is inside the longer reading.
    if (v[k] === v[k - 1]) continue;
    const shorter = [...v.slice(0, k), ...v.slice(k + 1)].join("");
    const shortPlaces = placesOf(shorter, field.value);
    if (shortPlaces === 0) continue;
    const doubledBracket = OPENING.test(v[k]!) && OPENING.test(v[k + 1] ?? "");
    if (doubledBracket || shortPlaces > longPlaces || unclearAt(field.value, k, readings)) {
      return {
        ...field,
        value: shorter,
        confidence: Math.round(field.confidence * 0.9 * 1000) / 1000,
        method: "derived",
      };
    }
  }
  return field;
}

/** Whether every place the text holds `value` read its k-th character below CLEAR (and there is such a place). */
function unclearAt(value: string, k: number, readings: readonly { r: Reading; text: string }[]): boolean {
  let seen = false;
  for (const { r, text } of readings) {
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      seen = true;
      // chineseParens maps one character to one, so positions in `text` are positions in the reading.
      if ((r.confs[[...text.slice(0, at)].length + k] ?? 1) >= CLEAR) return false;
    }
  }
  return seen;
}
