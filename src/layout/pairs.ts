/** Key–value pairs of ruled tables: a cell opening with a lexicon label holds its value after the label, or
 * gives it to the cell on its right, or to the cell below (a label row over a value row). */
import type { Bbox } from "../domain/geometry.ts";
import type { KeyValue, LayoutCell, LayoutTable } from "../domain/layout.ts";
import { RANGE_FILLERS, RANGE_OPENERS } from "../lexicon/labels.ts";
import { matchForm } from "../parse/text/chars.ts";
import { familyLabelAtStart } from "../parse/text/labels.ts";

// Between a label and its value in one cell: a colon, a bracketed gloss, the label's English half.
const LEAD = /^(?:[\s:：.．;；,，]|[（(][^）)]{0,40}[）)])*/;
const ENGLISH_HALF = /^[A-Za-z][A-Za-z.'/& ]{0,40}?\s*(?:[:：]|$)/;

/** The value after a label in its own cell, only where a colon says so (审核准则的要求 is running text). */
function sameCellValue(text: string, end: number): string {
  let rest = text.slice(end);
  rest = rest.slice(LEAD.exec(rest)?.[0].length ?? 0);
  rest = rest.slice(ENGLISH_HALF.exec(rest)?.[0].length ?? 0);
  const between = text.slice(end, text.length - rest.length);
  if (!/[:：]/.test(between)) return "";
  return rest.slice(LEAD.exec(rest)?.[0].length ?? 0).trim();
}

/** A cell that opens a range with its filler words (自上次审核结束（…）至本次审核结束（…）) is a value: the filler
 * reads as a rival label (上次审核), but it names where the range starts, not a field of its own. */
function opensRange(text: string): boolean {
  const form = matchForm(text);
  return RANGE_OPENERS.some(
    (o) =>
      form.startsWith(matchForm(o)) &&
      RANGE_FILLERS.some((f) => form.slice(matchForm(o).length).startsWith(matchForm(f))),
  );
}

const labelAtStart = (text: string) => (opensRange(text) ? null : familyLabelAtStart(text));
const isLabel = (c: LayoutCell) => labelAtStart(c.text) !== null;

function rightOf(t: LayoutTable, c: LayoutCell): LayoutCell | undefined {
  return t.cells.find((o) => o.col === c.col + c.colSpan && o.row <= c.row && o.row + o.rowSpan > c.row);
}

function below(t: LayoutTable, c: LayoutCell): LayoutCell | undefined {
  return t.cells.find((o) => o.row === c.row + c.rowSpan && o.col <= c.col && o.col + o.colSpan > c.col);
}

export function keyValues(tables: readonly LayoutTable[]): KeyValue[] {
  const out: KeyValue[] = [];
  for (const t of tables) {
    for (const c of t.cells) {
      const hit = labelAtStart(c.text);
      if (!hit) continue;
      const label = { text: c.text.slice(0, hit.end), bbox: c.bbox as Bbox };
      const own = sameCellValue(c.text, hit.end);
      const base = { family: hit.family, label, quality: Math.round(hit.quality * 1000) / 1000 };
      if (own !== "") {
        out.push({
          ...base,
          value: { text: own, bbox: c.bbox, confidence: c.confidence },
          where: "same-cell",
        });
        continue;
      }
      const right = rightOf(t, c);
      if (right && right.text !== "" && !isLabel(right)) {
        out.push({
          ...base,
          value: { text: right.text, bbox: right.bbox, confidence: right.confidence },
          where: "right",
        });
        continue;
      }
      const under = below(t, c);
      if (!right && under && under.text !== "" && !isLabel(under))
        out.push({
          ...base,
          value: { text: under.text, bbox: under.bbox, confidence: under.confidence },
          where: "below",
        });
    }
  }
  return out;
}
