import { expect } from "vitest";
import { Report } from "../../../src/domain/record.ts";
import { parseDocument } from "../../../src/parse/index.ts";
import { layoutPages } from "./layout.ts";
import { ocrNoise } from "./noise.ts";

/** Each NC as [clause, department, severity, finding]. */
export const ncRowsOf = (r: Report) =>
  r.ncItems.map((n) => [n.clause.value, n.department.value, n.severity.value, n.text.value]);

/** Each layout is read as printed and as OCR damages it (noise.ts): the values must not change. */
export const READINGS: [string, (text: string) => string][] = [
  ["clean", (t) => t],
  ["OCR-noisy", ocrNoise],
];

/** The report of a text laid out as OCR pages, classified as one and validated against the record schema. */
export function reportOf(text: string): Report {
  const result = parseDocument(layoutPages(text));
  expect(result.kind).toBe("audit_report");
  return Report.parse(result.report);
}
