import { z } from "zod";
import type { Field } from "../domain/field.ts";
import type { Flag } from "../domain/flag.ts";
import { type AuditRecord, Evaluation, NcItem, Report, TeamMember } from "../domain/record.ts";
import { runRules, sortFlags } from "../rules/registry.ts";
import type { Correction } from "./store.ts";

/** Field paths as the review page names them: `organization`, `team.0.name`, `ncItems.1.clause`,
 * `evaluations.2.result`. */
const LISTS = { team: TeamMember, ncItems: NcItem, evaluations: Evaluation } as const;

/** A correction the record cannot take (unknown field, a value its type refuses): the server answers 400. */
export class CorrectionError extends Error {
  override readonly name = "CorrectionError";
  readonly code = "REVIEW_BAD_CORRECTION";
}

interface Located {
  field: Field<unknown>;
  /** The zod type of the field's value (not nullable). */
  valueType: z.ZodType;
  set: (f: Field<unknown>) => void;
}

/** The Field object behind a path, with its value type read from the record schema (so a new field in
 * the schema is correctable without listing it here). */
function valueTypeOf(objectSchema: z.ZodObject, key: string): z.ZodType | null {
  const shape = objectSchema.shape as Record<string, z.ZodType>;
  const fieldSchema = shape[key];
  if (!(fieldSchema instanceof z.ZodObject)) return null;
  const value = (fieldSchema.shape as Record<string, z.ZodType>).value;
  return value instanceof z.ZodNullable ? (value.unwrap() as z.ZodType) : null;
}

function locate(record: AuditRecord, path: string): Located | null {
  const report = record.report;
  if (!report) return null;
  const parts = path.split(".");
  const holder = report as unknown as Record<string, unknown>;
  if (parts.length === 1) {
    const key = parts[0] ?? "";
    const valueType = Object.hasOwn(Report.shape, key) ? valueTypeOf(Report, key) : null;
    if (!valueType) return null;
    return { field: holder[key] as Field<unknown>, valueType, set: (f) => (holder[key] = f) };
  }
  const [list, index, key] = parts;
  if (parts.length !== 3 || list === undefined || key === undefined || !/^\d{1,4}$/.test(index ?? ""))
    return null;
  if (!Object.hasOwn(LISTS, list)) return null;
  const itemSchema = LISTS[list as keyof typeof LISTS] as z.ZodObject;
  const items = holder[list] as Record<string, unknown>[];
  const item = items[Number(index)];
  const valueType = Object.hasOwn(itemSchema.shape, key) ? valueTypeOf(itemSchema, key) : null;
  if (!item || !valueType) return null;
  return { field: item[key] as Field<unknown>, valueType, set: (f) => (item[key] = f) };
}

/** The reviewer types text; the schema says what it becomes: a number, a list ("; " or "、"), an enum
 * value, an ISO date, or text. Empty means "not in the report" (null). */
export function parseCorrection(record: AuditRecord, path: string, text: string | null): unknown {
  const at = locate(record, path);
  if (!at) throw new CorrectionError(`no correctable field ${path} in this report`);
  const t = text?.trim() ?? "";
  if (t === "") return null;
  let candidate: unknown = t;
  if (at.valueType instanceof z.ZodNumber) candidate = Number(t);
  else if (at.valueType instanceof z.ZodArray)
    candidate = t
      .split(/\s*[;；、]\s*/)
      .map((s) => s.trim())
      .filter(Boolean);
  const parsed = at.valueType.safeParse(candidate);
  if (!parsed.success)
    throw new CorrectionError(
      `${path}: ${JSON.stringify(t)} is not a valid value (${parsed.error.issues[0]?.message})`,
    );
  return parsed.data;
}

/** The Field as extracted, for storing beside a new correction. */
export function originalField(record: AuditRecord, path: string): Field<unknown> {
  const at = locate(record, path);
  if (!at) throw new CorrectionError(`no correctable field ${path} in this report`);
  return at.field;
}

export const correctedField = (original: Field<unknown>, value: unknown): Field<unknown> => ({
  ...original,
  value,
  confidence: 1,
  method: "reviewer",
});

const isCross = (f: Flag) => f.rule.startsWith("XDOC-");

/**
 * The record with the reviewer's values in place (method "reviewer") and its per-record rules run again
 * on them through the rules stage's own entry point. Cross-report (XDOC) flags need the whole batch and
 * are kept as the batch left them. Without corrections the record is returned as it is.
 */
export function applyCorrections(
  record: AuditRecord,
  corrections: readonly Correction[],
  rulesConfig?: unknown,
): AuditRecord {
  if (!corrections.length || !record.report) return record;
  const copy = structuredClone(record);
  for (const c of corrections) {
    const at = locate(copy, c.field);
    if (at) at.set(correctedField(at.field, c.value));
  }
  copy.flags = sortFlags([...runRules(copy, rulesConfig), ...record.flags.filter(isCross)]);
  return copy;
}
