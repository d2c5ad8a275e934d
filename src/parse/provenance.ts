import type { Field } from "../domain/field.ts";
import type { Bbox } from "../domain/geometry.ts";
import type { DocLine } from "./text/lines.ts";
import { spanBbox } from "./text/lines.ts";

const clamp = (x: number) => Math.max(0, Math.min(1, x));
const round = (x: number) => Math.round(x * 1000) / 1000;

/** A value read from characters [start, end) of a line: box, raw text and confidence (OCR × match quality). */
export function fieldAt<T>(
  line: DocLine,
  start: number,
  end: number,
  value: T | null,
  quality: number,
): Field<T> {
  return {
    value,
    raw: line.text.slice(start, end).replace(/\t/g, " ").trim(),
    confidence: round(clamp(line.confidence * quality)),
    page: line.page,
    bbox: spanBbox(line, start, end),
    method: line.method,
  };
}

/** A value read from a table cell or another known box. */
export function fieldBox<T>(
  line: DocLine,
  bbox: Bbox,
  raw: string,
  value: T | null,
  confidence: number,
  quality: number,
): Field<T> {
  return {
    value,
    raw,
    confidence: round(clamp(confidence * quality)),
    page: line.page,
    bbox,
    method: line.method,
  };
}

/** A value worked out from other fields (days from a range, a system from a standard): lower confidence. */
export function derived<T>(from: Field<unknown>, value: T, factor: number): Field<T> {
  return { ...from, value, confidence: round(clamp(from.confidence * factor)), method: "derived" };
}

/** Where in line.text a substring of a value window (line text + next line) lies. */
export function spanInLine(line: DocLine, offsetInWindow: number, length: number): [number, number] {
  const start = Math.min(offsetInWindow, line.text.length);
  return [start, Math.min(line.text.length, start + Math.max(1, length))];
}
