import { SECTION_CLAUSES } from "../lexicon/narrative.ts";

/** GB/T 19001-2016 (ISO 9001:2015) clause numbers, and which 3.x evaluation section of the report template
 * covers which clauses: NC-CLAUSE checks an NC's clause exists, CHK-VS-NARRATIVE checks a 3.x box ticked
 * 符合 has no NC raised against its clauses. */

const numbered = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}.${i + 1}`);

export const GBT19001_CLAUSES: ReadonlySet<string> = new Set([
  ...["4", "5", "6", "7", "8", "9", "10"],
  ...numbered("4", 4),
  ...numbered("4.4", 2),
  ...numbered("5", 3),
  ...numbered("5.1", 2),
  ...numbered("5.2", 2),
  ...numbered("6", 3),
  ...numbered("6.1", 2),
  ...numbered("6.2", 2),
  ...numbered("7", 5),
  ...numbered("7.1", 6),
  ...numbered("7.1.5", 2),
  ...numbered("7.5", 3),
  ...numbered("7.5.3", 2),
  ...numbered("8", 7),
  ...numbered("8.2", 4),
  ...numbered("8.3", 6),
  ...numbered("8.4", 3),
  ...numbered("8.5", 6),
  ...numbered("8.7", 2),
  ...numbered("9", 3),
  ...numbered("9.1", 3),
  ...numbered("9.2", 2),
  ...numbered("9.3", 3),
  ...numbered("10", 3),
  ...numbered("10.2", 2),
]);

/** "7.3条款", "GB/T19001-2016 7.1.5.1", "8．5．1" → "7.3", "7.1.5.1", "8.5.1"; null when no clause number. */
export function clauseNumber(raw: string): string | null {
  const text = raw
    .normalize("NFKC")
    .replace(/(GB\/?T|ISO)\s*[\d.:-]+(?:-\d{4})?(\/ISO\s*[\d:]+)?/gi, " ")
    .replace(/[．。、,，]/g, ".");
  const m = text.match(/(?<![\d.])(\d{1,2}(?:\s*\.\s*\d{1,2}){0,3})(?![\d])/);
  return m ? m[1]!.replace(/\s+/g, "") : null;
}

export function clauseCovers(prefix: string, clause: string): boolean {
  return clause === prefix || clause.startsWith(`${prefix}.`);
}

/** Clause prefixes a 3.x section of the report evaluates, from its title; empty when the title is unknown. */
export function clausesOfSection(title: string): readonly string[] {
  const t = title.normalize("NFKC");
  return SECTION_CLAUSES.find((row) => row.words.some((w) => t.includes(w)))?.clauses ?? [];
}
