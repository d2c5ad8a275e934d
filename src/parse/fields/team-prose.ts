/** The team told in a sentence (prose reports), at low confidence:
 * - a role word before each name: 审核组由组长张三（高级审核员，注册号：…）、审核员李四（…）及技术专家王五（…）组成;
 *   审核组成员如下：组长张三，高级审核员，注册号…；组员李四，…;
 * - a role given to the names before it: 本次审核由张三担任审核组长（…），李四（…）、王五（…）为审核组成员.
 * A person's grade, registration numbers and codes are what is written between their name and the next person.
 * Only a sentence with a leader and a registration number in it is taken (a signature line names roles too). The
 * wording is the lexicon's (src/lexicon/prose.ts PROSE_TEAM); the auditee's guide is not a team member here, as in
 * the table readers. */
import { missingField } from "../../domain/field.ts";
import type { TeamMember, TeamRole } from "../../domain/record.ts";
import { PROSE_TEAM } from "../../lexicon/prose.ts";
import { TEAM_GRADE_WORDS } from "../../lexicon/tables.ts";
import { findTechnicalCodes } from "../normalize/codes.ts";
import { findRegistrations } from "../normalize/registration.ts";
import type { DocLine } from "../text/lines.ts";
import { type Sentence, sentencesOf } from "../text/sentences.ts";
import { fieldInWindow } from "../text/window.ts";
import type { ReadMember } from "./read-member.ts";
import { looksLikeName, roleOf } from "./team-words.ts";

const QUALITY = 0.6;
/** What stands for a bracket's content once blanked: nothing a name, a space or a colon could be. */
const BLANK = "\u0001";
const OPEN = "（(";
const CLOSE = "）)";

/** The text with every bracket's content blanked (positions kept): role words inside brackets are remarks. */
function outsideBrackets(text: string): string {
  let depth = 0;
  let out = "";
  for (const ch of text) {
    if (OPEN.includes(ch)) depth++;
    out += depth > 0 ? BLANK : ch;
    if (CLOSE.includes(ch) && depth > 0) depth--;
  }
  return out;
}

/** Spaces and blanked remarks between a name and what follows it. */
const SKIP = new RegExp(`^[\\s${BLANK}]*`);

const isHan = (ch: string | undefined) => ch !== undefined && /\p{Script=Han}/u.test(ch);

/** The name starting at `at`: Chinese characters up to anything else or a word a name runs into. */
function nameAt(text: string, at: number): { name: string; end: number } | null {
  let end = at;
  while (isHan(text[end])) end++;
  let name = text.slice(at, end);
  for (const w of PROSE_TEAM.nameEnders) {
    const k = name.indexOf(w, 2);
    if (k >= 2) name = name.slice(0, k);
  }
  end = at + name.length;
  // A word before a colon is a label (如下：), not a name.
  if (/^\s*[:：]/.test(text.slice(end)) || !looksLikeName(name) || roleOf(name) !== null) return null;
  return { name, end };
}

interface Hit {
  name: string;
  start: number;
  end: number;
  role: TeamRole;
  /** The grade the role word itself says (实习审核员李四). */
  grade: string | null;
}

const CLAUSE_ENDS: readonly string[] = PROSE_TEAM.clauseEnds;

const startsWithAny = (s: string, words: readonly string[]) => words.find((w) => s.startsWith(w)) ?? null;

/** Names after a role word, and the names joined to them (组员李四（…）、王五（…）). */
function before(flat: string, text: string): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < flat.length; i++) {
    const word = startsWithAny(flat.slice(i), PROSE_TEAM.before);
    if (!word) continue;
    const role = roleOf(word);
    let at = i + word.length;
    at += /^\s*[:：]?\s*/.exec(flat.slice(at))![0].length;
    const first = nameAt(flat, at);
    i = at - 1;
    if (!role || !first) continue;
    const grade = TEAM_GRADE_WORDS.includes(word) ? word : null;
    let next: { name: string; end: number } | null = first;
    let start = at;
    while (next) {
      hits.push({ name: next.name, start, end: next.end, role, grade });
      i = next.end - 1;
      // A joiner after the name (and its blanked remark) continues the list with the same role.
      const rest = flat.slice(next.end);
      const gap = rest.length - rest.replace(SKIP, "").length;
      const joiner = startsWithAny(rest.slice(gap), PROSE_TEAM.joiners);
      if (!joiner || startsWithAny(rest.slice(gap + joiner.length), PROSE_TEAM.before)) break;
      start = next.end + gap + joiner.length;
      next = nameAt(flat, start);
    }
  }
  return hits.filter((h) => text.slice(h.start, h.end) === h.name);
}

