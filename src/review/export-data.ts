import { stringify } from "csv-stringify/sync";
import type { Field } from "../domain/field.ts";
import type { Flag } from "../domain/flag.ts";
import type { AuditRecord } from "../domain/record.ts";
import { cellOf } from "../export/fields.ts";
import { orderRecords } from "../export/files.ts";
import { type ReportState, reportState } from "./catalog-state.ts";
import { applyCorrections, correctedField } from "./corrections.ts";
import { fingerprints } from "./fingerprint.ts";
import { type Correction, type Decision, type Note, ReviewStore } from "./store.ts";

/** What the committee decided about one report, as it appears in the JSON/JSONL exports under `review`. */
export interface ReviewBlock {
  state: ReportState;
  note: Omit<Note, "documentId"> | null;
  decisions: (Omit<Decision, "documentId"> & { current: boolean })[];
  corrections: {
    field: string;
    original: unknown;
    corrected: Field<unknown>;
    reviewer: string;
    at: string;
  }[];
  /** The flags after the report's rules ran again on the corrected values (only when corrected). */
  flagsAfterCorrection: Flag[] | null;
}

export interface ReviewExport {
  blocks: Map<string, ReviewBlock>;
  decisionRows: (string | null)[][];
  correctionRows: (string | number | null)[][];
}

export const DECISION_COLUMNS = [
  "file",
  "document_id",
  "organization",
  "fingerprint",
  "rule",
  "severity",
  "message",
  "decision",
  "reason",
  "reviewer",
  "decided_at",
  "flag_current",
] as const;

export const CORRECTION_COLUMNS = [
  "file",
  "document_id",
  "organization",
  "field",
  "original_value",
  "corrected_value",
  "reviewer",
  "corrected_at",
] as const;

const fieldValue = (f: unknown): unknown =>
  f !== null && typeof f === "object" && "value" in f ? (f as { value: unknown }).value : null;

/**
 * Decisions, notes and corrections from `<out>/review.sqlite` joined to the records: one block per
 * reviewed report, one decisions.csv row per current flag (decided or "open") and per decision whose flag
 * is gone (flag_current "no"), one corrections.csv row per corrected field. Null when nobody reviewed.
 */
export function buildReviewExport(
  records: readonly AuditRecord[],
  store: ReviewStore,
  rulesConfig?: unknown,
): ReviewExport {
  const decisions = store.decisions();
  const notes = new Map(store.notes().map((n) => [n.documentId, n]));
  const corrections = store.corrections();
  const blocks = new Map<string, ReviewBlock>();
  const decisionRows: (string | null)[][] = [];
  const correctionRows: (string | number | null)[][] = [];
  // File order, as the other sheets: the server and `export` write the same decisions.csv.
  for (const original of orderRecords(records)) {
    const id = original.document.id;
    if (blocks.has(id)) continue;
    const mine = corrections.filter((c) => c.documentId === id);
    const record = applyCorrections(original, mine, rulesConfig);
    const fps = fingerprints(record.flags);
    const decided = new Map(decisions.filter((d) => d.documentId === id).map((d) => [d.fingerprint, d]));
    const note = notes.get(id) ?? null;
    const org = record.report?.organization.value ?? null;
    const key = [original.document.file, id, org];
    record.flags.forEach((f, i) => {
      const d = decided.get(fps[i] ?? "");
      decisionRows.push([
        ...key,
        fps[i] ?? "",
        f.rule,
        f.severity,
        f.message,
        d?.action ?? "open",
        d?.reason ?? null,
        d?.reviewer ?? null,
        d?.at ?? null,
        "yes",
      ]);
    });
    const current = new Set(fps);
    for (const d of decided.values())
      if (!current.has(d.fingerprint))
        decisionRows.push([
          ...key,
          d.fingerprint,
          d.rule,
          d.severity,
          d.message,
          d.action,
          d.reason,
          d.reviewer,
          d.at,
          "no",
        ]);
    for (const c of mine)
      correctionRows.push([
        ...key,
        c.field,
        cellOf(fieldValue(c.original)),
        cellOf(c.value),
        c.reviewer,
        c.at,
      ]);
    if (!decided.size && !note && !mine.length) continue;
    blocks.set(id, {
      state: reportState(record.flags, (i) => decided.has(fps[i] ?? "")),
      note: note ? { note: note.note, reviewer: note.reviewer, at: note.at } : null,
      decisions: [...decided.values()].map(({ documentId: _, ...d }) => ({
        ...d,
        current: current.has(d.fingerprint),
      })),
      corrections: mine.map((c) => ({
        field: c.field,
        original: c.original,
        corrected: correctedField(c.original as Field<unknown>, c.value),
        reviewer: c.reviewer,
        at: c.at,
      })),
      flagsAfterCorrection: mine.length ? record.flags : null,
    });
  }
  return { blocks, decisionRows, correctionRows };
}

/** For `audit-extract export` and the end of an ingest: null when the folder has no review database. */
export function loadReviewExport(
  out: string,
  records: readonly AuditRecord[],
  rulesConfig?: unknown,
): ReviewExport | null {
  const store = ReviewStore.openIfExists(out);
  if (!store) return null;
  try {
    return buildReviewExport(records, store, rulesConfig);
  } finally {
    store.close();
  }
}

/** decisions.csv and corrections.csv, written as the other sheets are (BOM, header, formula guard). */
export function reviewSheets(exp: ReviewExport): Record<string, string> {
  const csv = (columns: readonly string[], rows: unknown[][]) =>
    stringify(rows, { bom: true, header: true, columns: [...columns], escape_formulas: true });
  return {
    "decisions.csv": csv(DECISION_COLUMNS, exp.decisionRows),
    "corrections.csv": csv(CORRECTION_COLUMNS, exp.correctionRows),
  };
}

/** For `exportAll(out, formats, reviewForExport(out))`: decisions from `<out>/review.sqlite`, or nothing
 * when nobody reviewed in this folder. */
export const reviewForExport =
  (out: string, rulesConfig?: unknown) =>
  (
    records: readonly AuditRecord[],
  ): { blocks: Map<string, ReviewBlock>; sheets: Record<string, string> } | null => {
    const exp = loadReviewExport(out, records, rulesConfig);
    return exp ? { blocks: exp.blocks, sheets: reviewSheets(exp) } : null;
  };

export type { Correction };
