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
    expect(fl[0]!.message).toBe("报告缺少 17021-1 9.4.8 要求的内容：认证机构、审核场所、李明的注册证书号");
  });
  it("fires when the objectives are nowhere", () => {
    const r = edit((x) => {
      x.sections = x.sections.filter((s) => s.id !== "1.2");
      x.sections = x.sections.map((s) => ({ ...s, text: s.text.replace(/审核目的/g, "") }));
    });
    expect(findings(r, "REQ-MISSING")[0]?.message).toContain("审核目的");
  });
  it("is quiet on a complete report, an expert without number included", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "REQ-MISSING",
      ),
    ).toEqual([]);
  });
  it("does not call a printed but unparsed field missing", () => {
    const r = edit((x) => {
      x.auditStart = f(null, "2023年13月12日");
    });
    expect(flagsOf(r, "REQ-MISSING")).toEqual([]);
  });
});
