import { describe, expect, it } from "vitest";
import { loadRulesConfig } from "../../src/rules/config.ts";
import { md5Days, roundHalf } from "../../src/rules/time.ts";
import { edit, f, findings, flagsOf, member } from "./builders.ts";

describe("MD 5 table", () => {
  it("reads the band for a headcount", () => {
    const c = loadRulesConfig();
    expect([1, 5, 6, 109, 125, 126, 10700, 20000].map((n) => md5Days(c, n))).toEqual([
      1.5, 1.5, 2, 7, 7, 8, 22, 22,
    ]);
    expect(roundHalf(4.9)).toBe(5);
    expect(roundHalf((0.7 * 7) / 3)).toBe(1.5);
  });
});

describe("TIME-LOW", () => {
  it("fires when an initial audit spends less than 0.7 × T", () => {
    // 109 staff: T = 7, minimum 5; 2 auditors × (1 + 2) days = 6 is enough, 1 auditor × 3 = 3 is not.
    const r = edit((x) => {
      x.employees = f(109);
      x.headcounts = [f(109)];
      x.team = [member("王强", "leader", "审核员", "2019-N1QMS-1234567", ["33.03.01"])];
    });
    const [fl] = findings(r, "TIME-LOW");
    expect(fl?.message).toContain("= 3 人日");
    expect(fl?.message).toContain("5 人日");
  });
  it("does not count trainees, experts or observers", () => {
    const r = edit((x) => {
      x.employees = f(109);
      x.headcounts = [];
      x.team = [
        member("王强", "leader", "审核员", "2019-N1QMS-1234567", ["33.03.01"]),
        member("钱实习", "member", "实习审核员", "2023-N0QMS-1111111"),
        member("赵工", "expert", "技术专家", null, ["33.03.01"]),
        member("孙观", "observer", "观察员", null),
      ];
    });
    expect(findings(r, "TIME-LOW")[0]?.message).toContain("1 名审核员");
  });
  it("is quiet when time meets 0.7 × T", () => {
    const r = edit((x) => {
      x.employees = f(109);
      x.headcounts = [];
    });
    expect(flagsOf(r, "TIME-LOW")).toEqual([]);
  });
  it("uses T/3 for surveillance", () => {
    const sv = (days: number) =>
      edit((x) => {
        x.auditType = f("surveillance");
        x.employees = f(109);
        x.headcounts = [];
        x.auditDays = f(days);
        x.team = [x.team[0]!];
      });
    expect(findings(sv(1), "TIME-LOW")).toHaveLength(1);
    expect(flagsOf(sv(1.5), "TIME-LOW")).toEqual([]);
  });
  it("uses 2T/3 for recertification", () => {
    const r = edit((x) => {
      x.auditType = f("recertification");
      x.employees = f(109);
      x.headcounts = [];
      x.auditDays = f(1.5);
    });
    // 0.7 × 7 × 2/3 = 3.27 → 3.5; 2 × 1.5 = 3.
    expect(findings(r, "TIME-LOW")).toHaveLength(1);
  });
  it("does not assert a shortfall when stage 1 days were not read", () => {
    const r = edit((x) => {
      x.employees = f(109);
      x.headcounts = [];
      x.stage1Days = f(null);
      x.team = [x.team[0]!];
    });
    const fl = flagsOf(r, "TIME-LOW");
    expect(fl.map((x) => x.severity)).toEqual(["low"]);
    expect(fl[0]!.message).toContain("第一阶段审核天数");
  });
  it("notes once when the headcount is missing", () => {
    const fl = flagsOf(
      edit((x) => {
        x.employees = f(null);
      }),
      "TIME-LOW",
    );
    expect(fl).toHaveLength(1);
    expect(fl[0]!.severity).toBe("low");
  });
});

describe("TIME-HEADCOUNT", () => {
  it("fires when headcounts differ", () => {
    const r = edit((x) => {
      x.headcounts = [f(20), f(35)];
    });
    expect(findings(r, "TIME-HEADCOUNT")[0]?.message).toBe("报告中员工人数前后不一致：20 人、35 人");
  });
  it("is quiet when they agree", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "TIME-HEADCOUNT",
      ),
    ).toEqual([]);
  });
});

