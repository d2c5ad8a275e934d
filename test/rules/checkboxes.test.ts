import { describe, expect, it } from "vitest";
import { edit, evaluation, f, findings, flagsOf, group, nc, section, sectionById } from "./builders.ts";

describe("CHK-MULTIPLE", () => {
  it("fires when two options of an exclusive group are ticked", () => {
    const r = edit((x) => {
      x.checkboxGroups.push(
        group(
          "auditMethod",
          "审核方式",
          ["现场审核", "远程审核", "现场结合远程审核"],
          ["现场审核", "远程审核"],
        ),
      );
    });
    const [fl] = findings(r, "CHK-MULTIPLE");
    expect(fl?.message).toBe("“审核方式”同时勾选了 现场审核、远程审核");
    expect(fl?.evidence).toHaveLength(2);
    expect(fl?.evidence[0]?.page).toBe(8);
  });
  it("speaks only about boxes found in the pixels: a group with an option read where no box was found gets a low note", () => {
    const r = edit((x) => {
      const g = group(
        "auditMethod",
        "审核方式",
        ["现场审核", "远程审核", "现场结合远程审核"],
        ["现场审核", "远程审核"],
      );
      g.options[1]!.located = false;
      x.checkboxGroups.push(g);
    });
    const fl = flagsOf(r, "CHK-MULTIPLE");
    expect(fl).toHaveLength(1);
    expect(fl[0]).toMatchObject({ severity: "low", status: "unchecked", subject: "auditMethod" });
    expect(fl[0]?.message).toContain("勾选框未在图像中找到");
  });
  it("does not judge a row of boxes whose words the option lexicon does not know", () => {
    const r = edit((x) => {
      x.checkboxGroups.push(group("options.备注", "备注", ["甲", "乙"], ["甲", "乙"]));
      x.checkboxGroups.push(group("options.p3", "options.p3", ["丙", "丁"], []));
    });
    expect(flagsOf(r, "CHK-MULTIPLE")).toEqual([]);
    expect(flagsOf(r, "CHK-NONE")).toEqual([]);
  });
  it("is quiet for the management systems of an integrated audit", () => {
    const r = edit((x) => {
      x.checkboxGroups.push(group("managementSystems", "审核体系", ["QMS", "EMS", "OHSMS"], ["QMS", "EMS"]));
    });
    expect(flagsOf(r, "CHK-MULTIPLE")).toEqual([]);
  });
});

describe("CHK-NONE", () => {
  it("fires when a group has no tick", () => {
    const r = edit((x) => {
      x.checkboxGroups.push(
        group("recommendation", "推荐意见", ["推荐认证注册", "整改后推荐", "不予推荐"], []),
      );
    });
    expect(findings(r, "CHK-NONE")[0]?.message).toBe("“推荐意见”一项都没有勾选");
  });
  it("is quiet when every group has its tick", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "CHK-NONE",
      ),
    ).toEqual([]);
  });
  it("notes once, low, when no boxes were read", () => {
    const fl = flagsOf(
      edit((x) => {
        x.checkboxGroups = [];
      }),
      "CHK-NONE",
    );
    expect(fl.map((x) => x.severity)).toEqual(["low"]);
  });
});

describe("CHK-UNCLEAR", () => {
  it("fires, low, on a box read without confidence", () => {
    const r = edit((x) => {
      const g = x.checkboxGroups[0]!;
      g.options[1] = { ...g.options[1]!, state: "unclear", confidence: 0.41 };
    });
    const [fl] = findings(r, "CHK-UNCLEAR");
    expect(fl?.severity).toBe("low");
    expect(fl?.message).toContain("0.41");
  });
  it("is quiet when every box is clear", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "CHK-UNCLEAR",
      ),
    ).toEqual([]);
  });
});

