import { z } from "zod";

import { LABELS } from "../parse/text/labels.ts";

/** The parser's synonyms for a label plus a few looser ones only worth trying when asking a model. */
function withParser(key: keyof typeof LABELS, ...extra: string[]): string[] {
  return [...new Set([...LABELS[key], ...extra])];
}

/** Bump when prompts, schemas or context selection change: it is part of the cache key. */
export const PROMPT_VERSION = "llm-assist-1";

export type FieldKind = "string" | "date" | "integer";

export const STRING_FIELDS = ["reportNumber", "organization", "certificationBody", "scope"] as const;
export const DATE_FIELDS = [
  "reportDate",
  "auditStart",
  "auditEnd",
  "foundedDate",
  "systemImplementedDate",
  "rectificationDeadline",
  "nextAuditDue",
] as const;
export const INTEGER_FIELDS = ["employees", "ncMajor", "ncMinor"] as const;

export type StringKey = (typeof STRING_FIELDS)[number];
export type DateKey = (typeof DATE_FIELDS)[number];
export type IntegerKey = (typeof INTEGER_FIELDS)[number];
export type AssistKey = StringKey | DateKey | IntegerKey;

export interface FieldSpec {
  key: AssistKey;
  kind: FieldKind;
  /** Printed labels that introduce the value; lines containing one (and a few after) are sent. */
  labels: readonly string[];
  /** Section titles to fall back on when no label is found. */
  sections: readonly string[];
  /** Fall back to the first page (the cover) when nothing else matches. */
  cover: boolean;
  /** What to extract, for the prompt. */
  ask: string;
}

/** Label vocabulary kept in step with src/parse/text/labels.ts (copied, not imported, while that module is in flux). */
const AUDIT_DATE_LABELS = [
  "第二阶段审核日期",
  "二阶段审核日期",
  "现场审核时间",
  "现场审核日期",
  "审核起止日期",
  "审核起止时间",
  "审核实施日期",
  "审核时间",
  "审核日期",
  "Audit Date",
];

