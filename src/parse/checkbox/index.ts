import { missingField } from "../../domain/field.ts";
import type { OcrPage } from "../../domain/ocr.ts";
import type { CheckboxFields } from "./types.ts";

export type { CheckboxFields } from "./types.ts";

// Placeholder until box grouping lands: every tick-dependent field stays null (never guessed).
export function readCheckboxFields(_pages: readonly OcrPage[]): CheckboxFields {
  return {
    checkboxGroups: [],
    conclusion: {},
    recommendation: missingField("checkbox"),
    managementSystems: missingField("checkbox"),
    auditType: missingField("checkbox"),
    evaluationResults: new Map(),
  };
}
