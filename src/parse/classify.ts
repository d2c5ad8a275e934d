import {
  type Cue,
  OTHER_CUES,
  OTHER_TITLES,
  PHRASE_GAP,
  REPORT_CUES,
  REPORT_TITLE_HEADS,
  REPORT_TITLE_WORDS,
} from "../lexicon/documents.ts";
import { matchForm } from "./text/chars.ts";
import type { DocLine } from "./text/lines.ts";
import { alternation, escapeRegExp } from "./text/pattern.ts";

export type DocumentKind = "audit_report" | "not_audit_report" | "unknown";

export interface Classification {
  kind: DocumentKind;
  score: number;
  evidence: string[];
}

const TITLE_POSITIVE = new RegExp(
  `${alternation(REPORT_TITLE_WORDS)}|(?:${alternation(REPORT_TITLE_HEADS)}).$`,
  "i",
);

/** A title line (in match form) that names an audit report, its last character perhaps misread. */
export const isReportTitle = (form: string): boolean => TITLE_POSITIVE.test(form);

function cuePattern(cue: Cue): RegExp {
  const parts = [alternation(cue.words)];
  if (cue.endings?.length) parts.push(`(?:${alternation(cue.endings)})$`);
  for (const p of cue.phrases ?? [])
    parts.push(`${escapeRegExp(p.first)}.{0,${PHRASE_GAP}}(?:${alternation(p.later)})`);
  return new RegExp(parts.join("|"), "i");
}

const compiled = (cues: readonly Cue[]): [RegExp, number, string][] =>
  cues.map((c) => [cuePattern(c), c.weight, c.why]);
const TITLE_NEGATIVE = compiled(OTHER_TITLES);
const BODY_CUES = compiled(REPORT_CUES);
const BODY_NEGATIVE = compiled(OTHER_CUES);

/** Audit report or not, from evidence: a title, report sections, a team table; against titles and wording
 * of notices, plans, invoices and letters. */
export function classify(lines: readonly DocLine[], hasTeamTable: boolean): Classification {
  if (lines.length === 0) return { kind: "unknown", score: 0, evidence: ["no text"] };
  const evidence: string[] = [];
  let score = 0;
  const firstPage = lines[0]!.page;
  const titles = lines
    .filter((l) => l.page <= firstPage + 1)
    .map((l) => matchForm(l.text))
    .filter((t) => t.length <= 30);
  const positiveTitle = titles.some((t) => TITLE_POSITIVE.test(t));
  if (positiveTitle) {
    score += 4;
    evidence.push("title 审核报告");
  }
  let negativeTitle = false;
  const opening = lines
    .filter((l) => l.page === firstPage)
    .slice(0, 12)
    .map((l) => matchForm(l.text));
  for (const [re, weight, why] of TITLE_NEGATIVE) {
    if (opening.some((t) => re.test(t) && !TITLE_POSITIVE.test(t))) {
      negativeTitle = true;
      score -= weight;
      evidence.push(why);
    }
  }
  const all = lines.map((l) => matchForm(l.text)).join("\n");
  for (const [re, w, why] of BODY_CUES) {
    if (re.test(all)) {
      score += w;
      evidence.push(why);
    }
  }
  for (const [re, w, why] of BODY_NEGATIVE) {
    if (re.test(all)) {
      score -= w;
      evidence.push(why);
    }
  }
  if (hasTeamTable) {
    score += 2;
    evidence.push("team table");
  }
  if (negativeTitle && !positiveTitle) return { kind: "not_audit_report", score, evidence };
  if (score >= 5) return { kind: "audit_report", score, evidence };
  if (score <= 2) return { kind: "not_audit_report", score, evidence };
  return { kind: "unknown", score, evidence };
}
