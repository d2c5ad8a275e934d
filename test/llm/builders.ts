import { type Field, missingField } from "../../src/domain/field.ts";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { OcrLine, OcrPage } from "../../src/domain/ocr.ts";
import { Report } from "../../src/domain/record.ts";

/** A Report with every field missing: valid per the zod schema. */
export function emptyReport(overrides: Partial<Report> = {}): Report {
  const f = <T>() => missingField<T>("ocr");
  const report: Report = {
    reportNumber: f(),
    certificationBody: f(),
    organization: f(),
    auditType: f(),
    managementSystems: f(),
    standards: f(),
    reportDate: f(),
    auditStart: f(),
    auditEnd: f(),
    auditDays: f(),
    stage1Start: f(),
    stage1End: f(),
    stage1Days: f(),
    coverageFrom: f(),
    coverageTo: f(),
    scope: f(),
    scopeStatements: [],
    sites: f(),
    employees: f(),
    headcounts: [],
    foundedDate: f(),
    systemImplementedDate: f(),
    team: [],
    signatures: f(),
    ncMajor: f(),
    ncMinor: f(),
    ncItems: [],
    rectificationDeadline: f(),
    nextAuditDue: f(),
    evaluations: [],
    checkboxGroups: [],
    conclusion: {},
    recommendation: f(),
    sections: [],
    impossibleDates: [],
    ...overrides,
  };
  return Report.parse(report);
}

export function parsed<T>(value: T, raw: string, confidence: number, page = 1): Field<T> {
  return { value, raw, confidence, page, bbox: [100, 100, 400, 130], method: "ocr" };
}

/** One OCR line at row `row`, with one word per character (as Tesseract reads Chinese). */
export function line(text: string, row: number): OcrLine {
  const y0 = 100 + row * 50;
  const chars = [...text];
  const words = chars
    .map((ch, i) => ({ ch, i }))
    .filter(({ ch }) => ch.trim() !== "")
    .map(({ ch, i }) => ({
      text: ch,
      bbox: [100 + i * 30, y0, 100 + (i + 1) * 30, y0 + 40] as Bbox,
      confidence: 0.9,
    }));
  return { text, bbox: [100, y0, 100 + chars.length * 30, y0 + 40], confidence: 0.9, words };
}

export function page(n: number, texts: readonly string[]): OcrPage {
  const lines = texts.map((t, i) => line(t, i));
  return {
    page: n,
    source: "ocr",
    width: 2480,
    height: 3508,
    dpi: 300,
    rotation: 0,
    skew: 0,
    text: texts.join("\n"),
    lines,
    meanConfidence: 0.9,
    marks: [],
    error: null,
  };
}

/** A small two-page report: cover, then the organisation profile and findings. */
export function fixturePages(): OcrPage[] {
  return [
    page(1, [
      "管理体系审核报告",
      "报告编号：QA-2023-0917",
      "受审核方：苏州恒信精密机械有限公司",
      "认证机构：华信认证中心有限公司",
      "报告日期：2023年11月12日",
    ]),
    page(2, [
      "一、组织概况",
      "成立日期：2008年3月15日  员工人数：126人",
      "审核日期：2023年11月8日至10日",
      "二、不符合项",
      "本次审核共开具一般不符合项 2 项，严重不符合项：无",
    ]),
  ];
}
