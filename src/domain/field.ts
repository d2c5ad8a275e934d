import { z } from "zod";
import { Bbox } from "./geometry.ts";

/** "reviewer": a value a committee member corrected on the review page (the extracted one is kept beside it). */
export const FieldMethod = z.enum(["text-layer", "ocr", "checkbox", "llm", "derived", "reviewer"]);
export type FieldMethod = z.infer<typeof FieldMethod>;

/** A value with where it came from. `value: null` means not found, never a guess. */
export function fieldOf<T extends z.ZodType>(value: T) {
  return z.object({
    value: value.nullable(),
    raw: z.string().nullable(),
    confidence: z.number().min(0).max(1),
    page: z.number().int().min(1).nullable(),
    bbox: Bbox.nullable(),
    method: FieldMethod,
  });
}

export interface Field<T> {
  value: T | null;
  raw: string | null;
  confidence: number;
  page: number | null;
  bbox: Bbox | null;
  method: FieldMethod;
}

export function missingField<T>(method: FieldMethod = "ocr"): Field<T> {
  return { value: null, raw: null, confidence: 0, page: null, bbox: null, method };
}

/** ISO calendar date, e.g. 2023-11-08. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
