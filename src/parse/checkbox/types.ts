import type { Field } from "../../domain/field.ts";
import type { AuditType, CheckboxGroup, Recommendation } from "../../domain/record.ts";

/** Everything the report says through tick boxes, read from page marks (pixels), never from OCR glyphs. */
export interface CheckboxFields {
  checkboxGroups: CheckboxGroup[];
  /** criterion -> ticked option label; null when none or several ticked. */
  conclusion: Record<string, string | null>;
  recommendation: Field<Recommendation>;
  managementSystems: Field<string[]>;
  auditType: Field<AuditType>;
  /** Evaluation section id as printed ("3.1") -> ticked result. */
  evaluationResults: Map<string, Field<"符合" | "基本符合" | "不符合">>;
}
