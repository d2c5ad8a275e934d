import { describe, expect, it } from "vitest";
import { formatParts } from "../../fixtures/generator/dates.ts";
import { namesNoDay } from "../../src/rules/dates.ts";
import { edit, f, findings, flagsOf, sectionById } from "./builders.ts";

describe("DATE-IMPOSSIBLE", () => {
  it("fires on a date that names no real day", () => {
    const r = edit((x) => {
      x.impossibleDates = [f(null, "2023年02月30日")];
    });
    const fl = findings(r, "DATE-IMPOSSIBLE");
    expect(fl).toHaveLength(1);
    expect(fl[0]!.message).toContain("2023年02月30日");
    expect(fl[0]!.severity).toBe("high");
    expect(fl[0]!.evidence[0]!.text).toBe("2023年02月30日");
  });
  it("reads the English forms the generator prints (issue #26: tuv-stacked's founded date), spaces lost or not", () => {
    for (const style of ["en-dmy", "en-dmy-long", "en-mdy"] as const) {
      const printed = formatParts(2015, 2, 30, style);
      for (const raw of [printed, printed.replace(/\s+/g, "")]) {
        const r = edit((x) => {
          x.impossibleDates = [f(null, raw)];
        });
        expect(findings(r, "DATE-IMPOSSIBLE"), raw).toHaveLength(1);
      }
      expect(namesNoDay(formatParts(2024, 2, 29, style))).toBe(false);
    }
  });
  it("is quiet when every date exists", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "DATE-IMPOSSIBLE",
      ),
    ).toEqual([]);
  });
});

describe("DATE-STAGE-ORDER", () => {
  it("fires when stage 2 starts the morning stage 1 ran", () => {
    const r = edit((x) => {
      x.stage1Start = f("2023-06-12", "2023-06-12 8:30:00 上午至 2023-06-12 12:30:00 下午");
      x.stage1End = f("2023-06-12", "2023-06-12 8:30:00 上午至 2023-06-12 12:30:00 下午");
      x.stage1Days = f(0.5);
    });
    const [fl] = findings(r, "DATE-STAGE-ORDER");
    expect(fl?.message).toBe(
      "第一阶段审核（2023-06-12 至 2023-06-12 下午）与第二阶段审核（2023-06-12 上午起）重叠",
    );
  });
  it("fires when stage 2 comes first", () => {
    const r = edit((x) => {
      x.stage1Start = f("2023-06-20");
      x.stage1End = f("2023-06-20");
    });
    expect(findings(r, "DATE-STAGE-ORDER")[0]?.message).toContain("重叠");
  });
  it("fires on a same-day hand-over (morning stage 1, afternoon stage 2)", () => {
    const r = edit((x) => {
      x.stage1Start = f("2023-06-12", "2023-06-12 上午");
      x.stage1End = f("2023-06-12", "2023-06-12 上午");
      x.auditStart = f("2023-06-12", "2023年06月12日下午");
    });
    expect(findings(r, "DATE-STAGE-ORDER")[0]?.message).toContain("同一天");
  });
  it("is quiet when stage 2 starts the day after stage 1", () => {
    const r = edit((x) => {
      x.stage1Start = f("2023-06-11");
      x.stage1End = f("2023-06-11");
    });
    expect(flagsOf(r, "DATE-STAGE-ORDER")).toEqual([]);
  });
  it("is quiet for a surveillance audit", () => {
    const r = edit((x) => {
      x.auditType = f("surveillance");
      x.stage1End = f(null);
    });
    expect(flagsOf(r, "DATE-STAGE-ORDER")).toEqual([]);
  });
  it("reports one low note when stage 1 dates were not read", () => {
    const r = edit((x) => {
      x.stage1End = f(null);
      x.stage1Start = f(null);
    });
    const fl = flagsOf(r, "DATE-STAGE-ORDER");
    expect(fl).toHaveLength(1);
    expect(fl[0]!.severity).toBe("low");
    expect(fl[0]!.message).toMatch(/^无法核查：.*缺少第一阶段结束日期/);
  });
});

