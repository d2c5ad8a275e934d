/** Hand-built truth and records for scoring tests: nothing here comes from the pipeline. */
import { type Field, missingField } from "../../src/domain/field.ts";
import type { AuditRecord, Report } from "../../src/domain/record.ts";
import type { DocumentTruth, TruthFields } from "../../src/eval/truth.ts";

export function field<T>(value: T | null): Field<T> {
  return { ...missingField<T>(), value, confidence: value === null ? 0 : 0.9 };
}

export function emptyReport(): Report {
  const m = () => missingField<never>();
  return {
    reportNumber: m(),
    certificationBody: m(),
    organization: m(),
    auditType: m(),
    managementSystems: m(),
    standards: m(),
    reportDate: m(),
    auditStart: m(),
    auditEnd: m(),
    auditDays: m(),
    stage1Start: m(),
    stage1End: m(),
    stage1Days: m(),
    coverageFrom: m(),
    coverageTo: m(),
    scope: m(),
    scopeStatements: [],
    sites: m(),
    employees: m(),
    headcounts: [],
    foundedDate: m(),
    systemImplementedDate: m(),
    team: [],
    signatures: m(),
    ncMajor: m(),
    ncMinor: m(),
    ncItems: [],
    rectificationDeadline: m(),
    nextAuditDue: m(),
    evaluations: [],
    checkboxGroups: [],
    conclusion: {},
    recommendation: m(),
    sections: [],
    impossibleDates: [],
  };
}

export function record(
  report: Report | null,
  over: Partial<AuditRecord["document"]> = {},
  flags: AuditRecord["flags"] = [],
): AuditRecord {
  return {
    schemaVersion: "1",
    document: {
      id: "x",
      file: "a.pdf",
      pages: 2,
      kind: "audit_report",
      status: "ok",
      errors: [],
      ocr: { engine: "test", meanConfidence: 0.9, dpi: 150 },
      timings: { totalMs: 4000, ocrMs: 3000 },
      ...over,
    },
    report,
    flags,
  };
}

export function truthFields(over: Partial<TruthFields> = {}): TruthFields {
  return {
    reportNumber: "20647-2023-Q",
    organization: "重庆金微科技有限公司",
    certificationBody: "北京国标联合认证有限公司",
    auditType: "stage2",
    managementSystems: ["QMS"],
    standards: ["GB/T19001-2016/ISO9001:2015"],
    reportDate: "2023-11-08",
    auditStart: "2023-11-07",
    auditEnd: "2023-11-08",
    auditDays: 2,
    stage1Start: null,
    stage1End: null,
    stage1Days: null,
    coverageFrom: null,
    coverageTo: null,
    scope: "数据处理服务",
    sites: [],
    employees: 109,
    foundedDate: null,
    systemImplementedDate: null,
    ncMajor: 0,
    ncMinor: 1,
    rectificationDeadline: null,
    nextAuditDue: null,
    recommendation: null,
    conclusion: { 体系运行: "基本有效" },
    evaluations: [{ section: "3.1", result: "符合" }],
    team: [
      {
        name: "张心",
        role: "leader",
        grade: "审核员",
        registrationNo: "2021-N1QMS-3207381; 2020-N1EMS-1234567",
        technicalCodes: [],
      },
    ],
    ncItems: [{ clause: "7.3", department: "人力行政部", severity: "minor" }],
    ...over,
  };
}

export function truth(over: Partial<DocumentTruth> = {}): DocumentTruth {
  return {
    file: "a.pdf",
    kind: "audit_report",
    layout: "isc",
    fields: truthFields(),
    pages: [
      {
        page: 1,
        dpi: 150,
        width: 1240,
        height: 1754,
        rotation: 0,
        skew: 0,
        colour: false,
        jpegQuality: 50,
        text: "管理体系审核报告\n项目编号：20647-2023-Q",
      },
      {
        page: 2,
        dpi: 150,
        width: 1240,
        height: 1754,
        rotation: 180,
        skew: 0,
        colour: false,
        jpegQuality: 50,
        text: "审核组长：张心",
      },
    ],
    boxes: [
      {
        page: 2,
        bbox: [100, 100, 120, 120],
        uprightBbox: [1120, 1634, 1140, 1654],
        state: "checked",
        mark: "check",
        label: "有效",
        group: "conclusion.体系运行",
      },
      {
        page: 2,
        bbox: [200, 100, 220, 120],
        uprightBbox: [1020, 1634, 1040, 1654],
        state: "unchecked",
        mark: null,
        label: "基本有效",
        group: "conclusion.体系运行",
      },
    ],
    findings: [
      { rule: "DATE-STAGE-ORDER", severity: "high", note: "" },
      { rule: "TIME-LOW", severity: "high", note: "" },
      { rule: "CHK-CRITERIA-WITH-NC", severity: "low", note: "" },
    ],
    ...over,
  };
}
