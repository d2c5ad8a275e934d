import { toHalfWidth } from "./numbers.ts";

/** Professional (technical area) codes such as 33.03.01 or 28.02; several per cell, any separator. */
export function findTechnicalCodes(text: string): string[] {
  const t = toHalfWidth(text).replace(/[Oo](?=\d)|(?<=\d)[Oo]/g, "0");
  const out: string[] = [];
  for (const m of t.matchAll(/(?<![\d.-])(\d{2})\s?[.．]\s?(\d{2})(?:\s?[.．]\s?(\d{2}))?(?![\d-])/g)) {
    out.push([m[1], m[2], m[3]].filter((p) => p !== undefined).join("."));
  }
  return [...new Set(out)];
}
