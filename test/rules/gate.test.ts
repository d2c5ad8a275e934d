import { describe, expect, it } from "vitest";
import { ruleCatalogue } from "../../src/rules/registry.ts";
import { edit, findings, flagsOf, group, rep } from "./builders.ts";

/** The shared gate (rules/context.ts): a high or medium finding only on inputs read with confidence and located;
 * otherwise one low note whose `status` says nothing was verified. */

describe("the input gate", () => {
  const reportEarly = (x: Parameters<Parameters<typeof edit>[0]>[0]) => {
    x.reportDate = { ...x.reportDate, value: "2023-06-01", raw: "2023年06月01日" };
  };

  it("lets a finding through when its inputs were read and located", () => {
    const fl = flagsOf(edit(reportEarly), "DATE-REPORT-BEFORE-END");
    expect(fl).toHaveLength(1);
    expect(fl[0]).toMatchObject({ severity: "high", status: "finding", subject: null });
  });

  it("turns it into one low unchecked note when a compared value was read with low confidence", () => {
    const fl = flagsOf(
      edit((x) => {
        reportEarly(x);
        x.reportDate.confidence = 0.2;
      }),
      "DATE-REPORT-BEFORE-END",
    );
    expect(fl).toHaveLength(1);
    expect(fl[0]).toMatchObject({ severity: "low", status: "unchecked" });
    expect(fl[0]!.message).toContain("报告日期");
  });

  it("turns it into a note when a compared value has no place on the page", () => {
    const fl = flagsOf(
      edit((x) => {
        reportEarly(x);
        x.reportDate.page = null;
        x.reportDate.bbox = null;
      }),
      "DATE-REPORT-BEFORE-END",
    );
    expect(fl.map((f) => f.status)).toEqual(["unchecked"]);
  });

  it("follows a configured threshold", () => {
    const r = edit((x) => {
      reportEarly(x);
      x.reportDate.confidence = 0.4;
    });
    expect(findings(r, "DATE-REPORT-BEFORE-END")).toHaveLength(0);
    expect(findings(r, "DATE-REPORT-BEFORE-END", { minInputConfidence: 0.3 })).toHaveLength(1);
  });

  it("gives one note per rule, naming every input not read", () => {
    const r = edit((x) => {
      for (const id of ["auditMethod", "auditType"]) {
        const g = group(id, id, ["A", "B", "C"], []);
        g.options[0]!.confidence = 0.3;
        x.checkboxGroups.push(g);
      }
    });
    const fl = flagsOf(r, "CHK-NONE");
    expect(fl).toHaveLength(1);
    expect(fl[0]).toMatchObject({ severity: "low", status: "unchecked" });
    expect(fl[0]!.message).toContain("auditMethod");
    expect(fl[0]!.message).toContain("auditType");
  });
});

describe("tick groups", () => {
  it("CHK-NONE speaks only about a group whose every option was found", () => {
    const partial = edit((x) => {
      // 符合 / 基本符合 / 不符合 with 基本符合 not found: it may be the one ticked.
      x.checkboxGroups.push(group("evaluation.3.9", "3.9", ["符合", "不符合"], []));
    });
    expect(findings(partial, "CHK-NONE")).toEqual([]);
    expect(flagsOf(partial, "CHK-NONE")[0]?.status).toBe("unchecked");
    const whole = edit((x) => {
      x.checkboxGroups.push(group("evaluation.3.9", "3.9", ["符合", "基本符合", "不符合"], []));
    });
    expect(findings(whole, "CHK-NONE")[0]?.subject).toBe("evaluation.3.9");
  });

  it("CHK-MULTIPLE does not fire on a group with a doubtful box", () => {
    const r = edit((x) => {
      const g = group("auditMethod", "审核方式", ["现场审核", "远程审核"], ["现场审核", "远程审核"]);
      g.options[1]!.confidence = 0.4;
      x.checkboxGroups.push(g);
    });
    expect(findings(r, "CHK-MULTIPLE")).toEqual([]);
  });

  it("names the tick group as the subject of CHK-VS-NARRATIVE", () => {
    const r = edit((x) => {
      const g = x.checkboxGroups.find((c) => c.id === "conclusion.体系运行")!;
      for (const o of g.options) o.state = o.label === "基本有效" ? "checked" : "unchecked";
      x.conclusion.体系运行 = "基本有效";
    });
    const fl = findings(r, "CHK-VS-NARRATIVE");
    expect(fl.map((f) => f.subject)).toContain("conclusion.体系运行");
    expect(rep(r).checkboxGroups.length).toBeGreaterThan(0);
  });
});

describe("the catalogue", () => {
  it("declares the inputs of every rule", () => {
    for (const rule of ruleCatalogue()) {
      const declared = [
        ...(rule.inputs.fields ?? []),
        ...(rule.inputs.groups ?? []),
        ...(rule.inputs.sections ?? []),
      ];
      expect(declared.length, rule.id).toBeGreaterThan(0);
    }
  });
});
