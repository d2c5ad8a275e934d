import type { Field } from "../../domain/field.ts";
import { decodeRemarkOpeners } from "../../noise/lexicons/remarks.ts";
import { startsWithDivision } from "../normalize/divisions.ts";
import { chineseParens } from "../text/labels.ts";
import type { DocLine } from "../text/lines.ts";
import { CLEAR } from "../text/vote.ts";

/** Confidence of the value's character `k` where the document prints that stretch: the best reading of it. */
function confidenceAt(
  value: readonly string[],
  k: number,
  lines: readonly DocLine[],
  fallback: number,
): number {
  const window = chineseParens(value.slice(Math.max(0, k - 1), k + 4).join(""));
  const offset = Math.min(1, k);
  let best = -1;
  for (const line of lines) {
    const text = chineseParens(line.text);
    for (let p = text.indexOf(window); p >= 0; p = text.indexOf(window, p + 1)) {
      const at = [...text.slice(0, p)].length + offset;
      best = Math.max(best, line.charConfidences[at] ?? line.confidence);
    }
  }
  return best >= 0 ? best : fallback;
}

/** Whether the document prints the word clearly outside a bracket's opening (合同 in 合同编号). */
function printedClearly(word: string, lines: readonly DocLine[]): boolean {
  for (const line of lines) {
    for (let p = line.text.indexOf(word); p >= 0; p = line.text.indexOf(word, p + 1)) {
      if (/[（(]$/.test(line.text.slice(0, p))) continue;
      const confs = line.charConfidences.slice(p, p + word.length);
      if (confs.every((c) => c >= CLEAR)) return true;
    }
  }
  return false;
}

/** A scope's bracketed remarks with their opening word (含, 不含, 仅限 …) decoded against the remark lexicon. */
export function mendScopeRemark<T extends Field<string>>(field: T, lines: readonly DocLine[]): T {
  if (field.value === null) return field;
  const chars = [...field.value];
  const confs = chars.map((_, k) =>
    k > 0 && /[（(]/.test(chars[k - 1] as string) ? confidenceAt(chars, k, lines, field.confidence) : 1,
  );
  const value = decodeRemarkOpeners(
    chars,
    confs,
    (text) => startsWithDivision(text) || printedClearly(text.slice(0, 2), lines),
  ).join("");
  return value === field.value ? field : { ...field, value, method: "derived" };
}