/** Names a role is given to after them (张三担任审核组长, 李四（…）、王五（…）为审核组成员). */
function after(flat: string): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < flat.length; i++) {
    const verb = startsWithAny(flat.slice(i), PROSE_TEAM.assign);
    if (!verb) continue;
    const at = i + verb.length;
    const filler = startsWithAny(flat.slice(at), PROSE_TEAM.assignFillers) ?? "";
    const word =
      startsWithAny(flat.slice(at), PROSE_TEAM.before) ??
      startsWithAny(flat.slice(at + filler.length), PROSE_TEAM.before);
    const role = word ? roleOf(word) : null;
    if (!role) continue;
    // The list reaches back to the clause's start, or to the word that opens it (由, 指派).
    let from = i;
    while (from > 0 && !CLAUSE_ENDS.includes(flat[from - 1]!)) from--;
    let clause = flat.slice(from, i);
    for (const w of PROSE_TEAM.listOpeners) {
      const k = clause.lastIndexOf(w);
      if (k >= 0) {
        from += k + w.length;
        clause = flat.slice(from, i);
      }
    }
    const grade = word && TEAM_GRADE_WORDS.includes(word) ? word : null;
    let cursor = from;
    let parts = [clause.split(BLANK).join("")];
    for (const j of PROSE_TEAM.joiners) parts = parts.flatMap((p) => p.split(j));
    for (const part of parts) {
      const name = part.trim();
      if (!looksLikeName(name) || roleOf(name) !== null) continue;
      const start = flat.indexOf(name, cursor);
      if (start < 0 || start >= i) continue;
      hits.push({ name, start, end: start + name.length, role, grade });
      cursor = start + name.length;
    }
  }
  return hits;
}

function membersOf(s: Sentence): ReadMember[] {
  const flat = outsideBrackets(s.text);
  const hits = [...before(flat, s.text), ...after(flat)].sort((a, b) => a.start - b.start);
  if (!hits.some((h) => h.role === "leader")) return [];
  if (findRegistrations(s.text).length === 0) return [];
  const out: ReadMember[] = [];
  hits.forEach((h, k) => {
    // The auditee's guide bounds the last member's remark but is no member.
    if (h.role === "guide" || out.some((m) => m.member.name.value === h.name)) return;
    // What is written about a person runs from their name to the next person's role word or name.
    const next = hits[k + 1];
    let until = next ? next.start : s.text.length;
    if (next) {
      const word = [...PROSE_TEAM.before, ...PROSE_TEAM.assign].find((w) =>
        s.text.slice(0, next.start).endsWith(w),
      );
      if (word) until -= word.length;
    }
    // …and ends with its clause group (李四（…）为审核组成员；组长专业代码为… is not about 李四).
    const stop = [...PROSE_TEAM.groupEnds].map((c) => flat.indexOf(c, h.end)).filter((k) => k >= 0);
    until = Math.min(until, ...stop);
    const about = s.text.slice(h.end, Math.max(h.end, until));
    const regs = findRegistrations(about).map((r) => r.value);
    const codes = findTechnicalCodes(about);
    const grade = h.grade ?? TEAM_GRADE_WORDS.find((w) => about.includes(w)) ?? null;
    const at = (i: number, j: number) => [s.start + i, s.start + j] as const;
    const [ns, ne] = at(h.start, h.end);
    const [as, ae] = at(h.end, Math.max(h.end + 1, until));
    const member: TeamMember = {
      name: fieldInWindow(s.win, ns, ne, h.name, QUALITY),
      role: fieldInWindow(s.win, ns, ne, h.role, QUALITY),
      grade: grade ? fieldInWindow(s.win, as, ae, grade, QUALITY) : missingField(),
      registrationNo: regs.length ? fieldInWindow(s.win, as, ae, regs.join("; "), QUALITY) : missingField(),
      // No code written beside a name in a sentence is not a reading of "none".
      technicalCodes: codes.length ? fieldInWindow(s.win, as, ae, codes, QUALITY) : missingField(),
    };
    const part = s.win.parts.findLast((p) => p.offset <= ns) ?? s.win.parts[0]!;
    const local = ns - part.offset;
    out.push({
      member,
      nameConfs: part.line.charConfidences.slice(local, local + h.name.length),
      line: part.line,
    });
  });
  return out;
}

/** The team from the sentence that tells the most of it (most members with a registration number). */
export function fromProse(lines: readonly DocLine[]): ReadMember[] {
  let best: ReadMember[] = [];
  let score = 0;
  for (const s of sentencesOf(lines)) {
    const team = membersOf(s);
    const n = team.filter((m) => m.member.registrationNo.value !== null).length;
    if (n > score) {
      best = team;
      score = n;
    }
  }
  return best;
}
