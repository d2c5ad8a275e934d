import { z } from "zod";
import { fieldOf, IsoDate } from "./field.ts";
import { Flag } from "./flag.ts";
import { Bbox } from "./geometry.ts";

export const SCHEMA_VERSION = "1";

const FString = fieldOf(z.string());
const FNumber = fieldOf(z.number());
const FDate = fieldOf(IsoDate);
const FStrings = fieldOf(z.array(z.string()));

export const AuditType = z.enum([
  "stage1",
  "stage2",
  "initial",
  "surveillance",
  "recertification",
  "special",
]);
export type AuditType = z.infer<typeof AuditType>;
export const TeamRole = z.enum(["leader", "member", "expert", "observer", "guide"]);
export type TeamRole = z.infer<typeof TeamRole>;
export const NcSeverity = z.enum(["major", "minor"]);
export const EvaluationResult = z.enum(["符合", "基本符合", "不符合"]);
export const Recommendation = z.enum(["recommend", "recommend_after_correction", "not_recommend"]);
export type Recommendation = z.infer<typeof Recommendation>;
export const BoxState = z.enum(["checked", "unchecked", "unclear"]);
export type BoxState = z.infer<typeof BoxState>;

export const TeamMember = z.object({
  name: FString,
  role: fieldOf(TeamRole),
  /** 审核员, 高级审核员, 实习审核员, 技术专家 ... as printed. */
  grade: FString,
  /** One or more CCAA numbers, joined with "; " when a person holds several. */
  registrationNo: FString,
  technicalCodes: FStrings,
});
export type TeamMember = z.infer<typeof TeamMember>;

export const NcItem = z.object({
  clause: FString,
  department: FString,
  severity: fieldOf(NcSeverity),
  text: FString,
});
export type NcItem = z.infer<typeof NcItem>;

