import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import type { Recommendation } from "../../domain/record.ts";
import { PROSE_RECOMMENDATION, RECOMMENDATION_STATEMENT, SENTENCE_ENDS } from "../../lexicon/prose.ts";
import { BOX_IN_RUNNING_TEXT, noiseModel } from "../../noise/model.ts";
import { fieldAt } from "../provenance.ts";
import { matchForm } from "../text/chars.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation, escapeRegExp } from "../text/pattern.ts";
import { type Sentence, sentencesOf } from "../text/sentences.ts";
import { fieldInWindow } from "../text/window.ts";

/** A box as printed or as OCR reads it (the noise model's box readings, before a word): such a line lists the
 * options, it does not state one. */
const BOX_LINE = new RegExp(
  `[${noiseModel().boxGlyphClass(1)}]|(?:^|[\\s:：])[${noiseModel().boxGlyphClass(BOX_IN_RUNNING_TEXT)}](?=\\p{Script=Han})`,
  "u",
);

const S = RECOMMENDATION_STATEMENT;
const AFTER_CORRECTION = new RegExp(
  `(?:${alternation(S.afterCorrection.subjects)})[^。]{0,16}(?:${alternation(S.afterCorrection.closed)})[^。]{0,4}${S.afterCorrection.after}[^。]{0,6}${S.verb}`,
);

const STATEMENTS: readonly [RegExp, Recommendation][] = [
  [new RegExp(alternation(S.refusals)), "not_recommend"],
  [AFTER_CORRECTION, "recommend_after_correction"],
  [
    new RegExp(
      `${S.verb}(?:${alternation(S.objects)})?(?:${alternation(S.grants)})|${S.verb}(?:${alternation(S.bare)})`,
    ),
    "recommend",
  ],
];

/** After a statement: it reports what follows the recommendation. */
const FOLLOWED_BY = new RegExp(`^(?:${alternation(S.followedBy)})`);

/** The objective's question, also with a character OCR put inside it (能和否推荐). */
const QUESTION_SPLIT = new RegExp(
  PROSE_RECOMMENDATION.questions
    .map((q) => `${escapeRegExp(q.slice(0, 1))}[\\u4e00-\\u9fff]?${escapeRegExp(q.slice(1))}${S.verb}`)
    .join("|"),
);

/** The lexicon's unconditional statements (建议保持其认证注册, 予以认证注册, 同意推荐) as one more reading of "recommend". */
const PROSE_RECOMMEND = new RegExp(alternation(PROSE_RECOMMENDATION.recommend));

/** Whether a sentence (up to its statement) sets the lexicon's condition: the NCs, then verified, then 后
 * (待不符合项的纠正措施经审核组长验证有效后，推荐… / 建议在受审核方完成不符合项纠正并经验证有效后…). */
function conditional(sentence: string): boolean {
  const P = PROSE_RECOMMENDATION;
  const subject = Math.min(...P.conditionSubjects.map((w) => sentence.indexOf(w)).filter((k) => k >= 0));
  if (!Number.isFinite(subject)) return false;
  const verified = Math.min(
    ...P.conditionVerified.map((w) => sentence.indexOf(w, subject)).filter((k) => k >= 0),
  );
  return Number.isFinite(verified) && P.conditionAfter.some((w) => sentence.indexOf(w, verified) >= 0);
}

/** The words of the sentence that ends at `end` of line i: back across the lines above on its page (at most
 * three) to the last full stop. */
function sentenceUpTo(lines: readonly DocLine[], i: number, end: number): string {
  const line = lines[i]!;
  // The sentence's own full stop at the line's end is not where it starts.
  let text = line.text.slice(0, end).trimEnd();
  if (SENTENCE_ENDS.includes(text.slice(-1))) text = text.slice(0, -1);
  const stop = () => Math.max(...SENTENCE_ENDS.map((e) => text.lastIndexOf(e)));
  for (let j = i - 1; j >= Math.max(0, i - 3) && stop() < 0; j--) {
    if (lines[j]!.page !== line.page) break;
    text = lines[j]!.text + text;
  }
  return matchForm(text.slice(stop() + 1));
}

/** The objective's question, also with a character OCR put inside it (能和否推荐), or any sentence asking whether. */
function asksWhether(form: string): boolean {
  return QUESTION_SPLIT.test(form) || PROSE_RECOMMENDATION.questions.some((q) => form.includes(q));
}

interface Stated {
  value: Recommendation;
  /** Nothing but the option's words on the line. */
  optionOnly: boolean;
}

function blank(form: string, word: string | null): string {
  return word ? form.split(word).join(" ".repeat(word.length)) : form;
}

/** The head of a label word (推荐认证 of 推荐认证范围) on a line whose next line opens with the word's rest (范围):
 * the label wrapped in its cell. Null when the line does not hold such a head. */
function wrappedHead(word: string, form: string, below: string): string | null {
  for (let cut = word.length - 1; cut >= 2; cut--) {
    if (below.startsWith(word.slice(cut)) && form.includes(word.slice(0, cut))) return word.slice(0, cut);
  }
  return null;
}

