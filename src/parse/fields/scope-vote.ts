import type { Field } from "../../domain/field.ts";
import { chineseParens } from "../text/labels.ts";
import type { DocLine } from "../text/lines.ts";
import { CLEAR, compactReading } from "../text/vote.ts";

const OPENING = /[（(〈《【[]/;

/**
 * A scope the report prints at several places (1.5.2, 四, the recommendation) where the reading taken holds one
 * character another place's reading lacks. Tesseract inserts characters (a phantom 和 in wide spacing, a bracket read
 * twice as 〈（) far more often than it drops one where the rest reads alike, so the shorter reading is the scope
 * when the extra character is an opening bracket before another, or was read unclearly wherever the longer reading
 * stands. A clear extra character is kept: the other place may have lost it.
 */
export function dropInsertion(
  field: Field<string>,
  others: readonly (string | null)[],
  lines: readonly DocLine[],
): Field<string> {
  if (field.value === null) return field;
  const v = [...field.value];
  for (const other of others) {
    if (other === null || [...other].length !== v.length - 1) continue;
    for (let k = 0; k < v.length; k++) {
      if ([...v.slice(0, k), ...v.slice(k + 1)].join("") !== other) continue;
      const doubledBracket = OPENING.test(v[k]!) && OPENING.test(v[k + 1] ?? "");
      if (doubledBracket || unclearAt(field.value, k, lines)) {
        return {
          ...field,
          value: other,
          confidence: Math.round(field.confidence * 0.9 * 1000) / 1000,
          method: "derived",
        };
      }
    }
  }
  return field;
}

/** Whether every place the text holds `value` read its k-th character below CLEAR (and there is such a place). */
function unclearAt(value: string, k: number, lines: readonly DocLine[]): boolean {
  const target = [...value.replace(/\s/g, "")];
  let seen = false;
  for (const line of lines) {
    const r = compactReading(line);
    const chars = [...chineseParens(r.chars.join(""))];
    for (let i = 0; i + target.length <= chars.length; i++) {
      if (!target.every((ch, j) => chars[i + j] === ch)) continue;
      seen = true;
      if ((r.confs[i + k] ?? 1) >= CLEAR) return false;
    }
  }
  return seen;
}
