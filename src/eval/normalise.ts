/** Trivial normalisation shared by every comparison: NFKC, no whitespace. Anything cleverer would hide
 * extraction errors the pipeline should fix itself. */

/** Tick glyphs are boxes, scored by box accuracy, not characters a reader is expected to transcribe. */
const BOX_GLYPHS = /[☐☑☒□■▢√✓✔✗✘]/gu;

export function normText(s: string): string {
  return s.normalize("NFKC").replace(/\s+/gu, "");
}

export function normForCer(s: string): string {
  return normText(s.replace(BOX_GLYPHS, ""));
}

export function normValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return String(v);
  if (typeof v === "string") {
    const t = normText(v);
    return t === "" ? null : t;
  }
  return normText(JSON.stringify(v));
}

/** A registration-number cell may hold several numbers: compare them as a set. */
export function splitList(s: string | null | undefined): string[] {
  if (!s) return [];
  return s
    .normalize("NFKC")
    .split(/[;,、\s]+/u)
    .map((x) => x.trim())
    .filter(Boolean);
}

export function normSet(values: readonly string[] | null | undefined): string[] | null {
  if (!values || values.length === 0) return null;
  return [...new Set(values.map((v) => normText(v)).filter(Boolean))].sort();
}
