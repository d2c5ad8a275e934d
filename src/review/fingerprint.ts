import { createHash } from "node:crypto";
import type { Flag } from "../domain/flag.ts";

/** Whitespace differs between OCR runs of the same page; it must not make a decided flag look new. */
const squash = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * A flag's identity across re-ingests: rule, subject, and each evidence item's page and text. Not the
 * message (it quotes values, and a reworded message is the same finding) and not the boxes (they move a
 * few pixels between runs). The same finding read again keeps its decision; a changed one is new.
 */
export function flagFingerprint(flag: Flag): string {
  const key = JSON.stringify([
    flag.rule,
    flag.subject ?? null,
    flag.evidence.map((e) => [e.page, squash(e.text)]),
  ]);
  return createHash("sha256").update(key, "utf8").digest("hex").slice(0, 24);
}

/** Fingerprints for a record's flags, in order. Two identical flags in one record get `#2`, `#3`...
 * so each can be decided on its own. */
export function fingerprints(flags: readonly Flag[]): string[] {
  const seen = new Map<string, number>();
  return flags.map((f) => {
    const base = flagFingerprint(f);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}
