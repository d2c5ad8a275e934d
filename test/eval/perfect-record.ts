/** A record that states exactly what the truth says: scoring it must give a perfect score. Used to
 * check the scorer end to end (and the CLI's --records mode) without running the pipeline. */
import type { AuditRecord, Report } from "../../src/domain/record.ts";
import type { DocumentTruth } from "../../src/eval/truth.ts";
import { emptyReport, field, record } from "./helpers.ts";

export function perfectRecord(t: DocumentTruth): AuditRecord {
  const pages = t.pages.length;
  const doc = {
    file: t.file,
    pages,
    ocr: { engine: "perfect", meanConfidence: 1, dpi: t.pages[0]?.dpi ?? null },
  };
  if (t.kind === "bad_input") {
    return record(null, {
      ...doc,
      kind: "unknown",
      status: "failed",
      errors: [{ code: t.expectedError!, page: null, message: "" }],
    });
  }
  if (t.kind === "not_audit_report" || !t.fields) {
    return record(null, {
      ...doc,
      kind: "not_audit_report",
      status: "failed",
      errors: [{ code: "NOT_AUDIT_REPORT", page: null, message: "" }],
    });
  }
  const f = t.fields;
  const r: Report = emptyReport();
  const set = <K extends keyof Report>(k: K, v: unknown) => {
    (r[k] as unknown) = field(v);
  };
  for (const k of [
    "reportNumber",
    "organization",
    "certificationBody",
    "auditType",
    "reportDate",
    "auditStart",
    "auditEnd",
    "auditDays",
    "stage1Start",
    "stage1End",
    "stage1Days",
    "coverageFrom",
    "coverageTo",
    "scope",
    "employees",
    "foundedDate",
    "systemImplementedDate",
    "ncMajor",
    "ncMinor",
    "rectificationDeadline",
    "nextAuditDue",
    "recommendation",
    "managementSystems",
    "standards",
    "sites",
  ] as const) {
    set(k, f[k]);
  }
  r.conclusion = { ...f.conclusion };
  r.evaluations = f.evaluations.map((e) => ({
    section: e.section,
    title: "",
    result: field(e.result as "符合" | null),
  }));
  r.team = f.team.map((m) => ({
    name: field(m.name),
    role: field(m.role),
    grade: field(m.grade),
    registrationNo: field(m.registrationNo),
    technicalCodes: field(m.technicalCodes),
  }));
  r.ncItems = f.ncItems.map((n) => ({
    clause: field(n.clause),
    department: field(n.department),
    severity: field(n.severity),
    text: field(null),
  }));
  r.checkboxGroups = [
    {
      id: "all",
      label: "all",
      options: t.boxes.map((b) => ({
        label: b.label,
        state: b.state,
        confidence: 1,
        page: b.page,
        bbox: b.uprightBbox,
      })),
    },
  ];
  const flags = t.findings.map((x) => ({
    rule: x.rule,
    severity: x.severity,
    status: "finding" as const,
    subject: null,
    message: x.note,
    evidence: [],
  }));
  return record(r, { ...doc, kind: "audit_report", status: "ok" }, flags);
}
