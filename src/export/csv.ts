import path from "node:path";
import { stringify } from "csv-stringify/sync";
import type { Field } from "../domain/field.ts";
import type { Evidence, Flag } from "../domain/flag.ts";
import type { AuditRecord, NcItem, TeamMember } from "../domain/record.ts";
import {
  type CellValue,
  cellOf,
  conclusionCell,
  evaluationsCell,
  flagCounts,
  LIST_SEPARATOR,
  SCALAR_FIELDS,
  SCALAR_KEYS,
} from "./fields.ts";
import { orderRecords, writeFileAtomic } from "./files.ts";
import { outputName } from "./names.ts";

/** One column: its header and how a row fills it. Kept as data so the order is declared once and the
 * README/tests can read it (REPORT_COLUMNS etc.). */
type Column<R> = readonly [name: string, cell: (row: R) => CellValue];

/** Confidence only where there is a value: the confidence of "not found" is noise in a spreadsheet. */
const conf = (f: Field<unknown>): CellValue => (f.value === null ? null : f.confidence);

/** Columns for a Field: its value, then its confidence. */
function fieldColumns<R>(name: string, get: (row: R) => Field<unknown>): Column<R>[] {
  return [
    [name, (r) => cellOf(get(r).value)],
    [`${name}_confidence`, (r) => conf(get(r))],
  ];
}

/** Every row of every sheet starts with these, so the sheets join on file or document_id. */
function keyColumns<R extends { record: AuditRecord }>(): Column<R>[] {
  return [
    ["file", (r) => r.record.document.file],
    ["document_id", (r) => r.record.document.id],
  ];
}

const organization = (r: AuditRecord): CellValue => r.report?.organization.value ?? null;

/** A report that was not read (failed, not an audit report) has no fields; its cells stay empty. */
const MISSING: Field<unknown> = {
  value: null,
  raw: null,
  confidence: 0,
  page: null,
  bbox: null,
  method: "ocr",
};

interface ReportRow {
  record: AuditRecord;
}

const reportColumns: Column<ReportRow>[] = [
  ...keyColumns<ReportRow>(),
  ["output_name", (r) => outputName(r.record)],
  ["status", (r) => r.record.document.status],
  ["kind", (r) => r.record.document.kind],
  ["pages", (r) => r.record.document.pages],
  ["error_codes", (r) => cellOf(r.record.document.errors.map((e) => e.code))],
  ["ocr_engine", (r) => r.record.document.ocr.engine],
  ["ocr_mean_confidence", (r) => r.record.document.ocr.meanConfidence],
  ["ocr_dpi", (r) => r.record.document.ocr.dpi],
  ...SCALAR_KEYS.flatMap((k) =>
    fieldColumns<ReportRow>(SCALAR_FIELDS[k].column, (r) => (r.record.report ? r.record.report[k] : MISSING)),
  ),
  ["conclusion", (r) => conclusionCell(r.record.report)],
  ["evaluations", (r) => evaluationsCell(r.record.report)],
  ["team_size", (r) => r.record.report?.team.length ?? null],
  ["nc_items", (r) => r.record.report?.ncItems.length ?? null],
  ["flags_high", (r) => flagCounts(r.record).high],
  ["flags_medium", (r) => flagCounts(r.record).medium],
  ["flags_low", (r) => flagCounts(r.record).low],
  ["flag_rules", (r) => cellOf([...new Set(r.record.flags.map((f) => f.rule))].sort())],
];

interface MemberRow {
  record: AuditRecord;
  index: number;
  m: TeamMember;
}

const teamColumns: Column<MemberRow>[] = [
  ...keyColumns<MemberRow>(),
  ["organization", (r) => organization(r.record)],
  ["member", (r) => r.index],
  ...fieldColumns<MemberRow>("name", (r) => r.m.name),
  ...fieldColumns<MemberRow>("role", (r) => r.m.role),
  ...fieldColumns<MemberRow>("grade", (r) => r.m.grade),
  ...fieldColumns<MemberRow>("registration_no", (r) => r.m.registrationNo),
  ...fieldColumns<MemberRow>("technical_codes", (r) => r.m.technicalCodes),
  ["page", (r) => r.m.name.page],
];

interface NcRow {
  record: AuditRecord;
  index: number;
  nc: NcItem;
}

