import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import type { Recommendation } from "../../domain/record.ts";
import { fieldAt } from "../provenance.ts";
import { matchForm } from "../text/chars.ts";
import type { DocLine } from "../text/lines.ts";

/** A box as printed or as OCR reads it (口 回 四 … before a word): such a line lists the options, it does not
 * state one. */
const BOX_LINE = /[☑☒☐□■▢◻◼✓✔√]|(?:^|[\s:：])[口回四国图品加](?=[\u4e00-\u9fff])/;

const AFTER_CORRECTION =
  /(?:整改|纠正措施|不符合)[^。]{0,16}(?:验证|关闭|完成|有效)[^。]{0,4}后[^。]{0,6}推荐/;

const STATEMENTS: readonly [RegExp, Recommendation][] = [
  [/不予?推荐|不建议(?:认证|注册|推荐)/, "not_recommend"],
  [AFTER_CORRECTION, "recommend_after_correction"],
  [
    /推荐(?:再认证|初次认证|认证|保持认证|继续保持认证|换证)?(?:注册|资格|证书)|推荐(?:通过|认证|换证|换发证书|保持|继续保持)/,
    "recommend",
  ],
];

/**
 * The recommendation stated in a sentence (审核组认为……，推荐再认证注册), for reports that write it instead of
 * ticking a box. Only where every such sentence says the same: the audit objective asks (能否/是否推荐) and a
 * line of boxes lists the options, so neither counts. Lower confidence than a tick.
 */
export function readRecommendationText(lines: readonly DocLine[]): Field<Recommendation> {
  const found: { value: Recommendation; line: DocLine }[] = [];
  for (const [i, line] of lines.entries()) {
    if (BOX_LINE.test(line.text)) continue;
    const form = matchForm(line.text);
    if (/(?:能否|是否|可否)推荐/.test(form)) continue;
    const hit = STATEMENTS.find(([re]) => re.test(form));
    if (!hit) continue;
    // A condition may start on the line above (…纠 / 正措施验证后推荐认证): then the line alone reads as unconditional.
    const prev = lines[i - 1];
    const joined = prev?.page === line.page ? matchForm(prev.text.slice(-12) + line.text) : form;
    const conditional = hit[1] === "recommend" && AFTER_CORRECTION.test(joined);
    found.push({ value: conditional ? "recommend_after_correction" : hit[1], line });
  }
  const values = new Set(found.map((f) => f.value));
  if (values.size !== 1) return missingField();
  const { value, line } = found[0]!;
  return fieldAt(line, 0, line.text.length, value, 0.6);
}
