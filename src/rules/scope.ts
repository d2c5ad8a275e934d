import { distance } from "fastest-levenshtein";
import { compact, evidenceOf, fieldsIn, finding, type RuleDef, unchecked } from "./context.ts";
import { foreignText } from "./scope-foreign.ts";

/** SCOPE family: text that belongs to another client (scope-foreign.ts), and scope statements that disagree. */

/** Punctuation and brackets differ between places and OCR reads them loosely; the words must agree. */
function normScope(s: string): string {
  // Every punctuation mark and symbol, not a list: OCR turns （ into 〈, 【, < or |.
  return compact(s).replace(/[\p{P}\p{S}|]/gu, "");
}

/** A statement in one language: its Chinese text when it has some (a bilingual cell's English gloss set aside),
 * else its Latin words. A scope and its English translation are one statement, never compared. */
function inLanguage(s: string): { lang: "zh" | "en"; text: string } {
  const han = normScope(s).replace(/[^\p{Script=Han}\d]/gu, "");
  if (han.replace(/\d/g, "").length >= 4) return { lang: "zh", text: han };
  return { lang: "en", text: normScope(s).toLowerCase() };
}

const inconsistent: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const statements = r.scopeStatements.filter((s) => s.value !== null && normScope(s.value).length > 0);
  if (statements.length === 0 && r.scope.value === null)
    return [unchecked(ctx, "认证范围一致性", ["认证范围"])];
  // The scope field is usually one of the statements; comparing it too costs nothing and catches a
  // statement the parser kept only as the field.
  const all =
    r.scope.value !== null && normScope(r.scope.value).length > 0 ? [r.scope, ...statements] : statements;
  for (const lang of ["zh", "en"] as const) {
    const same = all.map((f) => ({ f, ...inLanguage(f.value!) })).filter((x) => x.lang === lang && x.text);
    if (same.length < 2) continue;
    const first = same[0]!;
    for (const other of same.slice(1)) {
      const similarity =
        1 - distance(first.text, other.text) / Math.max(first.text.length, other.text.length);
      if (similarity < ctx.config.scopeSimilarity) {
        return [
          finding(
            ctx,
            `报告各处的认证范围不一致：“${first.f.value}”与“${other.f.value}”`,
            evidenceOf(first.f, other.f),
            { compared: fieldsIn({ 认证范围表述一: first.f, 认证范围表述二: other.f }) },
          ),
        ];
      }
    }
  }
  return [];
};

export const scopeRules: RuleDef[] = [
  {
    id: "SCOPE-FOREIGN-TEXT",
    family: "SCOPE",
    severity: "high",
    description: "正文出现与认证范围无关的服务、产品或标准（疑似复制）",
    inputs: { fields: ["scope", "scopeStatements", "team.technicalCodes"], sections: ["narrative"] },
    check: foreignText,
  },
  {
    id: "SCOPE-INCONSISTENT",
    family: "SCOPE",
    severity: "medium",
    description: "1.5.2、二、四等处的认证范围不一致",
    inputs: { fields: ["scope", "scopeStatements"] },
    check: inconsistent,
  },
];
