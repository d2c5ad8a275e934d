import { matchForm } from "./text/chars.ts";
import type { DocLine } from "./text/lines.ts";

export type DocumentKind = "audit_report" | "not_audit_report" | "unknown";

export interface Classification {
  kind: DocumentKind;
  score: number;
  evidence: string[];
}

// 审核报告 as OCR may read it (审核报后, 审核报司): a short title line ending in 审核报 + one character.
const TITLE_POSITIVE = /审核报告|审核报.$|auditreport/i;
const TITLE_NEGATIVE: [RegExp, string][] = [
  [/审核通知|审核计划|auditplan|auditnotice|通知书/i, "audit notice/plan title"],
  [/发票|invoice|收据/i, "invoice title"],
  [/函$|尊敬的|致函|邀请函/, "letter"],
];
const BODY_CUES: [RegExp, number, string][] = [
  [/审核组成员|审核组组成|审核组/, 1, "audit team"],
  [/审核结论|审核组推荐|推荐意见|推荐认证/, 2, "conclusion/recommendation"],
  [/不符合项|不符合/, 1, "nonconformities"],
  [/审核发现|审核综述/, 1, "findings"],
  [/审核范围|认证范围/, 1, "scope"],
  [/有效性评价|运行情况/, 1, "evaluation"],
];
const BODY_NEGATIVE: [RegExp, number, string][] = [
  [/价税合计|税额|开票|纳税人识别号|发票代码/, 4, "invoice wording"],
  [/请贵单位.{0,20}(准备|安排)|拟于.{0,20}(进行|实施)审核|审核日程|审核安排/, 2, "upcoming-audit wording"],
  [/此致|敬礼/, 1, "letter wording"],
];

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
  for (const [re, why] of TITLE_NEGATIVE) {
    if (opening.some((t) => re.test(t) && !TITLE_POSITIVE.test(t))) {
      negativeTitle = true;
      score -= 4;
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