describe("DATE-REPORT-BEFORE-END", () => {
  it("fires when the report is dated before the last audit day", () => {
    const r = edit((x) => {
      x.reportDate = f("2023-06-12");
    });
    expect(findings(r, "DATE-REPORT-BEFORE-END")[0]?.message).toBe(
      "报告日期（2023-06-12）早于审核最后一天（2023-06-13）",
    );
  });
  it("is quiet when dated on the last day", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "DATE-REPORT-BEFORE-END",
      ),
    ).toEqual([]);
  });
  it("notes a missing report date once, low", () => {
    const fl = flagsOf(
      edit((x) => {
        x.reportDate = f(null);
      }),
      "DATE-REPORT-BEFORE-END",
    );
    expect(fl.map((x) => x.severity)).toEqual(["low"]);
  });
});

describe("DATE-DEADLINE-BEFORE-END", () => {
  it("fires when the rectification deadline is the last audit day", () => {
    const r = edit((x) => {
      x.rectificationDeadline = f("2023-06-13");
    });
    expect(findings(r, "DATE-DEADLINE-BEFORE-END")).toHaveLength(1);
  });
  it("is quiet when the deadline is after the audit", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "DATE-DEADLINE-BEFORE-END",
      ),
    ).toEqual([]);
  });
  it("is quiet without NCs even if no deadline is printed", () => {
    const r = edit((x) => {
      x.ncMinor = f(0);
      x.ncItems = [];
      x.rectificationDeadline = f(null);
    });
    expect(flagsOf(r, "DATE-DEADLINE-BEFORE-END")).toEqual([]);
  });
});

describe("DATE-NEXT-AUDIT", () => {
  it("fires when the next audit is due more than 12 months after stage 2", () => {
    const r = edit((x) => {
      x.nextAuditDue = f("2024-06-14");
    });
    expect(findings(r, "DATE-NEXT-AUDIT")[0]?.message).toContain("2024-06-13");
  });
  it("is quiet when due exactly 12 months after the stage-2 last day", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "DATE-NEXT-AUDIT",
      ),
    ).toEqual([]);
  });
  it("follows the configured months", () => {
    const r = edit((x) => {
      x.nextAuditDue = f("2024-06-14");
    });
    expect(findings(r, "DATE-NEXT-AUDIT", { nextAuditMonths: 13 })).toEqual([]);
  });
});

describe("DATE-COVERAGE", () => {
  it("fires when coverage starts before implementation", () => {
    const r = edit((x) => {
      x.coverageFrom = f("2022-12-01");
    });
    expect(findings(r, "DATE-COVERAGE")[0]?.message).toContain("早于体系实施时间");
  });
  it("fires when coverage ends after the audit", () => {
    const r = edit((x) => {
      x.coverageTo = f("2023-07-01");
    });
    expect(findings(r, "DATE-COVERAGE")[0]?.message).toContain("晚于审核最后一天");
  });
  it("is quiet from implementation to the last audit day", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "DATE-COVERAGE",
      ),
    ).toEqual([]);
  });
});

describe("DATE-MATURITY", () => {
  it("fires when stage 1 comes less than 3 months after implementation", () => {
    const r = edit((x) => {
      x.systemImplementedDate = f("2023-03-01");
    });
    expect(findings(r, "DATE-MATURITY")).toHaveLength(1);
  });
  it("is quiet at exactly 3 months", () => {
    const r = edit((x) => {
      x.systemImplementedDate = f("2023-02-08");
    });
    expect(findings(r, "DATE-MATURITY")).toEqual([]);
  });
});

