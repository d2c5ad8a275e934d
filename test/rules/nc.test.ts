import { describe, expect, it } from "vitest";
import { edit, f, findings, flagsOf, nc } from "./builders.ts";

describe("NC-COUNT-MISMATCH", () => {
  it("fires when the summary counts differ from the listed NCs", () => {
    const r = edit((x) => void x.ncItems.push(nc("8.5.1", "质量部", "minor")));
    expect(findings(r, "NC-COUNT-MISMATCH")[0]?.message).toBe(
      "不符合项汇总（严重 0 项、轻微 1 项）与所列不符合项（严重 0 项、轻微 2 项）不一致",
    );
  });
  it("is quiet when they agree", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "NC-COUNT-MISMATCH",
      ),
    ).toEqual([]);
  });
  it("says could not check when a listed item's clause was not read (the list read in part; tuv-stacked, seed 9630)", () => {
    // Three minors stated; the reader lost the first NC form and took the page footer for the others' text.
    const r = edit((x) => {
      x.ncMinor = f(3);
      x.ncItems = [nc(null, "人力行政部", "minor"), nc(null, "技术部", "minor")];
    });
    expect(findings(r, "NC-COUNT-MISMATCH")).toEqual([]);
    expect(flagsOf(r, "NC-COUNT-MISMATCH")[0]?.message).toContain("第 1 项不符合的条款");
  });
  it("is quiet when the NCs are only in an attached NC report", () => {
    expect(
      flagsOf(
        edit((x) => {
          x.ncItems = [];
        }),
        "NC-COUNT-MISMATCH",
      ),
    ).toEqual([]);
  });
});

describe("NC-RECOMMEND-MAJOR", () => {
  it("fires on an unconditional recommendation with a major NC", () => {
    const r = edit((x) => {
      x.ncMajor = f(1);
      x.ncItems.push(nc("8.5.1", "质量部", "major"));
      x.recommendation = f("recommend");
    });
    const [fl] = findings(r, "NC-RECOMMEND-MAJOR");
    expect(fl?.severity).toBe("high");
    expect(fl?.message).toContain("1 项严重不符合项");
  });
  it("is quiet when the recommendation waits for correction", () => {
    const r = edit((x) => {
      x.ncMajor = f(1);
      x.ncItems.push(nc("8.5.1", "质量部", "major"));
    });
    expect(flagsOf(r, "NC-RECOMMEND-MAJOR")).toEqual([]);
  });
});

describe("NC-RECOMMEND-MINOR", () => {
  it("fires on an unconditional recommendation with minor NCs", () => {
    const r = edit((x) => {
      x.recommendation = f("recommend");
    });
    expect(findings(r, "NC-RECOMMEND-MINOR")[0]?.severity).toBe("medium");
  });
  it("says ticked for a box and written for a sentence", () => {
    const ticked = edit((x) => {
      x.recommendation = f("recommend", null, "checkbox");
    });
    const written = edit((x) => {
      x.recommendation = f("recommend", null, "ocr");
    });
    expect(findings(ticked, "NC-RECOMMEND-MINOR")[0]?.message).toContain("却勾选无条件");
    expect(findings(written, "NC-RECOMMEND-MINOR")[0]?.message).toContain("却写明无条件");
  });
  it("is quiet for a recommendation after correction with only minor NCs", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "NC-RECOMMEND-MINOR",
      ),
    ).toEqual([]);
  });
  it("is quiet for an unconditional recommendation without NCs", () => {
    const r = edit((x) => {
      x.recommendation = f("recommend");
      x.ncMinor = f(0);
      x.ncItems = [];
    });
    expect(flagsOf(r, "NC-RECOMMEND-MINOR")).toEqual([]);
  });
});

describe("NC-CLAUSE", () => {
  it("fires on a clause GB/T 19001-2016 does not have", () => {
    const r = edit((x) => {
      x.ncItems = [nc("7.6", "质量部", "minor")];
    });
    expect(findings(r, "NC-CLAUSE")[0]?.message).toContain("“7.6”");
  });
  it("fires on a department named nowhere else", () => {
    const r = edit((x) => {
      x.ncItems = [nc("7.2", "采购部", "minor")];
    });
    expect(findings(r, "NC-CLAUSE")[0]?.message).toContain("采购部");
  });
  it("checks clauses against GB/T 19001 only where it is the one standard audited", () => {
    const sector = edit((x) => {
      x.standards = f(["IATF16949:2016", "ISO9001:2015"]);
      x.ncItems = [nc("8.5.1.1", "质量部", "minor")];
    });
    expect(flagsOf(sector, "NC-CLAUSE")).toEqual([]);
    const integrated = edit((x) => {
      x.managementSystems = f(["QMS", "EMS"]);
      x.standards = f(["GB/T19001-2016/ISO9001:2015", "GB/T24001-2016/ISO14001:2015"]);
      x.ncItems = [nc("6.1.4", "质量部", "minor")];
    });
    expect(flagsOf(integrated, "NC-CLAUSE")).toEqual([]);
    const qmsOnly = edit((x) => {
      x.ncItems = [nc("8.5.1.1", "质量部", "minor")];
    });
    expect(findings(qmsOnly, "NC-CLAUSE")[0]?.message).toContain("“8.5.1.1”");
  });
  it("is quiet on real clauses, however printed", () => {
    for (const clause of ["7.2", "7.1.5.1条款", "GB/T19001-2016 8.5.1", "10.2.1", "9.1.3"]) {
      const r = edit((x) => {
        x.ncItems = [nc(clause, "质量部", "minor")];
      });
      expect(flagsOf(r, "NC-CLAUSE"), clause).toEqual([]);
    }
  });
});