export const FIELD_SPECS: readonly FieldSpec[] = [
  {
    key: "reportNumber",
    kind: "string",
    labels: withParser("reportNumber", "报告号", "编号"),
    sections: [],
    cover: true,
    ask: "审核报告编号（报告编号），按原样返回编号本身，不含标签。",
  },
  {
    key: "organization",
    kind: "string",
    labels: withParser("organization"),
    sections: ["受审核方", "组织概况", "基本信息"],
    cover: true,
    ask: "受审核组织（受审核方）的名称，按原样返回，不含标签。",
  },
  {
    key: "certificationBody",
    kind: "string",
    labels: withParser("certificationBody", "审核机构", "认证公司", "认证单位"),
    sections: [],
    cover: true,
    ask: "实施审核的认证机构名称，按原样返回，不含标签。",
  },
  {
    key: "scope",
    kind: "string",
    labels: withParser("scope", "认证覆盖范围"),
    sections: ["认证范围", "审核范围"],
    cover: false,
    ask: "认证（审核）范围的文字，按原样返回，不含标签。",
  },
  {
    key: "reportDate",
    kind: "date",
    labels: withParser("reportDate"),
    sections: [],
    cover: true,
    ask: "审核报告的日期（报告日期/编制日期），以 YYYY-MM-DD 返回。",
  },
  {
    key: "auditStart",
    kind: "date",
    labels: AUDIT_DATE_LABELS,
    sections: [],
    cover: false,
    ask: "本次现场审核的开始日期，以 YYYY-MM-DD 返回。",
  },
  {
    key: "auditEnd",
    kind: "date",
    labels: AUDIT_DATE_LABELS,
    sections: [],
    cover: false,
    ask: "本次现场审核的结束日期，以 YYYY-MM-DD 返回（如“2023年11月8日至10日”的结束日期为 2023-11-10）。",
  },
  {
    key: "employees",
    kind: "integer",
    labels: withParser("headcount", "员工总数", "职工人数", "在册人数", "从业人数"),
    sections: ["组织概况", "基本信息"],
    cover: false,
    ask: "受审核组织的员工总人数（整数）。",
  },
  {
    key: "foundedDate",
    kind: "date",
    labels: withParser("founded", "注册日期", "成立于"),
    sections: ["组织概况", "基本信息"],
    cover: false,
    ask: "受审核组织的成立日期，以 YYYY-MM-DD 返回。",
  },
  {
    key: "systemImplementedDate",
    kind: "date",
    labels: withParser("implemented", "体系运行", "体系实施", "体系建立", "试运行"),
    sections: ["组织概况", "管理体系"],
    cover: false,
    ask: "管理体系开始运行（实施）的日期，以 YYYY-MM-DD 返回。",
  },
  {
    key: "rectificationDeadline",
    kind: "date",
    labels: withParser("rectification", "整改时间", "完成整改"),
    sections: ["不符合", "纠正措施"],
    cover: false,
    ask: "不符合项整改（纠正措施）必须完成的截止日期，以 YYYY-MM-DD 返回。",
  },
  {
    key: "nextAuditDue",
    kind: "date",
    labels: withParser("nextAudit", "下次现场审核", "下一次审核", "下次监督"),
    sections: ["审核结论", "后续"],
    cover: false,
    ask: "下次审核（监督审核）应在何日期前进行，以 YYYY-MM-DD 返回。",
  },
  {
    key: "ncMajor",
    kind: "integer",
    labels: ["严重不符合", "不符合项"],
    sections: ["不符合"],
    cover: false,
    ask: "本次审核开具的严重不符合项数量（整数；文字写“无”即为 0）。",
  },
  {
    key: "ncMinor",
    kind: "integer",
    labels: ["一般不符合", "轻微不符合", "不符合项"],
    sections: ["不符合"],
    cover: false,
    ask: "本次审核开具的一般（轻微）不符合项数量（整数；文字写“无”即为 0）。",
  },
];

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const Quote = z
  .string()
  .min(1)
  .nullable()
  .describe("报告原文中包含该值的原样片段（逐字复制）；未找到时为 null");

const quoteRequired = (a: { value: unknown; quote: string | null }): boolean =>
  a.value === null || a.quote !== null;
const QUOTE_REQUIRED = { message: "quote is required when value is not null", path: ["quote"] };

export const StringAnswer = z
  .object({ value: z.string().min(1).describe("字段的值，不含标签").nullable(), quote: Quote })
  .refine(quoteRequired, QUOTE_REQUIRED);
export const DateAnswer = z
  .object({
    value: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .refine(isCalendarDate, { message: "not a calendar date" })
      .describe("YYYY-MM-DD")
      .nullable(),
    quote: Quote,
  })
  .refine(quoteRequired, QUOTE_REQUIRED);
export const IntegerAnswer = z
  .object({ value: z.number().int().min(0).max(10_000_000).describe("整数").nullable(), quote: Quote })
  .refine(quoteRequired, QUOTE_REQUIRED);

export type Answer = { value: string | number | null; quote: string | null };

export function answerSchema(kind: FieldKind): z.ZodType<Answer> {
  if (kind === "date") return DateAnswer;
  if (kind === "integer") return IntegerAnswer;
  return StringAnswer;
}

/** Keywords some strict structured-output implementations reject; zod still checks them on the reply. */
const UNSUPPORTED = new Set(["$schema", "minLength", "maxLength"]);

function sanitise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(sanitise);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => !UNSUPPORTED.has(k))
      .map(([k, v]) => [k, sanitise(v)]),
  );
}

/** JSON Schema for response_format (strict structured outputs), built from the zod answer schema. */
export function answerJsonSchema(kind: FieldKind): Record<string, unknown> {
  return sanitise(z.toJSONSchema(answerSchema(kind))) as Record<string, unknown>;
}