describe("DATE-NARRATIVE", () => {
  it("fires on an establishment month after the implementation date", () => {
    const r = edit((x) => {
      sectionById(x, "3.2").text =
        "查，产品质量监督抽查情况：自 2023 年 4 月体系建立以来，无职能部门的质量抽查情况。";
    });
    expect(findings(r, "DATE-NARRATIVE")[0]?.message).toContain("2023年4月");
  });
  it("fires on statistics before implementation", () => {
    const r = edit((x) => {
      sectionById(x, "3.2").text = "据公司 2022 年 7-12 月统计，问卷回收率在30%左右。";
    });
    expect(findings(r, "DATE-NARRATIVE")[0]?.message).toContain("早于体系实施时间");
  });
  it("fires on statistics after the audit", () => {
    const r = edit((x) => {
      sectionById(x, "3.2").text = "查见2023年下半年度客户满意度达90分。";
    });
    expect(findings(r, "DATE-NARRATIVE")[0]?.message).toContain("晚于审核结束");
  });
  it("fires on a record dated after the audit", () => {
    const r = edit((x) => {
      sectionById(x, "3.2").text = "企业已于2023年08月10日实施了内部审核。";
    });
    expect(findings(r, "DATE-NARRATIVE")[0]?.message).toContain("2023-08-10");
  });
  it("is quiet on the proposed dates of a later audit (建议二阶段审核时间)", () => {
    const r = edit((x) => {
      sectionById(x, "3.2").text = "组织具备二阶段审核条件，建议二阶段审核时间：2023年08月10日至11日。";
    });
    expect(flagsOf(r, "DATE-NARRATIVE")).toEqual([]);
  });
  it("is quiet on the report's own date where the team signed it, its signing label lost (issue #26)", () => {
    // table family: 审核组成员（签字）：<names> <report date>, OCR lost （签字）：; the generator dates the report after the
    // audit's last day. The same day in the narrative of a report dated otherwise is still a finding.
    const signedOn = (reportDate: string) =>
      edit((x) => {
        x.reportDate = f(reportDate, reportDate.replace(/-/g, "/"));
        sectionById(x, "3.2").text = "审核组成员蔡博凯、冯超、梁丽洲2023年08月10日";
      });
    expect(flagsOf(signedOn("2023-08-10"), "DATE-NARRATIVE")).toEqual([]);
    expect(findings(signedOn("2023-07-20"), "DATE-NARRATIVE")).toHaveLength(1);
  });
  it("is quiet on deadlines and plans after the audit and on periods within the system's life", () => {
    // The base 1.5 has "2023 年 07 月 13 日前提交" and "应在 2024 年 06 月 13 日前"; 3.2 has "2023 年 01-05 月".
    expect(
      flagsOf(
        edit(() => {}),
        "DATE-NARRATIVE",
      ),
    ).toEqual([]);
  });
});

describe("DATE-ORG-FOUNDED", () => {
  it("fires when the organisation was founded after implementation", () => {
    const r = edit((x) => {
      x.foundedDate = f("2023-02-01");
    });
    expect(findings(r, "DATE-ORG-FOUNDED")[0]?.message).toBe(
      "组织成立时间（2023-02-01）晚于体系实施时间（2023-01-05）",
    );
  });
  it("is quiet when founded before", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "DATE-ORG-FOUNDED",
      ),
    ).toEqual([]);
  });
});

describe("DATE-IMPOSSIBLE, what is not a date", () => {
  it("fires once per printed text, and not on numbers that only look like dates", () => {
    const r = edit((x) => {
      x.impossibleDates = [
        f(null, "2023年02月30日"),
        f(null, "2023年02月30日"),
        f(null, "2025-0144"),
        f(null, "2000-2006"),
        f(null, "2023年13月"),
      ];
    });
    expect(findings(r, "DATE-IMPOSSIBLE").map((x) => x.message)).toEqual([
      "日期不存在：“2023年02月30日”不是日历上的日期",
      "日期不存在：“2023年13月”不是日历上的日期",
    ]);
  });
});

describe("DATE-IMPOSSIBLE on OCR letters", () => {
  it("does not call a day spelled with a letter (05月0S日: 05 or 08) impossible", () => {
    expect(namesNoDay("2024年05月0S日")).toBe(false);
    expect(namesNoDay("2024-05-0S")).toBe(false);
    expect(namesNoDay("2017年02月30日")).toBe(true);
  });
});
