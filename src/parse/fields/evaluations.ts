import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import type { Evaluation } from "../../domain/record.ts";
import { matchForm } from "../text/chars.ts";
import { type FoundSection, headingOf } from "../text/sections.ts";

type Result = "符合" | "基本符合" | "不符合";

/** A section that carries a 符合/基本符合/不符合 choice on its heading or the line under it. */
function isEvaluated(s: FoundSection): boolean {
  const own = s.lines.slice(0, 3);
  const stop = own.findIndex((l, i) => i > 0 && headingOf(l) !== null);
  const near = (stop > 0 ? own.slice(0, stop) : own).map((l) => matchForm(l.text));
  return near.some(
    (t) => t.includes("基本符合") && t.replace("基本符合", "").replace("不符合", "").includes("符合"),
  );
}

/** Evaluated sections (3.1 … 3.5 in one template) with the ticked result from the checkbox reader. */
export function readEvaluations(
  sections: readonly FoundSection[],
  results: ReadonlyMap<string, Field<Result>>,
): Evaluation[] {
  // A tick can wreck the option words OCR reads on the heading; the box reader still found the group then.
  return sections
    .filter((s) => isEvaluated(s) || results.has(s.id))
    .map((s) => ({
      section: s.id,
      title: s.title,
      result: results.get(s.id) ?? missingField<Result>("checkbox"),
    }));
}
