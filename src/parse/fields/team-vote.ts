/** Team names voted across the places a report prints them: the team table, the signature places
 * (审核组长（签字）：蔡丽), team label rows (审核组成员 Members 郑玉敏、冯洲浩) and the narrative (审核员由叶斌艳等担任).
 * OCR misreads a glyph of a name now and then, rarely the same way everywhere, and its confidence tells a
 * clear reading from a guess. Each character of the table's reading is voted on (text/vote.ts) with the
 * readings of the same person elsewhere:
 * - a team place's name of the same length that differs in one character, or only where the table's reading
 *   is unclear, or that stands alone under the role only this member holds (the leader), and that is no
 *   other member's name;
 * - the same from a team place with one unclear character the table read in excess (郑玉人敏 / 郑玉敏);
 * - for names of three characters or more, any run of the text that differs in one unclear character.
 * A name whose readings disagree on a character none of them reads clearly is not a reading: its value is
 * null (the raw text is kept), never a guess. */

import type { TeamMember, TeamRole } from "../../domain/record.ts";
import { SIGNING_WORDS, TEAM_LINE_WORDS } from "../../lexicon/tables.ts";
import { decodePersonName } from "../../noise/lexicons/names.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation } from "../text/pattern.ts";
import { type CharReading, CLEAR, compactReading, votePosition } from "../text/vote.ts";
import type { ReadMember } from "./read-member.ts";
import { looksLikeName, roleOf } from "./team-words.ts";

interface Mention {
  chars: string[];
  confs: number[];
  role: TeamRole | null;
  /** The only name under its label. */
  alone: boolean;
  line: DocLine;
}

// A team label where names follow: after it a bracketed remark (签字), an English half, then a colon or a gap
// (or the names straight after the English half: 审核组成员Members郑玉敏).
const PLACE = new RegExp(
  `(${alternation(TEAM_LINE_WORDS.places)})\\s*(?:[（(][^）)]{0,8}[）)])?\\s*(?:[A-Za-z][A-Za-z .]{0,20}?)?(\\s*[:：]\\s*|[\\s\\t]+|(?<=[A-Za-z.])(?=[\\u4e00-\\u9fa5]))`,
  "g",
);
const PLEDGE = new RegExp(`${alternation(SIGNING_WORDS.pledge)}|\\s`, "g");
const NEEDS_COLON: readonly string[] = TEAM_LINE_WORDS.placesNeedingColon;

/** Names written under team labels, each with its characters' confidences and the label's role. */
export function teamPlaceMentions(lines: readonly DocLine[]): Mention[] {
  const out: Mention[] = [];
  for (const line of lines) {
    const text = line.text;
    const starts = [...text.matchAll(PLACE)].filter((m) => {
      const before = text.slice(0, m.index).replace(PLEDGE, "");
      const colon = /[:：]/.test(m[2]!);
      return colon || (before === "" && !NEEDS_COLON.includes(m[1]!));
    });
    starts.forEach((m, k) => {
      const from = m.index + m[0].length;
      const to = starts[k + 1]?.index ?? text.length;
      const tokens = [...text.slice(from, to).matchAll(/[^、，,；;\s\t]+/g)]
        .map((t) => ({ at: from + t.index, word: t[0] }))
        // Names compared here are Chinese; an English label half (Team leader, Members) is no name.
        .filter((t) => /^[\u4e00-\u9fa5·]+$/.test(t.word) && looksLikeName(t.word));
      const role = roleOf(m[1]!);
      for (const t of tokens) {
        out.push({
          chars: [...t.word],
          confs: [...t.word].map((_, i) => line.charConfidences[t.at + i] ?? line.confidence),
          role,
          alone: tokens.length === 1,
          line,
        });
      }
    });
  }
  return out;
}

interface Own {
  chars: string[];
  confs: number[];
}

const diffAt = (a: readonly string[], b: readonly string[]) => a.flatMap((ch, i) => (ch === b[i] ? [] : [i]));

/** Where a mention may stand for this member: same length and close enough, as the header explains. */
function fits(own: Own, m: Mention, roleLinked: boolean): number | null {
  if (m.chars.length !== own.chars.length) return null;
  const d = diffAt(own.chars, m.chars);
  if (d.length <= 1 || d.every((i) => own.confs[i]! < CLEAR) || roleLinked) return d.length;
  return null;
}

/** The table read one unclear character in excess: the mention is the reading without it, but for unclear
 * characters (the vote then settles them). */
function deletion(own: Own, m: Mention): number | null {
  if (own.chars.length < 3 || m.chars.length !== own.chars.length - 1) return null;
  let best: { k: number; d: number } | null = null;
  for (let k = 0; k < own.chars.length; k++) {
    if (own.confs[k]! >= CLEAR) continue;
    const rest = own.chars.filter((_, i) => i !== k);
    const restConfs = own.confs.filter((_, i) => i !== k);
    const d = diffAt(rest, m.chars);
    if (d.length >= rest.length - 1 || d.some((i) => restConfs[i]! >= CLEAR)) continue;
    if (!best || d.length < best.d) best = { k, d: d.length };
  }
  return best?.k ?? null;
}

