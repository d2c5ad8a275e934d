import type { Field } from "../../domain/field.ts";
import { fieldAt } from "../provenance.ts";
import type { DocLine } from "./lines.ts";

/** Consecutive lines read as one text, for values a scan wrapped onto the next line. */
export interface TextWindow {
  text: string;
  parts: { line: DocLine; offset: number; from: number }[];
}

/** From character `from` of `line`, plus up to `after` following lines on the same page. */
export function windowFrom(
  lines: readonly DocLine[],
  line: DocLine,
  from: number,
  after = 1,
  before = 0,
): TextWindow {
  const parts: TextWindow["parts"] = [];
  let text = "";
  for (let i = line.index - before; i <= line.index + after; i++) {
    const l = lines[i];
    if (!l || l.page !== line.page) continue;
    const start = l === line ? from : 0;
    parts.push({ line: l, offset: text.length, from: start });
    text += l.text.slice(start);
  }
  return { text, parts };
}

/** A span of the window -> a field on the line where the span starts (clipped to that line). */
export function fieldInWindow<T>(
  win: TextWindow,
  start: number,
  end: number,
  value: T | null,
  quality: number,
): Field<T> {
  let part = win.parts[0]!;
  for (const p of win.parts) if (p.offset <= start) part = p;
  const s = part.from + (start - part.offset);
  const e = Math.min(part.line.text.length, part.from + (end - part.offset));
  // A span that crosses into the next line loses a little confidence: the wrap is a guess.
  const crosses = part.from + (end - part.offset) > part.line.text.length;
  return fieldAt(part.line, s, Math.max(s + 1, e), value, crosses ? quality * 0.95 : quality);
}
