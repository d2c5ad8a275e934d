import { describe, expect, it } from "vitest";
import { edit, f, findings, flagsOf, member } from "./builders.ts";

describe("REQ-MISSING", () => {
  it("lists everything 9.4.8 requires that is absent, in one flag", () => {
    const r = edit((x) => {
      x.certificationBody = f(null);
      x.sites = f([]);
      x.team[1] = member("李明", "member", "审核员", null);
    });
    const fl = findings(r, "REQ-MISSING");
    expect(fl).toHaveLength(1);
    expect(fl[0]!.message).toBe("报告缺少 17021-1 9.4.8 要求的内容：认证机构、李明的注册证书号");
    // The sites' label (地址) is printed in the report: not read, so a note, never "missing".
    const note = flagsOf(r, "REQ-MISSING").find((x) => x.status === "unchecked");
    expect(note?.severity).toBe("low");
    expect(note?.message).toContain("审核场所");
  });
  it("asserts nothing absent in a document OCR read poorly", () => {
    const r = edit((x) => {
      x.certificationBody = f(null);
    });
    r.document.ocr.meanConfidence = 0.4;
    expect(findings(r, "REQ-MISSING")).toEqual([]);
    expect(flagsOf(r, "REQ-MISSING")[0]?.status).toBe("unchecked");
  });
  const noObjectives = (x: Parameters<Parameters<typeof edit>[0]>[0]) => {
    x.sections = x.sections.filter((s) => s.id !== "1.2");
    x.sections = x.sections.map((s) => ({ ...s, text: s.text.replace(/审核目的/g, "") }));
    // The conclusion's row 审核目的（达到…） prints the words too.
    x.checkboxGroups = x.checkboxGroups.filter((g) => !g.label.includes("审核目的"));
  };
  it("fires when the objectives are nowhere though the part that states them (审核综述) was read", () => {
    const r = edit((x) => {
      noObjectives(x);
      x.sections.unshift({
        ...x.sections[0]!,
        id: "一",
        title: "审核综述",
        text: "审核组按计划实施了审核。",
      });
    });
    expect(findings(r, "REQ-MISSING")[0]?.message).toContain("审核目的");
  });
  it("asserts nothing absent whose part of the report was not read: a note instead", () => {
    const r = edit(noObjectives);
    expect(findings(r, "REQ-MISSING")).toEqual([]);
    const note = flagsOf(r, "REQ-MISSING")[0];
    expect(note?.status).toBe("unchecked");
    expect(note?.message).toContain("审核目的（应载明该项的部分未读出）");
  });
  it("keeps an item whose label the parser found outside the sections (cover, tables) could-not-check", () => {
    const r = edit((x) => {
      x.certificationBody = f(null);
      x.requiredPrinted = ["certificationBody"];
    });
    expect(findings(r, "REQ-MISSING")).toEqual([]);
    expect(flagsOf(r, "REQ-MISSING")[0]?.message).toContain("认证机构（已印有标签但未读出）");
  });
  it("takes a certification body's name printed without a label (letterhead) as printed", () => {
    const r = edit((x) => {
      x.certificationBody = f(null);
      x.sections.push({
        ...x.sections[0]!,
        id: "六",
        title: "声明",
        text: "中检联合认证（深圳）有限公司 编制",
      });
    });
    expect(findings(r, "REQ-MISSING")).toEqual([]);
    expect(flagsOf(r, "REQ-MISSING")[0]?.status).toBe("unchecked");
  });
  it("is quiet on a complete report, an expert without number included", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "REQ-MISSING",
      ),
    ).toEqual([]);
  });
  it("asks no recommendation of a stage-1 report (9.4.8.2: if applicable), and takes its concerns as findings", () => {
    const stage1 = (x: Parameters<Parameters<typeof edit>[0]>[0]) => {
      x.recommendation = f(null);
      const unsaid = (t: string) => t.replace(/推荐认证注册|推荐意见/g, "");
      x.sections = x.sections.map((s) => ({ ...s, title: unsaid(s.title), text: unsaid(s.text) }));
      x.checkboxGroups = [];
      x.evaluations = [];
      x.ncMajor = f(null);
      x.ncMinor = f(null);
      x.ncItems = [];
      x.sections.push({
        ...x.sections[0]!,
        id: "2",
        title: "一阶段审核发现的问题",
        text: "未提供内部审核计划。",
      });
      x.sections.push({
        ...x.sections[0]!,
        id: "3",
        title: "审核结论",
        text: "具备实施第二阶段审核的条件。",
      });
    };
    expect(findings(edit(stage1), "REQ-MISSING")[0]?.message).toContain("推荐意见");
    const r = edit((x) => {
      stage1(x);
      x.auditType = f("stage1");
    });
    expect(flagsOf(r, "REQ-MISSING")).toEqual([]);
  });
  it("does not call a printed but unparsed field missing", () => {
    const r = edit((x) => {
      x.auditStart = f(null, "2023年13月12日");
    });
    expect(flagsOf(r, "REQ-MISSING")).toEqual([]);
  });
});

describe("REQ-MISSING on tick boxes OCR did not read", () => {
  it("does not call the audit type missing when the report's words name the audit", () => {
    const r = edit((x) => {
      x.auditType = f(null);
      x.sections = [
        ...x.sections,
        { ...x.sections[0]!, id: "1.2", title: "审核目的", text: "在第一阶段审核的基础上，判断受审核方…" },
      ];
    });
    expect(
      findings(r, "REQ-MISSING")
        .map((x) => x.message)
        .join(""),
    ).not.toContain("审核类型");
  });
  it("calls the audit type missing when nothing in the report names one", () => {
    const r = edit((x) => {
      x.auditType = f(null);
      x.checkboxGroups = x.checkboxGroups.filter((g) => !/auditType|审核类型/i.test(`${g.id}${g.label}`));
      x.sections = x.sections.map((s) => ({
        ...s,
        title: s.title.replace(/阶段|初次|监督|再认证|审核类型/g, ""),
        text: s.text.replace(/阶段|初次|监督|再认证|审核类型/g, ""),
      }));
    });
    expect(findings(r, "REQ-MISSING")[0]?.message).toContain("审核类型");
  });
  it("does not call the recommendation missing when its section 审核组推荐意见 is printed", () => {
    const r = edit((x) => {
      x.recommendation = f(null);
      x.checkboxGroups = x.checkboxGroups.filter((g) => !/recommend|推荐/i.test(`${g.id}${g.label}`));
      x.sections = x.sections.map((s) => ({ ...s, text: s.text.replace(/推荐认证注册/g, "") }));
      x.sections.push({
        ...x.sections[0]!,
        id: "五",
        title: "审核组推荐意见",
        text: "审核结论：根据审核发现…",
      });
    });
    expect(
      findings(r, "REQ-MISSING")
        .map((x) => x.message)
        .join(""),
    ).not.toContain("推荐意见");
  });
});
