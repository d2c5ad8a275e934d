import { createHash } from "node:crypto";
import type { Field } from "../../src/domain/field.ts";
import type { Flag } from "../../src/domain/flag.ts";
import { AuditRecord, type Report, SCHEMA_VERSION } from "../../src/domain/record.ts";

/** A read field: value, its text, where on the page. */
export function f<T>(value: T, confidence = 0.95, page = 1, raw?: string): Field<T> {
  return {
    value,
    raw: raw ?? (Array.isArray(value) ? value.join("、") : String(value)),
    confidence,
    page,
    bbox: [100, 100, 400, 140],
    method: "ocr",
  };
}

export function none<T>(): Field<T> {
  return { value: null, raw: null, confidence: 0, page: null, bbox: null, method: "ocr" };
}

export const idOf = (seed: string) => createHash("sha256").update(seed).digest("hex");

export function report(over: Partial<Report> = {}): Report {
  return {
    reportNumber: f("QMS-2023-0815"),
    certificationBody: f("北京某某认证有限公司"),
    organization: f("杭州数据处理服务有限公司"),
    auditType: f("stage2" as const),
    managementSystems: f(["QMS"]),
    standards: f(["GB/T19001-2016/ISO9001:2015"]),
    reportDate: f("2023-11-10"),
    auditStart: f("2023-11-07"),
    auditEnd: f("2023-11-08"),
    auditDays: f(2),
    stage1Start: f("2023-11-07"),
    stage1End: f("2023-11-07"),
    stage1Days: f(0.5),
    coverageFrom: f("2023-03-10"),
    coverageTo: f("2023-11-08"),
    scope: f("数据处理服务", 0.42),
    scopeStatements: [f("数据处理服务")],
    sites: f(["杭州市西湖区文三路 1 号", "杭州市滨江区 2 号"]),
    employees: f(109),
    headcounts: [f(109)],
    foundedDate: f("2015-06-01"),
    systemImplementedDate: f("2023-03-10"),
    team: [
      {
        name: f("张三"),
        role: f("leader" as const),
        grade: f("审核员"),
        registrationNo: f("2021-N1QMS-3207381"),
        technicalCodes: f<string[]>([]),
      },
      {
        name: f("李四", 0.5),
        role: f("member" as const),
        grade: f("高级审核员"),
        registrationNo: f("2019-N2QMS-1234567; 2020-N1EMS-7654321"),
        technicalCodes: f(["33.03.01", "33.02.00"]),
      },
    ],
    signatures: f(["张三", "李四"]),
    ncMajor: f(0),
    ncMinor: f(1),
    ncItems: [
      {
        clause: f("7.1.5"),
        department: f("技术部"),
        severity: f("minor" as const),
        text: f("未能提供监视测量设备的校准记录，\n不符合标准要求。"),
      },
    ],
    rectificationDeadline: f("2023-12-08"),
    nextAuditDue: f("2024-11-07"),
    evaluations: [{ section: "3.1", title: "管理体系的策划", result: f("符合" as const) }],
    checkboxGroups: [],
    conclusion: { 审核准则的要求: "符合", 体系运行: "基本有效", 推荐: null },
    recommendation: f("recommend_after_correction" as const),
    sections: [],
    impossibleDates: [],
    ...over,
  };
}

export function flag(
  rule: string,
  severity: Flag["severity"],
  page = 1,
  bbox: Flag["evidence"][0]["bbox"] = null,
  text = "证据文字",
): Flag {
  return {
    rule,
    severity,
    status: "finding",
    subject: null,
    message: `${rule} 的说明`,
    evidence: [{ page, bbox, text }],
  };
}

export interface RecordOptions {
  file?: string;
  id?: string;
  report?: Report | null;
  flags?: Flag[];
  status?: AuditRecord["document"]["status"];
}

/** A valid record (checked against the zod schema, so tests never run on shapes the pipeline can't make). */
export function record(opts: RecordOptions = {}): AuditRecord {
  const file = opts.file ?? "report-0001.pdf";
  const r: AuditRecord = {
    schemaVersion: SCHEMA_VERSION,
    document: {
      id: opts.id ?? idOf(file),
      file,
      pages: 9,
      kind: opts.report === null ? "unknown" : "audit_report",
      status: opts.status ?? (opts.report === null ? "failed" : "ok"),
      errors: opts.report === null ? [{ code: "PDF_CORRUPT", page: null, message: "cannot read" }] : [],
      ocr: { engine: "tesseract.js 7 chi_sim", meanConfidence: 0.91, dpi: 300 },
      timings: { totalMs: 41200, ocrMs: 39800 },
    },
    report: opts.report === undefined ? report() : opts.report,
    flags: opts.flags ?? [],
  };
  return AuditRecord.parse(r);
}
