/**
 * Audit types as a report writes them in words (a 审核类型 value, the report's title), ISO/IEC 17021-1's kinds:
 * stages of the initial certification, surveillance, recertification and special audits (9.5: scope extensions,
 * short-notice audits). Data only; src/parse/fields/header.ts reads it. A word names its type wherever it stands
 * (二阶段 in 第二阶段); Latin words match in any case.
 */
import type { AuditType } from "../domain/record.ts";

export const AUDIT_TYPE_WORDS: readonly { readonly type: AuditType; readonly words: readonly string[] }[] = [
  { type: "stage2", words: ["二阶段", "stage2", "stage 2"] },
  { type: "stage1", words: ["一阶段", "stage1", "stage 1"] },
  { type: "surveillance", words: ["监督", "surveillance"] },
  { type: "recertification", words: ["再认证", "复评", "换证", "recertification"] },
  { type: "initial", words: ["初次", "初审", "initial"] },
  {
    type: "special",
    words: ["特殊审核", "专项审核", "扩项", "扩大范围", "扩大认证范围", "短期通知", "special"],
  },
];
