import type { Field } from "../domain/field.ts";
import type { Report } from "../domain/record.ts";
import { compact, finding, type RuleDef, unchecked } from "./context.ts";

/** REQ-MISSING: the content ISO/IEC 17021-1 9.4.8 requires in an audit report.
 *
 * "Absent" means the report shows no trace of it: value null AND no raw text. A field whose text was read
 * but could not be normalised (raw set, value null) was printed, so it is not missing; other rules report
 * what they could not check. One flag lists everything absent, so a broken extraction gives one line, not ten. */

function absent(f: Field<unknown>): boolean {
  if (f.raw !== null && f.raw.trim() !== "") return false;
  const v = f.value;
  return v === null || (Array.isArray(v) && v.length === 0) || (typeof v === "string" && v.trim() === "");
}

function objectivesStated(report: Report): boolean {
  return report.sections.some(
    (s) => (s.id === "1.2" || `${s.title}${s.text}`.includes("审核目的")) && compact(s.text).length > 0,
  );
}

function findingsStated(report: Report): boolean {
  return (
    report.ncMajor.value !== null ||
    report.ncMinor.value !== null ||
    report.ncItems.length > 0 ||
    report.evaluations.some((e) => e.result.value !== null) ||
    // A stage-1 report states its areas of concern under a heading of its own (一阶段审核发现的问题).
    report.sections.some((s) => /发现/.test(s.title) && compact(s.text).length > 0)
  );
}

/** The recommendation is a tick box: an unread box is not an absent recommendation when its options are
 * printed (a checkbox group, the 推荐认证注册 wording, or the section that holds it: 审核组推荐意见). */
function recommendationPrinted(report: Report): boolean {
  return (
    report.checkboxGroups.some((g) => /recommend|推荐/i.test(`${g.id}${g.label}`) && g.options.length > 0) ||
    report.sections.some((s) => /推荐认证注册|推荐意见/.test(compact(`${s.title}${s.text}`)))
  );
}

/** The audit type is a tick box or a title word ((第二阶段)); OCR loses either easily. It is printed when its
 * options were found as a group, or the report's own words name the audit ("在第一阶段审核的基础上",
 * "本次监督审核"): then it was not read, which other rules report, rather than absent. */
function auditTypePrinted(report: Report): boolean {
  return (
    report.checkboxGroups.some(
      (g) => /audittype|审核类型/i.test(`${g.id}${g.label}`) && g.options.length > 0,
    ) ||
    report.sections.some((s) =>
      /[一二]阶段审核|初次认证|监督审核|再认证审核|审核类型/.test(compact(`${s.title}${s.text}`)),
    )
  );
}

export function missingRequirements(report: Report): string[] {
  const missing: string[] = [];
  const need: [string, Field<unknown>][] = [
    ["认证机构", report.certificationBody],
    ["受审核方", report.organization],
    ["审核类型", report.auditType],
    ["审核准则", report.standards],
    ["审核范围", report.scope],
    ["审核场所", report.sites],
    ["审核开始日期", report.auditStart],
    ["审核结束日期", report.auditEnd],
  ];
  for (const [name, f] of need) {
    if (f === report.auditType && auditTypePrinted(report)) continue;
    if (absent(f)) missing.push(name);
  }
  // 9.4.8.2 asks for the recommendation "if applicable": a stage-1 audit recommends nothing yet.
  const recommends = report.auditType.value !== "stage1";
  if (recommends && absent(report.recommendation) && !recommendationPrinted(report)) missing.push("推荐意见");
  if (report.sections.length > 0 && !objectivesStated(report)) missing.push("审核目的");
  const auditors = report.team.filter((m) => m.role.value === "leader" || m.role.value === "member");
  if (auditors.length === 0) missing.push("审核组");
  else if (!auditors.some((m) => m.role.value === "leader")) missing.push("审核组长");
  for (const m of auditors) {
    if (absent(m.registrationNo)) missing.push(`${m.name.value ?? "审核员"}的注册证书号`);
  }
  if (!findingsStated(report)) missing.push("审核发现");
  return missing;
}

/** The label family an item belongs to (a member's number is the 注册证书号 family). */
function familyOf(item: string, families: Record<string, readonly string[]>): readonly string[] {
  const key = Object.keys(families).find((k) => item === k || item.endsWith(k));
  return key ? (families[key] ?? []) : [];
}

/** Absence is asserted only where the document was read well and no label of the item's family appears in any
 * text the parser kept: an item whose label is printed but whose value was not read is could-not-check. */
const requiredMissing: RuleDef["check"] = (ctx) => {
  const missing = missingRequirements(ctx.report);
  if (missing.length === 0) return [];
  const doc = ctx.record.document;
  const confidence = doc.ocr.meanConfidence;
  const readWell =
    doc.status === "ok" &&
    ctx.report.sections.length > 0 &&
    (confidence === null || confidence >= ctx.config.requiredMinDocumentConfidence);
  const text = compact(
    ctx.report.sections.map((sec) => `${sec.title}\n${sec.text}`).join("\n"),
  ).toLowerCase();
  const labelled = (item: string) =>
    familyOf(item, ctx.config.lexicons.requiredLabels).some((l) => text.includes(compact(l).toLowerCase()));
  const absent = readWell ? missing.filter((m) => !labelled(m)) : [];
  const unread = missing.filter((m) => !absent.includes(m));
  const out = [];
  if (absent.length > 0)
    out.push(finding(ctx, `报告缺少 17021-1 9.4.8 要求的内容：${absent.join("、")}`, []));
  if (unread.length > 0)
    out.push(
      unchecked(
        ctx,
        readWell
          ? "17021-1 9.4.8 要求的内容（已印有标签但未读出）"
          : "17021-1 9.4.8 要求的内容（文档识别质量不足）",
        unread,
      ),
    );
  return out;
};

export const requiredRules: RuleDef[] = [
  {
    id: "REQ-MISSING",
    family: "REQ",
    severity: "high",
    description: "缺少 17021-1 9.4.8 要求的报告内容",
    inputs: {
      fields: [
        "certificationBody",
        "organization",
        "auditType",
        "standards",
        "scope",
        "sites",
        "auditStart",
        "auditEnd",
        "recommendation",
        "team",
      ],
      sections: ["1.2 审核目的", "审核发现"],
    },
    check: requiredMissing,
  },
];