function statedOn(lines: readonly DocLine[], i: number): Stated | null {
  const line = lines[i]!;
  if (BOX_LINE.test(line.text)) return null;
  // Labels holding 推荐 (推荐认证范围：) state nothing: their words are blanked, also where the label wrapped in its
  // cell and the line below goes on with the rest of it (推荐认证 <the scope> / 范围).
  const next = lines[i + 1];
  const below = next?.page === line.page ? matchForm(next.text) : "";
  const form = PROSE_RECOMMENDATION.notStatements.reduce(
    (f, w) => blank(blank(f, w), wrappedHead(w, f, below)),
    matchForm(line.text),
  );
  if (asksWhether(form)) return null;
  // …and so is any sentence asking whether (以决定是否保持认证注册).
  if (PROSE_RECOMMENDATION.questions.some((q) => sentenceUpTo(lines, i, line.text.length).includes(q)))
    return null;
  const hit =
    STATEMENTS.find(([re]) => re.test(form)) ??
    (PROSE_RECOMMEND.test(form) ? ([PROSE_RECOMMEND, "recommend"] as const) : undefined);
  if (!hit) return null;
  const m = hit[0].exec(form)!;
  // What happens after a recommendation (审核组推荐认证后，认证机构将……做出是否批准认证的决定) states none.
  if (FOLLOWED_BY.test(form.slice(m.index + m[0].length))) return null;
  const words = form.replace(/[^\u4e00-\u9fff]/g, "");
  // A condition may start on the line above (…纠 / 正措施验证后推荐认证): then the line alone reads as unconditional.
  const prev = lines[i - 1];
  const joined = prev?.page === line.page ? matchForm(prev.text.slice(-12) + line.text) : form;
  // The sentence the statement stands in ends at the statement: words after its full stop (a seal OCR read on the
  // line, 中心有) are another sentence's.
  const head = form.slice(0, m.index + m[0].length);
  const stop = Math.max(...SENTENCE_ENDS.map((e) => head.lastIndexOf(matchForm(e))));
  const sentence = stop >= 0 ? head.slice(stop + 1) : sentenceUpTo(lines, i, 0) + head;
  const afterCorrection = hit[1] === "recommend" && (AFTER_CORRECTION.test(joined) || conditional(sentence));
  // The words alone end a sentence only when it ends there and the line above ran on (审核组认为……， / 推荐再认证注册。).
  const ends = /[。.]$/.test(line.text.trim()) && prev?.page === line.page && /[，,]$/.test(prev.text.trim());
  return {
    value: afterCorrection ? "recommend_after_correction" : hit[1],
    optionOnly: !ends && words.startsWith(m[0]) && words.length - m[0].length <= 1,
  };
}

/**
 * The recommendation stated in a sentence (审核组认为……，推荐再认证注册), for reports that write it instead of
 * ticking a box. Only where every such sentence says the same. What does not count: the audit objective's question
 * (能否/是否推荐), a line of boxes listing the options, and the options printed one per line with their boxes lost
 * (推荐认证注册 / 在商定的时间内……推荐认证注册 / 不予推荐): a line of nothing but an option's words, or within two lines
 * of one or of a line naming another option. Lower confidence than a tick.
 */
export function readRecommendationText(lines: readonly DocLine[]): Field<Recommendation> {
  const stated = lines.map((_, i) => statedOn(lines, i));
  const found: { value: Recommendation; line: DocLine }[] = [];
  for (const [i, line] of lines.entries()) {
    const here = stated[i];
    if (!here || here.optionOnly) continue;
    const listed = [i - 2, i - 1, i + 1, i + 2].some((j) => {
      const near = stated[j];
      return near && lines[j]!.page === line.page && (near.optionOnly || near.value !== here.value);
    });
    if (!listed) found.push({ value: here.value, line });
  }
  const values = new Set(found.map((f) => f.value));
  if (found.length === 0) return inSentences(lines);
  if (values.size !== 1) return missingField();
  const { value, line } = found[0]!;
  return fieldAt(line, 0, line.text.length, value, 0.6);
}

/** Without a line that states it: a sentence of running text that does (a statement wrapped onto the next line,
 * 审核组推荐：不符合项整改验证有效后通过 / 认证。), where every such sentence says the same. Lower confidence still. */
function inSentences(lines: readonly DocLine[]): Field<Recommendation> {
  const P = PROSE_RECOMMENDATION;
  const found: { value: Recommendation; s: Sentence }[] = [];
  for (const s of sentencesOf(lines)) {
    if (BOX_LINE.test(s.text)) continue;
    const form = P.notStatements.reduce((f, w) => f.split(w).join(" ".repeat(w.length)), matchForm(s.text));
    if (asksWhether(form)) continue;
    // The statement is the sentence's last clause: a verb of recommending, and what is recommended at its very end
    // (…，审核组建议还将接受独立审查，最终认证结果… states nothing).
    const body = form.replace(/[。.]$/, "");
    const last = body.slice(Math.max(...P.clauseEnds.map((c) => body.lastIndexOf(c))) + 1);
    if (!P.verbs.some((w) => last.includes(w)) || !P.outcomes.some((w) => last.endsWith(w))) continue;
    // More than one clause stating something lists the options (…推荐认证注册；（）…后推荐认证注册；（）不推荐认证注册), boxes
    // unread.
    let clauses = [body];
    for (const c of P.clauseEnds) clauses = clauses.flatMap((x) => x.split(c));
    const stating = clauses.filter((x) => {
      const v = Math.min(...P.verbs.map((w) => x.indexOf(w)).filter((k) => k >= 0));
      return Number.isFinite(v) && P.outcomes.some((w) => x.indexOf(w, v) >= 0);
    });
    if (stating.length > 1) continue;
    const value: Recommendation = P.refusals.some((w) => form.includes(w))
      ? "not_recommend"
      : conditional(form)
        ? "recommend_after_correction"
        : "recommend";
    found.push({ value, s });
  }
  if (found.length === 0 || new Set(found.map((f) => f.value)).size !== 1) return missingField();
  const { value, s } = found[0]!;
  return fieldInWindow(s.win, s.start, s.end, value, 0.5);
}
