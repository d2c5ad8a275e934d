import { type Field, missingField } from "../domain/field.ts";
import type { OcrPage } from "../domain/ocr.ts";
import { type Problem, Report } from "../domain/record.ts";
import { type CheckboxFields, readCheckboxFields } from "./checkbox/index.ts";
import { classify, type DocumentKind } from "./classify.ts";
import { readAuditorDays } from "./fields/auditor-days.ts";
import { mendRangesByCells } from "./fields/cell-dates.ts";
import { mendSitesByCells, mendStandardsByCells } from "./fields/cell-mend.ts";
import { type DateFields, readDates } from "./fields/dates.ts";
import { readEvaluations } from "./fields/evaluations.ts";
import { layoutPairs, layoutReaders, orLayout, type PagePair } from "./fields/from-layout.ts";
import {
  readAuditTypeText,
  readCertificationBody,
  readOrganization,
  readReportNumber,
  readStandards,
} from "./fields/header.ts";
import { dropInsertion } from "./fields/insertion-vote.ts";
import { voteCode, voteField } from "./fields/names.ts";
import { readNonconformities } from "./fields/nonconformities.ts";
import { readOrganizationFields } from "./fields/organization.ts";
import { readRecommendationText } from "./fields/recommendation.ts";
import { mendScopeRemark } from "./fields/scope-remark.ts";
import { readSignatureBlock } from "./fields/signatures.ts";
import { deriveManagementSystems } from "./fields/systems.ts";
import { readTeam } from "./fields/team.ts";
import { voteTeamNames } from "./fields/team-vote.ts";
import { districtFromSiblings, repairDivision, unknownDivision } from "./normalize/divisions.ts";
import { buildLines, type DocLine } from "./text/lines.ts";
import { requiredPrinted } from "./text/required.ts";
import { findSections } from "./text/sections.ts";

export type { DocumentKind } from "./classify.ts";

export interface ParseResult {
  kind: DocumentKind;
  report: Report | null;
  problems: Problem[];
}

/** Everything the report says in words and tables (tick boxes come from the checkbox reader). */
/** The checkbox reader is another stage: if it fails, the words are still worth having (ticks stay unknown). */
function safeTicks(pages: readonly OcrPage[], problems: Problem[]): CheckboxFields {
  try {
    return readCheckboxFields(pages);
  } catch (e) {
    problems.push({
      code: "CHECKBOX_FAILED",
      page: null,
      message: e instanceof Error ? e.message : String(e),
    });
    return {
      checkboxGroups: [],
      conclusion: {},
      recommendation: missingField("checkbox"),
      managementSystems: missingField("checkbox"),
      auditType: missingField("checkbox"),
      evaluationResults: new Map(),
      evaluationTitles: new Map(),
      ncKinds: [],
    };
  }
}

/** Addresses naming a district their city does not have are misread beyond repair: like an impossible date,
 * the value is null and the raw text stays for the reviewer. */
function dropUnknownDivisions(sites: Field<string[]>): Field<string[]> {
  const addresses = sites.value;
  if (!addresses?.some((a) => unknownDivision(a) !== null)) return sites;
  // Another site of the organisation may tell which of the city's look-alike districts was printed.
  const mended = addresses.map((a, i) =>
    unknownDivision(a) === null
      ? a
      : districtFromSiblings(
          a,
          addresses.filter((_, j) => j !== i),
        ),
  );
  if (mended.some((a) => a === null)) return { ...sites, value: null, confidence: 0 };
  return {
    ...sites,
    value: mended as string[],
    confidence: Math.round(sites.confidence * 0.8 * 1000) / 1000,
    method: "derived",
  };
}

/** Dates the line readers left unread, from the layout's label and value cells. */
function withLayoutDates(dates: DateFields, pairs: readonly PagePair[]): DateFields {
  const unread = dates.auditStart.value === null && dates.auditStart.raw === null;
  return {
    ...dates,
    reportDate: orLayout(dates.reportDate, () => layoutReaders.reportDate(pairs)),
    auditStart: unread ? layoutReaders.auditStart(pairs) : dates.auditStart,
    auditEnd: unread ? layoutReaders.auditEnd(pairs) : dates.auditEnd,
    auditDays: unread ? layoutReaders.auditDays(pairs) : dates.auditDays,
    coverageFrom: orLayout(dates.coverageFrom, () => layoutReaders.coverageFrom(pairs)),
    coverageTo: orLayout(dates.coverageTo, () => layoutReaders.coverageTo(pairs)),
  };
}