describe("CHK-VS-NARRATIVE", () => {
  it("fires when 体系运行 is ticked 基本有效 but the text says 运行正常有效", () => {
    const r = edit((x) => {
      x.conclusion.体系运行 = "基本有效";
      sectionById(x, "五").text =
        "评价组确定受审核方的管理体系基本符合相关标准的要求，管理体系运行正常有效。";
    });
    const [fl] = findings(r, "CHK-VS-NARRATIVE");
    expect(fl?.message).toBe("结论“体系运行”勾选“基本有效”，而正文写“运行正常有效”（肯定表述）");
    expect(fl?.evidence.some((e) => e.page === 8)).toBe(true);
  });
  it("fires when a 3.x section is ticked 不符合 while its text is wholly positive", () => {
    const r = edit((x) => {
      x.evaluations[0] = evaluation("3.1", "管理体系的策划", "不符合");
      x.sections.push(
        section(
          "3.1",
          "管理体系的策划",
          "企业确定了内外部因素，质量方针适宜，质量目标已分解并考核，均达到了既定目标。",
        ),
      );
    });
    expect(findings(r, "CHK-VS-NARRATIVE")[0]?.message).toContain("3.1 管理体系的策划勾选“不符合”");
  });
  it("fires when a 3.x section is ticked 符合 while an NC is raised against its clauses", () => {
    const r = edit((x) => {
      x.evaluations[4] = evaluation("3.5", "体系支持", "符合");
    });
    expect(findings(r, "CHK-VS-NARRATIVE")[0]?.message).toContain("（7.2）");
  });
  it("is quiet for a 3.x ticked 基本符合 whose text describes the minor NC", () => {
    // The base: 3.5 基本符合, its text describes the 7.2 NC.
    expect(
      flagsOf(
        edit(() => {}),
        "CHK-VS-NARRATIVE",
      ),
    ).toEqual([]);
  });
  it("is quiet for conclusion rows ticked 基本… that agree with the narrative", () => {
    const r = edit((x) => {
      x.conclusion.体系运行 = "基本有效";
      x.conclusion.审核目的 = "基本达到";
      sectionById(x, "五").text =
        "体系运行 有效 基本有效 无效\n评价组确定受审核方的管理体系基本符合相关标准的要求，管理体系运行基本有效，本次审核基本达到预期评价目的。";
    });
    expect(flagsOf(r, "CHK-VS-NARRATIVE")).toEqual([]);
  });
  it("is quiet for a 3.x ticked 不符合 whose section carries the NC", () => {
    const r = edit((x) => {
      x.evaluations[4] = evaluation("3.5", "体系支持", "不符合");
    });
    expect(flagsOf(r, "CHK-VS-NARRATIVE")).toEqual([]);
  });
});

describe("CHK-CRITERIA-WITH-NC", () => {
  it("notes (low) 审核准则 符合 with NCs raised", () => {
    const r = edit((x) => {
      x.conclusion.审核准则的要求 = "符合";
      sectionById(x, "五").text = "管理体系符合相关标准的要求。";
    });
    const [fl] = findings(r, "CHK-CRITERIA-WITH-NC");
    expect(fl?.severity).toBe("low");
    expect(fl?.message).toContain("轻微 1 项");
  });
  it("is quiet with 符合 and no NCs", () => {
    const r = edit((x) => {
      x.conclusion.审核准则的要求 = "符合";
      x.ncMinor = f(0);
      x.ncItems = [];
    });
    expect(flagsOf(r, "CHK-CRITERIA-WITH-NC")).toEqual([]);
  });
  it("is quiet with 基本符合 and a minor NC", () => {
    expect(
      flagsOf(
        edit(() => {}),
        "CHK-CRITERIA-WITH-NC",
      ),
    ).toEqual([]);
  });
  it("keeps working when NCs are only listed", () => {
    const r = edit((x) => {
      x.conclusion.审核准则的要求 = "符合";
      x.ncMajor = f(null);
      x.ncMinor = f(null);
      x.ncItems = [nc("8.5.1", "服务部", "minor")];
    });
    expect(findings(r, "CHK-CRITERIA-WITH-NC")).toHaveLength(1);
  });
});

describe("CHK-VS-NARRATIVE and OCR line structure", () => {
  it("does not read a table row split into cells as narrative", () => {
    const r = edit((x) => {
      x.conclusion.体系运行 = "基本有效";
      sectionById(x, "五").text =
        "体系运行\n有效\n基本有效\n无效\n评价组确定管理体系基本符合相关标准的要求。";
    });
    expect(flagsOf(r, "CHK-VS-NARRATIVE")).toEqual([]);
  });
  it("still reads a phrase that a prose line wrap cut in two", () => {
    const r = edit((x) => {
      x.conclusion.体系运行 = "基本有效";
      sectionById(x, "五").text =
        "通过审查评价，评价组确定受审核方的管理体系基本符合相关标准的要求，管理体系运行正\n常有效，本次审核达到预期评价目的。";
    });
    expect(findings(r, "CHK-VS-NARRATIVE")).toHaveLength(1);
  });
});

describe("CHK-NONE on the audited systems", () => {
  // table-bilingual (seed 9621): the cover's system boxes all read empty though the criteria cite GB/T 19001.
  const systems = ["质量管理体系", "环境管理体系", "职业健康安全管理体系", "食品安全管理体系"];
  const empty = (standards: string[] | null) =>
    edit((r) => {
      r.checkboxGroups = [...r.checkboxGroups, group("managementSystems", "审核体系", systems, [], 1)];
      r.standards = f(standards);
    });
  it("says could not check when the criteria name a system whose box reads empty", () => {
    const flags = flagsOf(empty(["GB/T19001-2016/ISO9001:2015"]), "CHK-NONE");
    expect(flags.map((x) => [x.severity, x.status, x.subject])).toEqual([
      ["low", "unchecked", "managementSystems"],
    ]);
    expect(flags[0]?.message).toContain("质量管理体系");
  });
  it("fires when the criteria name none of the group's systems", () => {
    expect(findings(empty(["GB/T50430-2017"]), "CHK-NONE").map((x) => x.subject)).toEqual([
      "managementSystems",
    ]);
  });
});
