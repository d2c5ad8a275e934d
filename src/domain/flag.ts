import { z } from "zod";
import { Bbox } from "./geometry.ts";

export const Severity = z.enum(["high", "medium", "low"]);
export type Severity = z.infer<typeof Severity>;

/** "finding": the rule compared inputs that were read and located and found them inconsistent.
 * "unchecked": an input the rule compares was not read (or not read with confidence, or not located), so
 * nothing was verified; always low. Data, never inferred from the message. */
export const FlagStatus = z.enum(["finding", "unchecked"]);
export type FlagStatus = z.infer<typeof FlagStatus>;

export const Evidence = z.object({
  page: z.number().int().min(1).nullable(),
  bbox: Bbox.nullable(),
  text: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Flag = z.object({
  rule: z.string(),
  severity: Severity,
  status: FlagStatus,
  /** What the flag is about, so a reviewer (and the scorer) can tell two flags of one rule apart: the tick
   * group id (`conclusion.体系运行`, `evaluation.3.1`), the team member's name, the record field
   * (`foundedDate`), the NC clause; null when the rule speaks about the report as a whole. */
  subject: z.string().nullable(),
  message: z.string(),
  evidence: z.array(Evidence),
});
export type Flag = z.infer<typeof Flag>;
