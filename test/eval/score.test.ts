import { describe, expect, it } from "vitest";
import type { Flag } from "../../src/domain/flag.ts";
import type { Report } from "../../src/domain/record.ts";
import { scoreBoxes } from "../../src/eval/boxes.ts";
import { characterErrorRate } from "../../src/eval/cer.ts";
import { compareFields } from "../../src/eval/fields.ts";
import { scoreFlags } from "../../src/eval/flags.ts";
import { formatDocuments, formatSummary } from "../../src/eval/print.ts";
import { compareReports } from "../../src/eval/report-file.ts";
import { scoreDocument, summarise } from "../../src/eval/score.ts";
import { emptyReport, field, record, truth, truthFields } from "./helpers.ts";

const flag = (rule: string, severity: Flag["severity"] = "high"): Flag => ({
  rule,
  severity,
  status: "finding",
  subject: null,
  message: "",
  evidence: [],
});
const outcome = (results: ReturnType<typeof compareFields>, name: string) =>
  results.filter((r) => r.field === name).map((r) => r.outcome);

describe("characterErrorRate", () => {
  it("is 0 for identical text and ignores whitespace, NFKC width and tick glyphs", () => {
    expect(characterErrorRate("审核组长：张心", "审核组长：张心").value).toBe(0);
    expect(characterErrorRate("审核组长：张心\n2023", "审核 组长:张心 ２０２３").value).toBe(0);
    expect(characterErrorRate("☑符合 □基本符合", "符合基本符合").value).toBe(0);
  });
  it("counts edits over the reference length", () => {
    const r = characterErrorRate("管理体系审核报告", "管理体系审核报吿");
    expect(r.edits).toBe(1);
    expect(r.value).toBeCloseTo(1 / 8);
    expect(characterErrorRate("abc", "").value).toBe(1);
  });
});

describe("compareFields", () => {
  it("counts a wrong value as wrong, never as missing", () => {
    const rep = emptyReport();
    rep.reportNumber = field("20647-2023-O");
    rep.organization = field(" 重庆金微科技有限公司 ");
    const r = compareFields(truthFields(), rep);
    expect(outcome(r, "reportNumber")).toEqual(["wrong"]);
    expect(outcome(r, "organization")).toEqual(["correct"]);
    expect(outcome(r, "scope")).toEqual(["missing"]);
    expect(outcome(r, "foundedDate")).toEqual(["correct"]); // null expected, null given
  });
  it("counts a value where the truth has none as spurious", () => {
    const rep = emptyReport();
    rep.foundedDate = field("2021-09-26");
    expect(outcome(compareFields(truthFields(), rep), "foundedDate")).toEqual(["spurious"]);
  });
  it("compares arrays as sets and numbers as numbers", () => {
    const rep = emptyReport();
    rep.managementSystems = field(["QMS", "QMS"]);
    rep.standards = field(["GB/T 19001-2016/ISO 9001:2015"]);
    rep.employees = field(109);
    const r = compareFields(truthFields({ managementSystems: ["QMS"] }), rep);
    expect(outcome(r, "managementSystems")).toEqual(["correct"]);
    expect(outcome(r, "standards")).toEqual(["correct"]);
    expect(outcome(r, "employees")).toEqual(["correct"]);
  });
  it("matches team members by name and compares registration numbers as a set", () => {
    const rep = emptyReport();
    rep.team = [
      {
        name: field("张心"),
        role: field("leader"),
        grade: field("高级审核员"),
        registrationNo: field("2020-N1EMS-1234567；2021-N1QMS-3207381"),
        technicalCodes: field([]),
      },
      {
        name: field("李四"),
        role: field("member"),
        grade: field("审核员"),
        registrationNo: field(null),
        technicalCodes: field(null),
      },
    ];
    const r = compareFields(truthFields(), rep);
    expect(outcome(r, "team.name")).toEqual(["correct", "spurious"]);
    expect(outcome(r, "team.grade")).toEqual(["wrong"]);
    expect(outcome(r, "team.registrationNo")).toEqual(["correct"]);
    expect(outcome(r, "team.technicalCodes")).toEqual(["correct"]);
  });
  it("pairs a member whose name was misread by registration number: a wrong name, attributes still scored", () => {
    const member = (name: string | null, reg: string | null): Report["team"][number] => ({
      name: field(name),
      role: field("leader" as const),
      grade: field("审核员"),
      registrationNo: field(reg),
      technicalCodes: field([]),
    });
    const byNumber = emptyReport();
    byNumber.team = [member("张必", "2021-N1QMS-3207381；2020-N1EMS-1234567")];
    let r = compareFields(truthFields(), byNumber);
    expect(outcome(r, "team.name")).toEqual(["wrong"]);
    expect(outcome(r, "team.grade")).toEqual(["correct"]);
    expect(outcome(r, "team.registrationNo")).toEqual(["correct"]);

    const nameless = emptyReport();
    nameless.team = [member(null, "2021-N1QMS-3207381")];
    r = compareFields(truthFields(), nameless);
    expect(outcome(r, "team.name")).toEqual(["missing"]);
    expect(outcome(r, "team.role")).toEqual(["correct"]);
    expect(outcome(r, "team.registrationNo")).toEqual(["wrong"]); // one of two numbers

    // No shared number: a name one character apart still pairs; two apart is another person.
    const near = emptyReport();
    near.team = [member("张必", null)];
    expect(outcome(compareFields(truthFields(), near), "team.name")).toEqual(["wrong"]);
    const far = emptyReport();
    far.team = [member("李四", null)];
    expect(outcome(compareFields(truthFields(), far), "team.name")).toEqual(["missing", "spurious"]);
  });
  it("scores conclusion rows, evaluation sections and NC items", () => {
    const rep = emptyReport();
    rep.conclusion = { 体系运行: "有效" };
    rep.evaluations = [{ section: "3.1", title: "", result: field("符合") }];
    rep.ncItems = [
      { clause: field("7.3"), department: field("人力行政部"), severity: field("major"), text: field(null) },
    ];
    const r = compareFields(truthFields(), rep);
    expect(outcome(r, "conclusion")).toEqual(["wrong"]);
    expect(outcome(r, "evaluations")).toEqual(["correct"]);
    expect(outcome(r, "ncItems.clause")).toEqual(["correct"]);
    expect(outcome(r, "ncItems.department")).toEqual(["correct"]);
    expect(outcome(r, "ncItems.severity")).toEqual(["wrong"]);
  });
  it("treats a missing record as all missing", () => {
    const r = compareFields(truthFields(), null);
    expect(r.some((x) => x.outcome === "wrong")).toBe(false);
    expect(outcome(r, "reportNumber")).toEqual(["missing"]);
  });
});

