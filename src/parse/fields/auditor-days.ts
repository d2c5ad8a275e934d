import { type Field, missingField } from "../../domain/field.ts";
import { AUDITOR_DAYS } from "../../lexicon/auditor-days.ts";
import { toHalfWidth } from "../normalize/numbers.ts";
import { fieldAt } from "../provenance.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation } from "../text/pattern.ts";

/** The audit time the report prints in auditor-days, for TIME-LOW and TIME-DAYS-MISMATCH. A total (合计 … N 人日)
 * wins over a labelled figure, a labelled one over a bare "N 人日"; when the best kind of figure is printed with
 * different values (per-system days and no total), nothing is chosen: the raw text stays, the value is null. */

type Kind = 0 | 1 | 2;
interface Hit {
  kind: Kind;
  value: number;
  field: Field<number>;
}

const UNIT = new RegExp(
  `(\\d{1,3}(?:\\.\\d{1,2})?)\\s*(?:${alternation([...AUDITOR_DAYS.proseUnits, ...AUDITOR_DAYS.units])})`,
  "gi",
);
const LABELLED = new RegExp(
  `(?:${alternation(AUDITOR_DAYS.labels)})\\s*[:：]?\\s*(\\d{1,3}(?:\\.\\d{1,2})?)(?![\\d年月./-])`,
  "gi",
);
const TOTAL_WORDS = AUDITOR_DAYS.totals.map((w) => w.toLowerCase());
const LABEL_WORDS = AUDITOR_DAYS.labels.map((w) => w.toLowerCase());

function kindOf(before: string): Kind {
  const b = before.toLowerCase();
  if (TOTAL_WORDS.some((w) => b.includes(w))) return 2;
  if (LABEL_WORDS.some((w) => b.includes(w))) return 1;
  return 0;
}

export function readAuditorDays(lines: readonly DocLine[]): Field<number> {
  const hits: Hit[] = [];
  for (const line of lines) {
    const text = toHalfWidth(line.text);
    const seen = new Set<number>();
    for (const m of text.matchAll(UNIT)) {
      const value = Number(m[1]);
      if (!(value > 0)) continue;
      seen.add(m.index);
      const kind = kindOf(text.slice(0, m.index));
      hits.push({
        kind,
        value,
        field: fieldAt(line, m.index, m.index + m[0].length, value, kind ? 0.95 : 0.85),
      });
    }
    for (const m of text.matchAll(LABELLED)) {
      const at = m.index + m[0].length - m[1]!.length;
      if (seen.has(at)) continue;
      const value = Number(m[1]);
      if (!(value > 0)) continue;
      const kind = kindOf(text.slice(0, m.index)) === 2 ? 2 : 1;
      hits.push({ kind, value, field: fieldAt(line, m.index, m.index + m[0].length, value, 0.9) });
    }
  }
  if (hits.length === 0) return missingField();
  const best = Math.max(...hits.map((h) => h.kind));
  const top = hits.filter((h) => h.kind === best);
  const values = [...new Set(top.map((h) => h.value))];
  if (values.length === 1) return top[0]!.field;
  return { ...top[0]!.field, value: null, raw: top.map((h) => h.field.raw).join("; "), confidence: 0 };
}
