import type { Field } from "../../domain/field.ts";
import type { Bbox } from "../../domain/geometry.ts";
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
  /** Evaluation section id -> the title its graded row prints beside the number (4 组织环境、5 领导作用). */
  evaluationTitles: Map<string, string>;
  /** Each row of NC kind options (☑一般 □严重 on a 不符合项报告 form), where it is printed and what it reads. */
  ncKinds: TickRow<"major" | "minor">[];
}

export interface TickRow<T> {
  page: number;
  /** Around the row's boxes and labels. */
  bbox: Bbox;
  field: Field<T>;
}
