/** The ground-truth file format (fixtures/<set>/<name>.truth.json), as a zod schema so the scorer
 * refuses a malformed truth instead of scoring against it. fixtures/generator/truth.ts writes it. */
import { z } from "zod";
import { Severity } from "../domain/flag.ts";
import { Bbox } from "../domain/geometry.ts";

const D = z.string().nullable();

export const TruthTeamMember = z.object({
  name: z.string(),
  role: z.enum(["leader", "member", "expert", "observer", "guide"]),
  grade: z.string().nullable(),
  registrationNo: z.string().nullable(),
  technicalCodes: z.array(z.string()),
});

export const TruthFields = z.object({
  reportNumber: D,
  organization: D,
  certificationBody: D,
  auditType: D,
  managementSystems: z.array(z.string()),
  standards: z.array(z.string()),
  reportDate: D,
  auditStart: D,
  auditEnd: D,
  auditDays: z.number().nullable(),
  stage1Start: D,
  stage1End: D,
  stage1Days: z.number().nullable(),
  coverageFrom: D,
  coverageTo: D,
  scope: D,
  sites: z.array(z.string()),
  employees: z.number().nullable(),
  foundedDate: D,
  systemImplementedDate: D,
  ncMajor: z.number().nullable(),
  ncMinor: z.number().nullable(),
  rectificationDeadline: D,
  nextAuditDue: D,
  /** 审核人日 as printed; only in truth of families that print it. */
  auditorDaysPrinted: z.number().optional(),
  recommendation: D,
  conclusion: z.record(z.string(), z.string().nullable()),
  evaluations: z.array(z.object({ section: z.string(), result: z.string().nullable() })),
  team: z.array(TruthTeamMember),
  ncItems: z.array(
    z.object({ clause: z.string(), department: z.string(), severity: z.enum(["major", "minor"]) }),
  ),
});
export type TruthFields = z.infer<typeof TruthFields>;

export const TruthPage = z.object({
  page: z.number().int().min(1),
  dpi: z.number(),
  width: z.number(),
  height: z.number(),
  rotation: z.union([z.literal(0), z.literal(180)]),
  skew: z.number(),
  colour: z.boolean(),
  jpegQuality: z.number(),
  text: z.string(),
});

export const TruthBox = z.object({
  page: z.number().int().min(1),
  bbox: Bbox,
  uprightBbox: Bbox,
  state: z.enum(["checked", "unchecked"]),
  mark: z.enum(["check", "filled", "hand", "glyph", "circle", "strike"]).nullable(),
  /** Not a square: brackets （ ） / [ ], or none (a circled option word); absent for squares. */
  frame: z.enum(["paren", "bracket", "none", "cell"]).optional(),
  glyph: z.enum(["√", "✓", "×"]).optional(),
  /** The generator's pen marks beyond `mark` (a pen ×, a faint pencil tick …), a speck, a worn frame. */
  pen: z.enum(["cross", "faint", "heavy", "scribble", "dot", "outside", "printed-x", "touch"]).optional(),
  speck: z.literal(true).optional(),
  wear: z.enum(["thin", "broken"]).optional(),
  label: z.string(),
  group: z.string(),
});

export const DocumentTruth = z.object({
  file: z.string(),
  kind: z.enum(["audit_report", "not_audit_report", "bad_input"]),
  expectedError: z.string().optional(),
  layout: z.string(),
  fields: TruthFields.nullable(),
  pages: z.array(TruthPage),
  boxes: z.array(TruthBox),
  findings: z.array(
    z.object({
      rule: z.string(),
      severity: Severity,
      note: z.string(),
      /** 1-based pages where a reviewer sees the evidence (FAMILY-CONTRACT.md); absent in older sets. */
      pages: z.array(z.number().int().min(1)).optional(),
      /** What the finding is about: tick group id, member's name, field name, clause; null for the report. */
      subject: z.string().nullable().optional(),
    }),
  ),
  ignoredRules: z.array(z.string()).optional(),
});
export type DocumentTruth = z.infer<typeof DocumentTruth>;
export type TruthBox = z.infer<typeof TruthBox>;
export type TruthFinding = DocumentTruth["findings"][number];