export const Evaluation = z.object({
  section: z.string(),
  title: z.string(),
  result: fieldOf(EvaluationResult),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const CheckboxOption = z.object({
  label: z.string(),
  state: BoxState,
  confidence: z.number().min(0).max(1),
  page: z.number().int().min(1),
  bbox: Bbox,
  /** The box was found in the page pixels as a square outline of box size (the layout stage). False: read beside
   * a label where no such box was found (a bracketed or hand tick, a circled word); rules do not judge it. */
  located: z.boolean().optional(),
});
export type CheckboxOption = z.infer<typeof CheckboxOption>;

export const CheckboxGroup = z.object({
  id: z.string(),
  label: z.string(),
  options: z.array(CheckboxOption),
});
export type CheckboxGroup = z.infer<typeof CheckboxGroup>;

/** A numbered part of the report with its text: what narrative rules (CHK-VS-NARRATIVE, SCOPE-FOREIGN-TEXT,
 * DATE-NARRATIVE, XDOC-COPIED-NARRATIVE) read. An extension of record.md: rules need the words, not only fields. */
/** One line of a section's text where it was read: evidence quoting a sentence points at its own line, not at the
 * section's first page. */
export const SectionLine = z.object({
  text: z.string(),
  page: z.number().int().min(1),
  bbox: Bbox,
});
export type SectionLine = z.infer<typeof SectionLine>;

export const Section = z.object({
  id: z.string(),
  title: z.string(),
  page: z.number().int().min(1).nullable(),
  bbox: Bbox.nullable(),
  text: z.string(),
  /** The lines of `text` in order, each with its page and box; absent in records written before they were kept. */
  lines: z.array(SectionLine).optional(),
});
export type Section = z.infer<typeof Section>;

export const Report = z.object({
  reportNumber: FString,
  certificationBody: FString,
  organization: FString,
  auditType: fieldOf(AuditType),
  managementSystems: FStrings,
  standards: FStrings,
  reportDate: FDate,
  auditStart: FDate,
  auditEnd: FDate,
  /** Days on site for this audit, half days (上午/下午) counted as 0.5. Derived from the printed range. */
  auditDays: FNumber,
  stage1Start: FDate,
  stage1End: FDate,
  stage1Days: FNumber,
  coverageFrom: FDate,
  coverageTo: FDate,
  scope: FString,
  /** Every place the report states its scope (1.5.2, 二, 四...), for SCOPE-INCONSISTENT. */
  scopeStatements: z.array(FString),
  sites: FStrings,
  employees: FNumber,
  /** Every headcount the report prints, for TIME-HEADCOUNT. */
  headcounts: z.array(FNumber),
  /** The audit time the report prints in auditor-days (审核人日, 合计 N 人日), for TIME-LOW and
   * TIME-DAYS-MISMATCH; absent in records written before it was read. An extension of record.md. */
  auditorDaysPrinted: FNumber.optional(),
  foundedDate: FDate,
  systemImplementedDate: FDate,
  team: z.array(TeamMember),
  /** Names found in signature places (cover, 承诺人, 审核组:), for TEAM-SIGNATURE. */
  signatures: FStrings,
  /** The roles of the team the located signature places have slots for, read from their printed labels
   * (审核组长（签字）： the leader's, 审核组成员： the members', 审核组： both), for TEAM-SIGNATURE: a block with a
   * slot for the leader alone vouches for the leader alone. null when no slot label was read or one names no
   * role. Absent in records written before it was read. An extension of record.md. */
  signatureSlots: fieldOf(z.array(TeamRole)).optional(),
  ncMajor: FNumber,
  ncMinor: FNumber,
  ncItems: z.array(NcItem),
  rectificationDeadline: FDate,
  nextAuditDue: FDate,
  evaluations: z.array(Evaluation),
  checkboxGroups: z.array(CheckboxGroup),
  /** criterion -> ticked option label; null when none or several are ticked. */
  conclusion: z.record(z.string(), z.string().nullable()),
  recommendation: fieldOf(Recommendation),
  sections: z.array(Section),
  /** The 17021-1 9.4.8 items (src/lexicon/required.ts ids) whose label or wording the parser found anywhere in the
   * document, cover and tables included: REQ-MISSING never calls these absent. Absent in older records. */
  requiredPrinted: z.array(z.string()).optional(),
  /** Dates that could not exist as printed (2023年02月30日): raw text and where. */
  impossibleDates: z.array(FString),
});
export type Report = z.infer<typeof Report>;

export const DocumentKind = z.enum(["audit_report", "not_audit_report", "unknown"]);
export type DocumentKind = z.infer<typeof DocumentKind>;
export const DocumentStatus = z.enum(["ok", "partial", "failed"]);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

export const Problem = z.object({
  code: z.string(),
  page: z.number().int().min(1).nullable(),
  message: z.string(),
});
export type Problem = z.infer<typeof Problem>;

export const DocumentInfo = z.object({
  id: z.string(),
  file: z.string(),
  pages: z.number().int().nonnegative(),
  kind: DocumentKind,
  status: DocumentStatus,
  errors: z.array(Problem),
  ocr: z.object({
    /** The OCR engine that read the pages not taken from a text layer; null when every page was. */
    engine: z.string().nullable(),
    /** Pages whose text came from the PDF's text layer, not OCR (absent when none did). */
    textLayerPages: z.array(z.number().int().min(1)).optional(),
    meanConfidence: z.number().min(0).max(1).nullable(),
    dpi: z.number().nullable(),
  }),
  timings: z.object({ totalMs: z.number(), ocrMs: z.number() }),
  /** Set only when the optional LLM assist ran: what it cost. */
  llm: z
    .object({
      model: z.string(),
      calls: z.number().int(),
      cacheHits: z.number().int(),
      promptTokens: z.number().int(),
      completionTokens: z.number().int(),
    })
    .optional(),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const AuditRecord = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  document: DocumentInfo,
  /** null unless document.kind is audit_report. */
  report: Report.nullable(),
  flags: z.array(Flag),
});
export type AuditRecord = z.infer<typeof AuditRecord>;
