/** A conclusion row printed as a question (管理体系运行是否有效 是 / 基本 / 否) read as its criterion (体系运行), with
 * the wordings of src/lexicon/questions.ts. OCR slips are allowed up to a fifth of the question's characters; a row
 * text holding a known question (a number or heading glued before it) matches too. */
import { CRITERION_QUESTIONS, type CriterionQuestion, questionForm } from "../../lexicon/questions.ts";

const MAX_SLIP = 0.2;

export function criterionOfQuestion(text: string): CriterionQuestion | null {
  const t = questionForm(text);
  if (t.length < 4) return null;
  let best: { q: CriterionQuestion; d: number } | null = null;
  for (const q of CRITERION_QUESTIONS) {
    for (const wording of q.questions) {
      const w = questionForm(wording);
      // The row text may be cut (the reader keeps its first 30 characters) or carry a prefix (1. or a heading).
      const d = t.includes(w)
        ? 0
        : Math.min(editDistance(t, w), editDistance(Array.from(t).slice(-Array.from(w).length).join(""), w));
      if (d > Math.floor(MAX_SLIP * w.length)) continue;
      if (!best || d < best.d) best = { q, d };
    }
  }
  return best?.q ?? null;
}

function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}
