import type { Field } from "../domain/field.ts";
import type { Report } from "../domain/record.ts";
import {
  FINDINGS_TITLE_WORDS,
  REQUIRED_GROUP_WORDS,
  REQUIRED_ITEMS,
  REQUIRED_PART_TITLES,
  type RequiredItemId,
  type RequiredPart,
  requiredPatternsOf,
} from "../lexicon/required.ts";
import { compact, finding, type RuleContext, type RuleDef, unchecked } from "./context.ts";

/** REQ-MISSING: the content ISO/IEC 17021-1 9.4.8 requires in an audit report.
 *
 * An item the record lacks (value null and no raw text) is absent only when three things hold: the document was
 * read well, the part of the report that holds the item was read, and no label or wording of the item
 * (src/lexicon/required.ts) appears anywhere in the document. Otherwise the parser could not fill it, which is a
 * could-not-check note, never a finding. One flag lists everything absent, so a broken extraction gives one
 * line, not ten. */

interface Lacking {
  id: RequiredItemId;
  /** The item's name, or a member's (李明的注册证书号). */
  name: string;
}

function absent(f: Field<unknown>): boolean {
  if (f.raw !== null && f.raw.trim() !== "") return false;
  const v = f.value;
  return v === null || (Array.isArray(v) && v.length === 0) || (typeof v === "string" && v.trim() === "");
}

const titled = (report: Report, words: readonly string[]) =>
  report.sections.filter((s) => words.some((w) => s.title.includes(w)));

function objectivesStated(report: Report): boolean {
  const words = REQUIRED_ITEMS.objectives.marks;
  return report.sections.some(
    (s) => words.some((w) => `${s.title}${s.text}`.includes(w)) && compact(s.text).length > 0,
  );
}

function findingsStated(report: Report): boolean {
  return (
    report.ncMajor.value !== null ||
    report.ncMinor.value !== null ||
    report.ncItems.length > 0 ||
    report.evaluations.some((e) => e.result.value !== null) ||
    // A stage-1 report states its areas of concern under a heading of its own (一阶段审核发现的问题).
    titled(report, FINDINGS_TITLE_WORDS).some((s) => compact(s.text).length > 0)
  );
}

/** A tick group that carries the item, found with its options: its box unread is not the item absent. */
function groupPrinted(report: Report, id: RequiredItemId): boolean {
  const words = REQUIRED_GROUP_WORDS[id] ?? [];
  return report.checkboxGroups.some(
    (g) => words.some((w) => `${g.id}${g.label}`.toLowerCase().includes(w)) && g.options.length > 0,
  );
}

export function missingRequirements(report: Report): Lacking[] {
  const missing: Lacking[] = [];
  const lack = (id: RequiredItemId, name: string = REQUIRED_ITEMS[id].name) => missing.push({ id, name });
  const need: [RequiredItemId, Field<unknown>][] = [
    ["certificationBody", report.certificationBody],
    ["organization", report.organization],
    ["auditType", report.auditType],
    ["standards", report.standards],
    ["scope", report.scope],
    ["sites", report.sites],
    ["auditStart", report.auditStart],
    ["auditEnd", report.auditEnd],
  ];
  for (const [id, f] of need) if (absent(f) && !groupPrinted(report, id)) lack(id);
  // 9.4.8.2 asks for the recommendation "if applicable": a stage-1 audit recommends nothing yet.
  const recommends = report.auditType.value !== "stage1";
  if (recommends && absent(report.recommendation) && !groupPrinted(report, "recommendation"))
    lack("recommendation");
  if (report.sections.length > 0 && !objectivesStated(report)) lack("objectives");
  const auditors = report.team.filter((m) => m.role.value === "leader" || m.role.value === "member");
  if (auditors.length === 0) lack("team");
  else if (!auditors.some((m) => m.role.value === "leader")) lack("teamLeader");
  for (const m of auditors) {
    if (absent(m.registrationNo))
      lack("registrationNo", `${m.name.value ?? "审核员"}的${REQUIRED_ITEMS.registrationNo.name}`);
  }
  if (!findingsStated(report)) lack("findings");
  return missing;
}

const HEADER_FIELDS = [
  "reportNumber",
  "organization",
  "certificationBody",
  "standards",
  "scope",
  "sites",
  "auditStart",
  "reportDate",
] as const;

/** The part of the report that holds an item was read: the header when some of its fields were, a part with a
 * section of its own when a section of that title was found (the team also when members were read). */
function partRead(report: Report, part: RequiredPart): boolean {
  if (part === "header") return HEADER_FIELDS.filter((k) => report[k].value !== null).length >= 3;
  if (part === "team" && report.team.length > 0) return true;
  if (part === "findings" && report.evaluations.length > 0) return true;
  return titled(report, REQUIRED_PART_TITLES[part]).length > 0;
}

/** Where an item's words appear: anywhere in the document (the parser's `requiredPrinted`), or, for records
 * written before the parser kept that, in the sections and tick groups. */
function printedIn(ctx: RuleContext): (id: RequiredItemId) => boolean {
  const r = ctx.report;
  const anywhere = new Set(r.requiredPrinted ?? []);
  const lines = [
    ...r.sections.flatMap((s) => [s.title, ...s.text.split(/\r?\n/)]),
    ...r.checkboxGroups.flatMap((g) => [g.label, ...g.options.map((o) => o.label)]),
  ].map((l) => compact(l).toLowerCase());
  const text = lines.join("\n");
  return (id) =>
    anywhere.has(id) ||
    (ctx.config.lexicons.requiredLabels[id] ?? []).some((l) => text.includes(compact(l).toLowerCase())) ||
    requiredPatternsOf(id).some((p) => lines.some((line) => p.test(line)));
}

const requiredMissing: RuleDef["check"] = (ctx) => {
  const missing = missingRequirements(ctx.report);
  if (missing.length === 0) return [];
  const doc = ctx.record.document;
  const confidence = doc.ocr.meanConfidence;
  const readWell =
    doc.status === "ok" &&
    ctx.report.sections.length > 0 &&
    (confidence === null || confidence >= ctx.config.requiredMinDocumentConfidence);
  const printed = printedIn(ctx);
  const why = (m: Lacking): string | null => {
    if (!readWell) return "文档识别质量不足";
    if (printed(m.id)) return "已印有标签但未读出";
    if (!partRead(ctx.report, REQUIRED_ITEMS[m.id].part)) return "应载明该项的部分未读出";
    return null;
  };
  const absentItems = missing.filter((m) => why(m) === null);
  const unread = missing.flatMap((m) => {
    const reason = why(m);
    return reason === null ? [] : [`${m.name}（${reason}）`];
  });
  const out = [];
  if (absentItems.length > 0)
    out.push(
      finding(ctx, `报告缺少 17021-1 9.4.8 要求的内容：${absentItems.map((m) => m.name).join("、")}`, []),
    );
  if (unread.length > 0) out.push(unchecked(ctx, "17021-1 9.4.8 要求的内容", unread));
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
        "requiredPrinted",
      ],
      sections: ["1.2 审核目的", "审核发现"],
    },
    check: requiredMissing,
  },
];
