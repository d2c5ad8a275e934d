import { describe, expect, it } from "vitest";
import { edit, f, findings, flagsOf, member } from "./builders.ts";

describe("TEAM-REG-FORMAT", () => {
  it("fires on a number not in CCAA format", () => {
    const r = edit((x) => {
      x.team[1] = member("李明", "member", "审核员", "2020-QMS-7654321");
    });
    expect(findings(r, "TEAM-REG-FORMAT")[0]?.message).toContain("“2020-QMS-7654321”");
  });
  it("fires on a number from a year after the audit", () => {
    const r = edit((x) => {
      x.team[1] = member("李明", "member", "审核员", "2024-N1QMS-7654321");
    });
    expect(findings(r, "TEAM-REG-FORMAT")[0]?.message).toContain("晚于审核年份 2023");
  });
  it("takes the audit's year from the latest of its dates (an end date read a year early; ccsc-matrix, seed 9621)", () => {
    const r = edit((x) => {
      x.team[1] = member("李明", "member", "审核员", "2023-N1QMS-7654321");
      x.auditStart = f("2023-05-08", "2023年5月8日");
      x.auditEnd = f("2022-05-09", "2022年5月9日");
      x.reportDate = f("2023-05-10", "2023年5月10日");
    });
    expect(findings(r, "TEAM-REG-FORMAT")).toEqual([]);
  });
  it("is quiet for several numbers held by one auditor, full-width or spaced as OCR gives them", () => {
    const r = edit((x) => {
      x.team[1] = member("李明", "member", "审核员", "2020-N1QMS-7654321; ２０２１－N1EMS－1234567");
    });
    expect(flagsOf(r, "TEAM-REG-FORMAT")).toEqual([]);
  });
  it("is quiet for a technical expert with no registration number", () => {
    // The base team has 赵工, 技术专家, no number.
    expect(
      flagsOf(
        edit(() => {}),
        "TEAM-REG-FORMAT",
      ),
    ).toEqual([]);
  });
});

describe("TEAM-REG-FIELD", () => {
  it("fires on an EMS-only auditor on a QMS audit", () => {
    const r = edit((x) => {
      x.team[1] = member("李明", "member", "审核员", "2020-N1EMS-7654321");
    });
    expect(findings(r, "TEAM-REG-FIELD")[0]?.message).toContain("李明的注册领域（EMS）");
  });
  it("fires when no one covers an audited system", () => {
    const r = edit((x) => {
      x.managementSystems = f(["QMS", "EMS"]);
    });
    expect(findings(r, "TEAM-REG-FIELD")[0]?.message).toContain("“EMS”");
  });
  it("says could not check when the audited systems it compares were not located (issue #26)", () => {
    // The systems are an input of the finding as much as the number: read, confident and with a place to show.
    const r = edit((x) => {
      x.managementSystems = { ...f(["QMS", "EMS"]), page: null, bbox: null };
    });
    expect(findings(r, "TEAM-REG-FIELD")).toEqual([]);
    expect(flagsOf(r, "TEAM-REG-FIELD").filter((fl) => fl.status === "unchecked")).toHaveLength(1);
  });
  it("does not trust doubtfully read system ticks the audit criteria do not confirm", () => {
    const r = edit((x) => {
      x.managementSystems = { ...f(["QMS", "HACCP"]), confidence: 0.2 };
    });
    expect(findings(r, "TEAM-REG-FIELD")).toEqual([]);
  });
  it("still fires on a doubtful tick the audit criteria confirm", () => {
    const r = edit((x) => {
      x.managementSystems = { ...f(["QMS", "EMS"]), confidence: 0.2 };
      x.standards = f(["GB/T19001-2016/ISO9001:2015", "GB/T24001-2016/ISO14001:2015"]);
    });
    expect(findings(r, "TEAM-REG-FIELD")[0]?.message).toContain("“EMS”");
  });
  it("ignores a field code no scheme uses (OCR noise is REG-FORMAT's and the parser's concern)", () => {
    const r = edit((x) => {
      x.team[1] = member("李明", "member", "审核员", "2020-N1IQMX-7654321");
    });
    expect(flagsOf(r, "TEAM-REG-FIELD")).toEqual([]);
  });
  it("is quiet when the team covers the systems", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "TEAM-REG-FIELD",
      ),
    ).toEqual([]);
  });
});

describe("TEAM-LEADER-TRAINEE", () => {
  it("fires on a trainee leader", () => {
    const r = edit((x) => {
      x.team[0] = member("王强", "leader", "实习审核员", "2023-N0QMS-1234567", ["33.03.01"]);
    });
    expect(findings(r, "TEAM-LEADER-TRAINEE")[0]?.severity).toBe("high");
  });
  it("is quiet for a registered leader", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "TEAM-LEADER-TRAINEE",
      ),
    ).toEqual([]);
  });
});

