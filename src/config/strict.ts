/**
 * Unknown keys in a configuration are mistakes (a misspelt key silently keeps its default): this finds the
 * first one, by walking the zod schema the value is checked against, and names its path.
 */
import { z } from "zod";

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
      s = s.unwrap() as z.ZodType;
    } else return s;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Path of the first key `value` has that `schema` does not know, or null. */
export function firstUnknownKey(schema: z.ZodType, value: unknown, path: string[] = []): string[] | null {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject && isPlainObject(value)) {
    const shape = s.shape as Record<string, z.ZodType>;
    for (const [k, v] of Object.entries(value)) {
      const child = shape[k];
      if (!child) return [...path, k];
      const found = firstUnknownKey(child, v, [...path, k]);
      if (found) return found;
    }
  } else if (s instanceof z.ZodRecord && isPlainObject(value)) {
    const inner = s._zod.def.valueType as z.ZodType;
    for (const [k, v] of Object.entries(value)) {
      const found = firstUnknownKey(inner, v, [...path, k]);
      if (found) return found;
    }
  } else if (s instanceof z.ZodArray && Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = firstUnknownKey(s.element as z.ZodType, v, [...path, String(i)]);
      if (found) return found;
    }
  }
  return null;
}

/** Edit distance, for "did you mean" on a misspelt rule id. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

export function closest(word: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Number.POSITIVE_INFINITY;
  for (const k of known) {
    const d = editDistance(word.toUpperCase(), k.toUpperCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}