function extract(lines: readonly DocLine[], pages: readonly OcrPage[], problems: Problem[]): Report {
  const sections = findSections(lines);
  const ticks = safeTicks(pages, problems);
  const pairs = layoutPairs(pages);
  const dates = mendRangesByCells(withLayoutDates(readDates(lines), pairs), pages);
  const org = readOrganizationFields(lines, sections);
  const nc = readNonconformities(lines, ticks.ncKinds, pages);
  const signatureBlock = readSignatureBlock(lines);
  const standards = mendStandardsByCells(readStandards(lines), pairs);
  const textType = readAuditTypeText(lines);
  const auditType = ticks.auditType.value !== null ? ticks.auditType : textType;
  // A stage-1 report's own audit is stage 1: its dates are the audit's when no other audit dates are printed.
  const own =
    auditType.value === "stage1" && dates.auditStart.value === null && dates.auditStart.raw === null
      ? { auditStart: dates.stage1Start, auditEnd: dates.stage1End, auditDays: dates.stage1Days }
      : dates;
  const managementSystems =
    ticks.managementSystems.value !== null
      ? ticks.managementSystems
      : deriveManagementSystems(standards, lines);
  return {
    reportNumber: voteCode(
      orLayout(readReportNumber(lines), () => layoutReaders.reportNumber(pairs)),
      lines,
    ),
    certificationBody: voteField(readCertificationBody(lines), lines, () => 1),
    organization: dropInsertion(
      voteField(
        orLayout(readOrganization(lines), () => layoutReaders.organization(pairs)),
        lines,
        () => 1,
      ),
      lines,
    ),
    auditType,
    managementSystems,
    standards,
    reportDate: dates.reportDate,
    auditStart: own.auditStart,
    auditEnd: own.auditEnd,
    auditDays: own.auditDays,
    stage1Start: dates.stage1Start,
    stage1End: dates.stage1End,
    stage1Days: dates.stage1Days,
    coverageFrom: dates.coverageFrom,
    coverageTo: dates.coverageTo,
    scope: mendScopeRemark(
      dropInsertion(
        voteField(
          orLayout(org.scope, () => layoutReaders.scope(pairs)),
          lines,
          (n) => (n >= 12 ? 2 : 1),
        ),
        lines,
        org.scopeStatements.map((s) => s.value),
      ),
      lines,
    ),
    scopeStatements: org.scopeStatements.map((s) => mendScopeRemark(s, lines)),
    sites: dropUnknownDivisions(
      voteField(mendSitesByCells(org.sites, pairs), lines, (n) => (n >= 12 ? 2 : 1), repairDivision),
    ),
    employees: orLayout(org.employees, () => layoutReaders.employees(pairs)),
    headcounts: org.headcounts,
    auditorDaysPrinted: readAuditorDays(lines),
    foundedDate: dates.foundedDate,
    systemImplementedDate: dates.systemImplementedDate,
    team: voteTeamNames(readTeam(lines, pages), lines),
    signatures: signatureBlock.names,
    signatureSlots: signatureBlock.slots,
    ncMajor: nc.ncMajor,
    ncMinor: nc.ncMinor,
    ncItems: nc.ncItems,
    rectificationDeadline: dates.rectificationDeadline,
    nextAuditDue: dates.nextAuditDue,
    evaluations: readEvaluations(sections, ticks.evaluationResults, ticks.evaluationTitles),
    checkboxGroups: ticks.checkboxGroups,
    conclusion: ticks.conclusion,
    recommendation:
      ticks.recommendation.value !== null
        ? ticks.recommendation
        : ticks.checkboxGroups.some((g) => g.id.startsWith("recommendation"))
          ? missingField("checkbox")
          : readRecommendationText(lines),
    sections: sections.map(({ id, title, page, bbox, text, textLines }) => ({
      id,
      title,
      page,
      bbox,
      text,
      lines: textLines,
    })),
    requiredPrinted: requiredPrinted(lines),
    impossibleDates: dates.impossibleDates,
  };
}

/** OCR pages -> classification and, for an audit report, the validated Report with provenance on every field.
 * Bad data never throws: it becomes a problem on the result. */
export function parseDocument(pages: readonly OcrPage[]): ParseResult {
  const problems: Problem[] = [];
  const lines = buildLines(pages);
  if (lines.length === 0) return { kind: "unknown", report: null, problems };
  let report: Report;
  try {
    report = extract(lines, pages, problems);
  } catch (e) {
    problems.push({ code: "PARSE_FAILED", page: null, message: e instanceof Error ? e.message : String(e) });
    return { kind: "unknown", report: null, problems };
  }
  const { kind } = classify(lines, report.team.length > 0);
  if (kind === "not_audit_report") return { kind, report: null, problems };
  const checked = Report.safeParse(report);
  if (!checked.success) {
    problems.push({ code: "PARSE_INVALID", page: null, message: checked.error.message.slice(0, 500) });
    return { kind, report: null, problems };
  }
  for (const d of report.impossibleDates) {
    problems.push({ code: "DATE_IMPOSSIBLE", page: d.page, message: `impossible date: ${d.raw ?? ""}` });
  }
  return { kind, report: checked.data, problems };
}