describe("scoreBoxes", () => {
  const opt = (
    bbox: [number, number, number, number],
    state: "checked" | "unchecked" | "unclear",
    page = 2,
  ) => ({ label: "", state, confidence: 0.9, page, bbox });
  it("matches by page and overlap, in either frame of an upside-down page, and counts unclear apart", () => {
    const rep = emptyReport();
    rep.checkboxGroups = [
      {
        id: "g",
        label: "g",
        options: [
          opt([101, 99, 121, 119], "checked"),
          opt([1020, 1634, 1040, 1654], "unclear"),
          opt([500, 500, 520, 520], "checked"),
        ],
      },
    ];
    const t = scoreBoxes(truth(), record(rep));
    expect(t).toEqual({ total: 2, correct: 1, wrong: 0, unclear: 1, notFound: 0, spurious: 1 });
  });
  it("scales truth boxes to the record's DPI and counts a wrong state", () => {
    const rep = emptyReport();
    rep.checkboxGroups = [
      {
        id: "g",
        label: "g",
        options: [opt([200, 200, 240, 240], "unchecked"), opt([400, 200, 440, 240], "unchecked", 1)],
      },
    ];
    const t = scoreBoxes(truth(), record(rep, { ocr: { engine: "t", meanConfidence: null, dpi: 300 } }));
    expect(t).toMatchObject({ correct: 0, wrong: 1, notFound: 1, spurious: 1 });
  });
});