describe("TEAM-NO-CODE", () => {
  it("fires when nobody holds a technical code", () => {
    const r = edit((x) => {
      x.team = [
        member("王强", "leader", "审核员", "2019-N1QMS-1234567", []),
        member("李明", "member", "审核员", "2020-N1QMS-7654321", []),
      ];
    });
    expect(findings(r, "TEAM-NO-CODE")).toHaveLength(1);
  });
  it("is quiet when a member (not the leader) holds the code", () => {
    const r = edit((x) => {
      x.team = [
        member("张心", "leader", "审核员", "2021-N1QMS-3207381", null),
        member("冉景洲", "member", "审核员", "2023-N1QMS-2267598", ["33.03.01"]),
      ];
    });
    expect(flagsOf(r, "TEAM-NO-CODE")).toEqual([]);
  });
  it("does not say the team has no codes while a member's codes are unread", () => {
    const r = edit((x) => {
      x.team = [
        member("王强", "leader", "审核员", "2019-N1QMS-1234567", null),
        member("李明", "member", "审核员", "2020-N1QMS-7654321", []),
      ];
    });
    expect(findings(r, "TEAM-NO-CODE")).toEqual([]);
    expect(flagsOf(r, "TEAM-NO-CODE")[0]?.message).toContain("王强的专业代码");
  });
  it("notes once when no codes were read at all", () => {
    const r = edit((x) => {
      x.team = [member("王强", "leader", "审核员", "2019-N1QMS-1234567", null)];
    });
    expect(flagsOf(r, "TEAM-NO-CODE").map((x) => x.severity)).toEqual(["low"]);
  });
});

describe("TEAM-SIGNATURE", () => {
  it("fires when a member did not sign", () => {
    const r = edit((x) => {
      x.signatures = f(["王强"]);
    });
    expect(findings(r, "TEAM-SIGNATURE")[0]?.message).toContain("审核组员李明未出现在签字栏");
  });
  it("is quiet when leader and members signed (experts need not)", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "TEAM-SIGNATURE",
      ),
    ).toEqual([]);
  });
  it("tolerates one OCR-misread character in a three-character name", () => {
    const r = edit((x) => {
      x.team[1] = member("冉景洲", "member", "审核员", "2023-N1QMS-2267598");
      x.signatures = f(["王强", "冉景州"]);
    });
    expect(flagsOf(r, "TEAM-SIGNATURE")).toEqual([]);
  });
  it("gives a note, not a finding, when a name is spelled differently but every auditor has a signature", () => {
    const r = edit((x) => {
      x.team[1] = member("高媚", "member", "审核员", "2023-N1QMS-2267598");
      x.signatures = f(["王强", "高娜"]);
    });
    expect(findings(r, "TEAM-SIGNATURE")).toEqual([]);
    expect(flagsOf(r, "TEAM-SIGNATURE").map((x) => x.severity)).toEqual(["low"]);
  });
  it("counts an entry with names run together (OCR lost the space) as each of them signing", () => {
    const r = edit((x) => {
      x.signatures = f(["王强李明"]);
    });
    expect(flagsOf(r, "TEAM-SIGNATURE")).toEqual([]);
    // One name alone still signs for one auditor only.
    const one = edit((x) => {
      x.signatures = f(["王强"]);
    });
    expect(findings(one, "TEAM-SIGNATURE")).toHaveLength(1);
  });
  it("checks only the roles the signature block has slots for: a leader-only block vouches for the leader", () => {
    const r = edit((x) => {
      x.signatures = f(["王强"]);
      x.signatureSlots = f(["leader"], "审核组长");
    });
    expect(flagsOf(r, "TEAM-SIGNATURE")).toEqual([]);
    // The leader missing from the leader's own slot is still a finding.
    const absent = edit((x) => {
      x.signatures = f([] as string[]);
      x.signatureSlots = f(["leader"], "审核组长");
    });
    expect(findings(absent, "TEAM-SIGNATURE").map((fl) => fl.subject)).toEqual(["王强"]);
  });
  it("fires for a member missing from a block with a members' slot", () => {
    const r = edit((x) => {
      x.signatures = f(["王强"]);
      x.signatureSlots = f(["leader", "member"], "审核组长（签字）、审核组员（签字）");
    });
    expect(findings(r, "TEAM-SIGNATURE").map((fl) => fl.subject)).toEqual(["李明"]);
  });
  it("gives a low could-not-check note when the block's slots were not read", () => {
    for (const slots of [f(null), undefined]) {
      const r = edit((x) => {
        x.signatures = f(["王强"]);
        x.signatureSlots = slots;
      });
      expect(flagsOf(r, "TEAM-SIGNATURE").map((fl) => [fl.severity, fl.status])).toEqual([
        ["low", "unchecked"],
      ]);
    }
  });
  it("still fires when the signature line has fewer names than auditors", () => {
    const r = edit((x) => {
      x.team[1] = member("高媚", "member", "审核员", "2023-N1QMS-2267598");
      x.signatures = f(["王强"]);
    });
    expect(findings(r, "TEAM-SIGNATURE")[0]?.message).toContain("审核组员高媚未出现在签字栏");
  });
});