/** Runs of the text (outside the member's own row and the team places) that read the name but for one unclear
 * character of the table's reading, or exactly. */
function freeMentions(own: Own, lines: readonly DocLine[], skip: Set<DocLine>): CharReading[][] {
  const L = own.chars.length;
  if (L < 3) return [];
  const out: CharReading[][] = [];
  for (const line of lines) {
    if (skip.has(line)) continue;
    const r = compactReading(line);
    for (let i = 0; i + L <= r.chars.length; i++) {
      const w = r.chars.slice(i, i + L);
      if (!w.every((c) => /[\u4e00-\u9fff]/.test(c))) continue;
      const d = diffAt(own.chars, w);
      if (d.length === 0 || (d.length === 1 && own.confs[d[0]!]! < CLEAR))
        out.push(w.map((ch, j) => ({ ch, conf: r.confs[i + j]! })));
    }
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function voteTeamNames(read: readonly ReadMember[], lines: readonly DocLine[]): TeamMember[] {
  const places = teamPlaceMentions(lines);
  const owns: Own[] = read.map((r) => {
    const chars = [...(r.member.name.value ?? "")];
    const confs = chars.map((_, i) => r.nameConfs[i] ?? r.member.name.confidence);
    return { chars, confs };
  });
  const names = owns.map((o) => o.chars.join(""));
  const holders = (role: TeamRole | null) => read.filter((r) => r.member.role.value === role).length;
  // Each place's name goes to the member it fits best; a tie between two members gives it to neither.
  const assigned = new Map<number, Mention[]>();
  // Places printing a member's name without one character the table read in excess: that character's index.
  const dropped = new Map<number, { k: number; places: Mention[] }>();
  for (const m of places) {
    const word = m.chars.join("");
    const claimedBy = names.indexOf(word);
    // A label row the member was read from is the member's own reading, not another place.
    if (claimedBy >= 0 && read[claimedBy]!.line === m.line) continue;
    const fitsOf = owns.map((own, i) => {
      if (own.chars.length === 0 || (claimedBy >= 0 && claimedBy !== i)) return null;
      const role = read[i]!.member.role.value;
      const linked = m.alone && m.role !== null && m.role === role && holders(role) === 1;
      return fits(own, m, linked);
    });
    const best = Math.min(...fitsOf.map((d) => d ?? Number.POSITIVE_INFINITY));
    const who = fitsOf.flatMap((d, i) => (d === best ? [i] : []));
    if (who.length === 1) assigned.set(who[0]!, [...(assigned.get(who[0]!) ?? []), m]);
    else if (best === Number.POSITIVE_INFINITY && claimedBy < 0) {
      const del = owns.map((own) => deletion(own, m));
      const i = del.findIndex((k) => k !== null);
      const prior = dropped.get(i);
      if (i >= 0 && del.filter((k) => k !== null).length === 1 && (!prior || prior.k === del[i]))
        dropped.set(i, { k: del[i]!, places: [...(prior?.places ?? []), m] });
    }
  }
  const skip = new Set(places.map((p) => p.line));
  const finalNames = new Set<string>();
  return read.map((r, i) => {
    let own = owns[i]!;
    const name = r.member.name;
    if (own.chars.length === 0) return r.member;
    const excess = dropped.get(i);
    const readingOf = (m: Mention) => m.chars.map((ch, j) => ({ ch, conf: m.confs[j]! }));
    const others: CharReading[][] = (assigned.get(i) ?? []).map(readingOf);
    if (excess) {
      const keep = (_: unknown, j: number) => j !== excess.k;
      own = { chars: own.chars.filter(keep), confs: own.confs.filter(keep) };
      others.push(...excess.places.map(readingOf));
    }
    others.push(...freeMentions(own, lines, new Set([...skip, r.line])));
    const votes = own.chars.map((ch, j) =>
      votePosition(
        { ch, conf: own.confs[j]! },
        others.filter((o) => o.length === own.chars.length).map((o) => o[j]!),
      ),
    );
    if (votes.some((v) => !v.readable)) return { ...r.member, name: { ...name, value: null, confidence: 0 } };
    const voted = decodePersonName(votes.map((v) => ({ ch: v.ch, conf: v.conf })));
    const value =
      voted !== name.value && (names.includes(voted) || finalNames.has(voted)) ? name.value! : voted;
    finalNames.add(value);
    const weakest = Math.min(...votes.map((v) => v.conf));
    const doubt = weakest < CLEAR ? 0.5 + 0.5 * weakest : 1;
    const changed = value !== name.value;
    return {
      ...r.member,
      name: {
        ...name,
        value,
        confidence: round(name.confidence * doubt * (changed ? 0.9 : 1)),
        method: changed ? "derived" : name.method,
      },
    };
  });
}
