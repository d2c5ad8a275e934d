import { z } from "zod";
import { Bbox } from "./geometry.ts";

export const Severity = z.enum(["high", "medium", "low"]);
export type Severity = z.infer<typeof Severity>;

export const Evidence = z.object({
  page: z.number().int().min(1).nullable(),
  bbox: Bbox.nullable(),
  text: z.string(),
});
export type Evidence = z.infer<typeof Evidence>;

export const Flag = z.object({
  rule: z.string(),
  severity: Severity,
  message: z.string(),
  evidence: z.array(Evidence),
});
export type Flag = z.infer<typeof Flag>;