describe("scoreFlags", () => {
  it("counts hits, misses and false alarms per rule for high and medium only", () => {
    const t = scoreFlags(
      truth(),
      record(emptyReport(), {}, [
        flag("DATE-STAGE-ORDER"),
        flag("NC-COUNT-MISMATCH"),
        flag("PII-ID-NUMBER", "low"),
        flag("CHK-CRITERIA-WITH-NC", "medium"),
      ]),
    );
    expect(t.rules).toEqual({
      "DATE-STAGE-ORDER": { tp: 1, fp: 0, fn: 0 },
      "TIME-LOW": { tp: 0, fp: 0, fn: 1 },
      "NC-COUNT-MISMATCH": { tp: 0, fp: 1, fn: 0 },
    });
    expect(t.low).toEqual({ hits: 0, other: 1, unchecked: 0 });
  });
  it("skips rules the truth marks as ignored", () => {
    const t = scoreFlags(
      truth({ ignoredRules: ["REQ-MISSING", "TIME-LOW"] }),
      record(emptyReport(), {}, [flag("REQ-MISSING")]),
    );
    expect(t.rules["REQ-MISSING"]).toBeUndefined();
    expect(t.rules["TIME-LOW"]).toBeUndefined();
  });

  const planted = (over: Partial<Flag>) => ({ ...flag("CHK-VS-NARRATIVE", "medium"), ...over });
  const chkTruth = truth({
    findings: [
      {
        rule: "CHK-VS-NARRATIVE",
        severity: "medium",
        note: "",
        pages: [3],
        subject: "conclusion.体系运行",
      },
    ],
  });
  const at = (page: number) => [{ page, bbox: null, text: "基本有效" }];

  it("hits with the right rule, a page of the finding and its subject", () => {
    const t = scoreFlags(
      chkTruth,
      record(emptyReport(), {}, [planted({ subject: "conclusion.体系运行", evidence: at(3) })]),
    );
    expect(t.rules["CHK-VS-NARRATIVE"]).toEqual({ tp: 1, fp: 0, fn: 0 });
  });
  it("counts a flag on the wrong tick group as false, and the planted finding as missed", () => {
    const t = scoreFlags(
      chkTruth,
      record(emptyReport(), {}, [planted({ subject: "conclusion.审核目的", evidence: at(3) })]),
    );
    expect(t.rules["CHK-VS-NARRATIVE"]).toEqual({ tp: 0, fp: 1, fn: 1 });
  });
  it("counts a flag whose evidence is on another page as false", () => {
    const t = scoreFlags(
      chkTruth,
      record(emptyReport(), {}, [planted({ subject: "conclusion.体系运行", evidence: at(1) })]),
    );
    expect(t.rules["CHK-VS-NARRATIVE"]).toEqual({ tp: 0, fp: 1, fn: 1 });
  });
  it("counts could-not-check notes apart, never as hits or false findings", () => {
    const note: Flag = {
      ...planted({ subject: "conclusion.体系运行", evidence: at(3) }),
      severity: "low",
      status: "unchecked",
    };
    const t = scoreFlags(chkTruth, record(emptyReport(), {}, [note]));
    expect(t.rules["CHK-VS-NARRATIVE"]).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(t.low.unchecked).toBe(1);
  });
  it("counts a second flag on a finding already hit as a repeat, not a false finding", () => {
    const hit = planted({ subject: "conclusion.体系运行", evidence: at(3) });
    const t = scoreFlags(chkTruth, record(emptyReport(), {}, [hit, { ...hit }]));
    expect(t.rules["CHK-VS-NARRATIVE"]).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(t.duplicates).toBe(1);
  });
});

describe("scoreDocument and summarise", () => {
  it("accepts bad inputs rejected with the expected code and non-reports recognised", () => {
    const bad = truth({
      file: "bad.pdf",
      kind: "bad_input",
      expectedError: "PDF_CORRUPT",
      fields: null,
      pages: [],
      boxes: [],
      findings: [],
    });
    const failed = record(null, {
      status: "failed",
      kind: "unknown",
      pages: 0,
      errors: [{ code: "PDF_CORRUPT", page: null, message: "" }],
    });
    expect(scoreDocument(bad, failed, null).handledAsExpected).toBe(true);
    expect(
      scoreDocument(
        bad,
        record(null, { status: "failed", errors: [{ code: "INPUT_EMPTY", page: null, message: "" }] }),
        null,
      ).handledAsExpected,
    ).toBe(false);
    expect(scoreDocument(bad, null, null).handledAsExpected).toBe(false);
    const other = truth({ kind: "not_audit_report", fields: null, boxes: [], findings: [] });
    expect(
      scoreDocument(other, record(null, { kind: "not_audit_report", status: "failed" }), "x")
        .handledAsExpected,
    ).toBe(true);
  });

  it("summarises CER, fields, boxes, flags and seconds per page, and compares two runs", () => {
    const rep = emptyReport();
    rep.reportNumber = field("20647-2023-Q");
    rep.scope = field("施工");
    const good = scoreDocument(
      truth(),
      record(rep, {}, [flag("DATE-STAGE-ORDER")]),
      "管理体系审核报告\n项目编号：20647-2023-Q\f审核组长：张心",
    );
    const poor = scoreDocument(truth({ file: "b.pdf" }), record(emptyReport()), null);
    const s = summarise([good, poor]);
    expect(s.cer.overall).toBe(0);
    expect(s.cer.unorderedOverall).toBe(0);
    expect(s.cer.documentsWithoutText).toBe(1);
    expect(formatSummary(s)).toContain("CER in any reading order 0.0%");
    expect(s.fields.reportNumber).toMatchObject({ correct: 1, missing: 1, wrong: 0 });
    expect(s.fields.scope).toMatchObject({ wrong: 1, missing: 1 });
    expect(s.flags["DATE-STAGE-ORDER"]).toMatchObject({ tp: 1, fn: 1, recall: 0.5, precision: 1 });
    expect(s.secondsPerPage).toBe(2);
    expect(formatDocuments([good, poor])).toContain("b.pdf");
    expect(formatSummary(s)).toContain("DATE-STAGE-ORDER");
    const old = { createdAt: "", set: "", summary: summarise([poor]), documents: [poor] };
    const now = { createdAt: "", set: "", summary: s, documents: [good, poor] };
    const diff = compareReports(old, now);
    expect(diff.some((l) => l.startsWith("flag recall"))).toBe(true);
    expect(diff).toContain("new document a.pdf");
  });
});
