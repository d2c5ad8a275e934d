import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import type { Evaluation } from "../../domain/record.ts";
import { OPTION_GROUPS } from "../../lexicon/options.ts";
import { WRITTEN_RESULT_LABELS } from "../../lexicon/sections.ts";
import { fieldAt } from "../provenance.ts";
import { matchForm } from "../text/chars.ts";
import { alternation } from "../text/pattern.ts";
import { type FoundSection, headingOf } from "../text/sections.ts";

type Result = "符合" | "基本符合" | "不符合";

/** A section that carries a 符合/基本符合/不符合 choice on its heading or the line under it. */
function isEvaluated(s: FoundSection): boolean {
  const own = s.lines.slice(0, 3);
  const stop = own.findIndex((l, i) => i > 0 && headingOf(l) !== null);
  const near = (stop > 0 ? own.slice(0, stop) : own).map((l) => matchForm(l.text));
  // The options sit on the heading or alone on a line below it; a line that names a criterion before them
  // (审核准则的要求 符合 基本符合 不符合) is a row of the conclusion table, not this section's evaluation.
  return near.some(
    (t, i) =>
      t.includes("基本符合") &&
      t.replace("基本符合", "").replace("不符合", "").includes("符合") &&
      (i === 0 || t.search(/基本符合|不符合|符合/) <= 2),
  );
}

// A result written as a word under its label (评价：符合, 评价结论：基本符合), not offered as options.
// (An overall 审核结论 is the conclusion's, not a section's evaluation.)
const RESULTS = alternation(
  OPTION_GROUPS.conformity.options.flatMap((o) => o.zh).sort((a, b) => b.length - a.length),
);
const WRITTEN = new RegExp(
  `^\\s*(?:${alternation(WRITTEN_RESULT_LABELS)})\\s*[:：]\\s*(${RESULTS})(?![^。，,；;]*(?:${RESULTS}))`,
);

/** The result a section states in words on one of its first lines, where it prints no options to tick. */
function writtenResult(s: FoundSection): Field<Result> | null {
  const own = s.lines.slice(1, 4);
  const stop = own.findIndex((l) => headingOf(l) !== null);
  for (const line of stop >= 0 ? own.slice(0, stop) : own) {
    const m = WRITTEN.exec(line.text);
    if (!m) continue;
    const at = m.index + m[0].lastIndexOf(m[1]!);
    return fieldAt(line, at, at + m[1]!.length, m[1] as Result, 0.9);
  }
  return null;
}

/** Evaluated sections (3.1 … 3.5 in one template) with the ticked result from the checkbox reader, or the result a
 * section writes out in words; and the graded rows of a conformity table (条款符合性一览表: 2.1 | 4 组织环境 | □符合 …)
 * whose section number no heading of the report prints: such a row names its section itself. */
export function readEvaluations(
  sections: readonly FoundSection[],
  results: ReadonlyMap<string, Field<Result>>,
  titles: ReadonlyMap<string, string> = new Map(),
): Evaluation[] {
  const found = new Set(sections.flatMap((s) => [s.id, ...(s.heading.readId ? [s.heading.readId] : [])]));
  const tabled = [...results]
    .filter(([id]) => !found.has(id) && SECTION_NUMBER.test(id))
    .map(([id, result]) => ({ section: id, title: titles.get(id) ?? "", result }));
  return [...ofSections(sections, results), ...tabled];
}

/** A clause group's number as a conformity table prints it (2.1, 8.5): a decimal with one to three dots. */
const SECTION_NUMBER = /^\d{1,2}(?:\.\d{1,2}){1,3}$/;

function ofSections(
  sections: readonly FoundSection[],
  results: ReadonlyMap<string, Field<Result>>,
): Evaluation[] {
  // A tick can wreck the option words OCR reads on the heading; the box reader still found the group then.
  return sections.flatMap((s) => {
    // Boxes are keyed by the numbering read beside them; the document's numbering may have shown it another.
    const ticked = results.get(s.id) ?? (s.heading.readId ? results.get(s.heading.readId) : undefined);
    if (ticked || isEvaluated(s)) {
      return [{ section: s.id, title: s.title, result: ticked ?? missingField<Result>("checkbox") }];
    }
    const written = writtenResult(s);
    return written ? [{ section: s.id, title: s.title, result: written }] : [];
  });
}