const ncColumns: Column<NcRow>[] = [
  ...keyColumns<NcRow>(),
  ["organization", (r) => organization(r.record)],
  ["nc", (r) => r.index],
  ...fieldColumns<NcRow>("severity", (r) => r.nc.severity),
  ...fieldColumns<NcRow>("clause", (r) => r.nc.clause),
  ...fieldColumns<NcRow>("department", (r) => r.nc.department),
  ...fieldColumns<NcRow>("text", (r) => r.nc.text),
  ["page", (r) => r.nc.text.page ?? r.nc.clause.page],
];

interface FlagRow {
  record: AuditRecord;
  index: number;
  flag: Flag;
}

/** Evidence lists stay aligned: one entry per evidence item, "-" where it has no page or box. */
const evidenceList = (ev: readonly Evidence[], pick: (e: Evidence) => string | null): CellValue =>
  ev.length ? ev.map((e) => pick(e) ?? "-").join(LIST_SEPARATOR) : null;

const flagColumns: Column<FlagRow>[] = [
  ...keyColumns<FlagRow>(),
  ["organization", (r) => organization(r.record)],
  ["flag", (r) => r.index],
  ["rule", (r) => r.flag.rule],
  ["severity", (r) => r.flag.severity],
  // "finding" or "unchecked" (an input was not read, nothing verified): data, not a message prefix.
  ["status", (r) => r.flag.status],
  ["subject", (r) => r.flag.subject],
  ["message", (r) => r.flag.message],
  ["evidence_pages", (r) => evidenceList(r.flag.evidence, (e) => (e.page === null ? null : String(e.page)))],
  ["evidence_bboxes", (r) => evidenceList(r.flag.evidence, (e) => e.bbox?.join(",") ?? null)],
  // Evidence texts one per line: they are OCR lines and often contain "；" themselves.
  ["evidence_text", (r) => (r.flag.evidence.length ? r.flag.evidence.map((e) => e.text).join("; ") : null)],
];

const names = <R>(cols: readonly Column<R>[]) => cols.map(([n]) => n);
export const REPORT_COLUMNS: readonly string[] = names(reportColumns);
export const TEAM_COLUMNS: readonly string[] = names(teamColumns);
export const NC_COLUMNS: readonly string[] = names(ncColumns);
export const FLAG_COLUMNS: readonly string[] = names(flagColumns);

/**
 * UTF-8 with a BOM so Excel opens Chinese correctly. Formula-looking text (=, +, -, @ first) gets a leading
 * apostrophe: cells are OCR text from untrusted documents and must not run as formulas when opened in a
 * spreadsheet. Numbers are passed as numbers, so negative numbers are left alone.
 */
export function toCsv<R>(cols: readonly Column<R>[], rows: readonly R[]): string {
  return stringify(
    rows.map((row) => cols.map(([, cell]) => cell(row))),
    { bom: true, header: true, columns: names(cols), escape_formulas: true },
  );
}

export function csvSheets(records: readonly AuditRecord[]): Record<string, string> {
  const ordered = orderRecords(records);
  const team = ordered.flatMap((record) =>
    (record.report?.team ?? []).map((m, i) => ({ record, index: i + 1, m })),
  );
  const ncs = ordered.flatMap((record) =>
    (record.report?.ncItems ?? []).map((nc, i) => ({ record, index: i + 1, nc })),
  );
  const flags = ordered.flatMap((record) => record.flags.map((flag, i) => ({ record, index: i + 1, flag })));
  return {
    "reports.csv": toCsv(
      reportColumns,
      ordered.map((record) => ({ record })),
    ),
    "team.csv": toCsv(teamColumns, team),
    "nonconformities.csv": toCsv(ncColumns, ncs),
    "flags.csv": toCsv(flagColumns, flags),
  };
}

/** `<out>/csv/{reports,team,nonconformities,flags}.csv`, plus the review's decisions.csv and
 * corrections.csv when given. Returns the paths written. */
export async function writeCsvs(
  out: string,
  records: readonly AuditRecord[],
  reviewSheets?: Readonly<Record<string, string>> | null,
): Promise<string[]> {
  const sheets = { ...csvSheets(records), ...(reviewSheets ?? {}) };
  const written: string[] = [];
  for (const [name, text] of Object.entries(sheets)) {
    const target = path.join(out, "csv", name);
    await writeFileAtomic(target, text);
    written.push(target);
  }
  return written;
}