describe("printed auditor-days", () => {
  const printed = (n: number | null, raw?: string) => f(n, raw ?? (n === null ? null : `${n}人日`));
  it("TIME-LOW takes the printed figure where the report prints one", () => {
    // The report says 3 auditor-days for 109 staff (minimum 5), and its team (one auditor × 3 days) agrees.
    const r = edit((x) => {
      x.employees = f(109);
      x.headcounts = [f(109)];
      x.team = [member("王强", "leader", "审核员", "2019-N1QMS-1234567", ["33.03.01"])];
      x.auditorDaysPrinted = printed(3);
    });
    expect(findings(r, "TIME-LOW")[0]?.message).toContain("报告所列审核人日 3 人日");
    // The team, read whole, spent enough (6): the printed 3 disagrees with it (misread, or TIME-DAYS-MISMATCH's
    // finding), so no shortfall is asserted (sgs-bilingual, seed 9621: a printed figure read short).
    const disagree = edit((x) => {
      x.employees = f(109);
      x.headcounts = [f(109)];
      x.auditorDaysPrinted = printed(3);
    });
    expect(findings(disagree, "TIME-LOW")).toEqual([]);
    expect(flagsOf(disagree, "TIME-LOW")[0]?.message).toContain("不一致");
    expect(findings(disagree, "TIME-DAYS-MISMATCH")).toHaveLength(1);
    // A team read as one person does not make a short audit when the printed figure is enough.
    const enough = edit((x) => {
      x.employees = f(109);
      x.headcounts = [f(109)];
      x.team = [member("王强", "leader", "审核员", "2019-N1QMS-1234567", ["33.03.01"])];
      x.auditorDaysPrinted = printed(6);
    });
    expect(findings(enough, "TIME-LOW")).toEqual([]);
  });
  it("TIME-DAYS-MISMATCH fires when the printed figure differs from the team's days by more than half a day", () => {
    const base = edit(() => {});
    const r = base.report!;
    const days = (r.auditDays.value ?? 0) + (r.stage1Days.value ?? 0);
    const auditors = r.team.filter((m) => m.role.value === "leader" || m.role.value === "member").length;
    const D = days * auditors;
    expect(
      flagsOf(
        edit((x) => (x.auditorDaysPrinted = printed(D))),
        "TIME-DAYS-MISMATCH",
      ),
    ).toEqual([]);
    expect(
      flagsOf(
        edit((x) => (x.auditorDaysPrinted = printed(D + 0.5))),
        "TIME-DAYS-MISMATCH",
      ),
    ).toEqual([]);
    const [fl] = findings(
      edit((x) => (x.auditorDaysPrinted = printed(D + 2))),
      "TIME-DAYS-MISMATCH",
    );
    expect(fl?.severity).toBe("medium");
    expect(fl?.evidence[0]?.text).toBe(`${D + 2}人日`);
  });
  it("TIME-DAYS-MISMATCH is quiet when nothing is printed and a note when the figure was not read", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "TIME-DAYS-MISMATCH",
      ),
    ).toEqual([]);
    const unread = flagsOf(
      edit((x) => (x.auditorDaysPrinted = printed(null, "3人日; 2人日"))),
      "TIME-DAYS-MISMATCH",
    );
    expect(unread.map((fl) => fl.status)).toEqual(["unchecked"]);
  });
});

describe("a team read without its leader (a row lost)", () => {
  // Report 019 of a fresh sgs-bilingual seed: the leader's row was lost, three members read; the team's days then
  // disagree with the printed auditor-days, which is the reading's fault, not the report's.
  const partTeam = (printedDays: number | null) =>
    edit((x) => {
      x.auditType = f("surveillance");
      x.employees = f(109);
      x.headcounts = [];
      x.auditDays = f(1);
      x.team = [member("程丽峰", "member", "审核员", "2015-N2QMS-2162500", ["28.04.02"])];
      x.auditorDaysPrinted = f(printedDays, printedDays === null ? null : `审核人日 ${printedDays}`);
    });
  it("TIME-DAYS-MISMATCH says could not check", () => {
    const fl = flagsOf(partTeam(3), "TIME-DAYS-MISMATCH");
    expect(fl.map((x) => [x.severity, x.status])).toEqual([["low", "unchecked"]]);
    expect(fl[0]?.message).toContain("审核组长");
  });
  it("TIME-LOW from the team's days says could not check", () => {
    const fl = flagsOf(partTeam(null), "TIME-LOW");
    expect(fl.map((x) => [x.severity, x.status])).toEqual([["low", "unchecked"]]);
  });
  it("TEAM-NO-CODE does not say nobody holds a code", () => {
    const r = edit((x) => {
      x.team = [member("程丽峰", "member", "审核员", "2015-N2QMS-2162500", [])];
    });
    expect(findings(r, "TEAM-NO-CODE")).toEqual([]);
    expect(flagsOf(r, "TEAM-NO-CODE")[0]?.status).toBe("unchecked");
  });
});
