import type { Field } from "../../domain/field.ts";
import type { TeamMember } from "../../domain/record.ts";
import type { DocLine } from "../text/lines.ts";

/** OCR misreads one character of a Chinese name often (蔡丽 → 验丽, 李明峰 → 李明烽), but rarely the same way
 * at every place the name is printed. A team-table name that no signature place spells the same way, next to
 * a signature name of the same length that differs from it in one character and that no other auditor claims,
 * is voted on: whichever spelling the document prints more often wins. A tie keeps the table's reading. */

function oneCharApart(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length || x.length < 2) return false;
  let diff = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) diff++;
  return diff === 1;
}

function occurrences(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

export function voteTeamNames(
  team: readonly TeamMember[],
  signatures: Field<string[]>,
  lines: readonly DocLine[],
): TeamMember[] {
  const sigs = signatures.value ?? [];
  if (sigs.length === 0) return [...team];
  const names = new Set(team.map((m) => m.name.value).filter((n): n is string => n !== null));
  const text = lines.map((l) => l.text.replace(/\s/g, "")).join("\n");
  return team.map((m) => {
    const n = m.name.value;
    if (n === null || sigs.includes(n)) return m;
    const candidates = sigs.filter((s) => !names.has(s) && oneCharApart(n, s));
    if (candidates.length !== 1) return m;
    const s = candidates[0]!;
    if (occurrences(text, s) <= occurrences(text, n)) return m;
    return {
      ...m,
      name: {
        ...m.name,
        value: s,
        confidence: Math.round(m.name.confidence * 0.9 * 1000) / 1000,
        method: "derived",
      },
    };
  });
}

const isHan = (c: string) => /[\u4e00-\u9fff]/.test(c);

/** A long value (an organisation, an address) as the document prints it most often. Every place the text holds
 * a run of the same length that differs from the value in at most `maxDiff` Chinese characters (digits, letters
 * and punctuation must agree: 27栋 and 28栋 are two buildings) votes; each character takes the majority
 * spelling, a tie keeps the value's own. */
export function voteSpelling(value: string, texts: readonly string[], maxDiff: number): string {
  const v = [...value];
  const L = v.length;
  if (L < 6) return value;
  const votes: string[][] = [];
  for (const t of texts) {
    const c = [...t];
    for (let i = 0; i + L <= c.length; i++) {
      let diff = 0;
      for (let j = 0; j < L && diff <= maxDiff; j++) {
        if (c[i + j] === v[j]) continue;
        if (!isHan(v[j]!) || !isHan(c[i + j]!)) diff = maxDiff + 1;
        else diff++;
      }
      if (diff <= maxDiff) votes.push(c.slice(i, i + L));
    }
  }
  if (votes.length < 2) return value;
  return v
    .map((own, j) => {
      const count = new Map<string, number>();
      for (const w of votes) count.set(w[j]!, (count.get(w[j]!) ?? 0) + 1);
      let best = own;
      for (const [ch, n] of count) if (n > (count.get(best) ?? 0)) best = ch;
      return best;
    })
    .join("");
}

/** The organisation name and the sites as voted over every line of the document. */
export function voteField<T extends string | string[]>(
  field: Field<T>,
  lines: readonly DocLine[],
  maxDiff: (length: number) => number,
): Field<T> {
  if (field.value === null) return field;
  const texts = lines.map((l) => l.text.replace(/\s/g, ""));
  const vote = (s: string) => voteSpelling(s, texts, maxDiff([...s].length));
  const value = (Array.isArray(field.value) ? field.value.map(vote) : vote(field.value)) as T;
  if (JSON.stringify(value) === JSON.stringify(field.value)) return field;
  return { ...field, value, method: "derived" };
}
