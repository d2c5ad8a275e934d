import { describe, expect, it } from "vitest";
import { edit, f, findings, flagsOf, rep, section, sectionById } from "./builders.ts";

describe("SCOPE-FOREIGN-TEXT", () => {
  it("fires on 招标代理 and 施工 in a data-processing report", () => {
    const r = edit((x) => {
      sectionById(x, "3.2").text =
        "现场查验，招标代理服务过程及结项项目资料记录完整。\n施工现场安全防护到位。";
    });
    const [fl] = findings(r, "SCOPE-FOREIGN-TEXT");
    expect(fl?.message).toContain("招标代理、施工");
    expect(fl?.message).toContain("数据处理服务");
    expect(fl?.evidence).toHaveLength(2);
  });
  it("fires on GB/T 50430 for a non-construction firm", () => {
    const r = edit((x) => {
      sectionById(x, "3.2").text = "依据 GB/T 50430-2017 建立了质量管理体系。";
    });
    expect(findings(r, "SCOPE-FOREIGN-TEXT")[0]?.message).toContain("GB/T 50430");
  });
  it("does not take digits of a registration number run onto its code for GB/T 50430 (…-504300033.03.01)", () => {
    const r = edit((x) => {
      sectionById(x, "3.2").text = "沈心 组长 高级审核员 2013-N1QMS-504300033.03.01";
    });
    expect(flagsOf(r, "SCOPE-FOREIGN-TEXT")).toEqual([]);
  });
  it("is quiet when the term belongs to the scope", () => {
    const r = edit((x) => {
      x.scope = f("房屋建筑工程施工");
      x.scopeStatements = [f("房屋建筑工程施工")];
      sectionById(x, "四").text = "房屋建筑工程施工";
      sectionById(x, "3.2").text = "施工现场按 GB/T 50430 要求控制，装饰装修分包方已评价。";
    });
    expect(flagsOf(r, "SCOPE-FOREIGN-TEXT")).toEqual([]);
  });
  it("is quiet when the organisation's own description names it", () => {
    const r = edit((x) => {
      sectionById(x, "二").text += "\n组织另设员工餐饮服务部门。";
      sectionById(x, "3.2").text = "餐饮服务过程按规定控制。";
    });
    expect(flagsOf(r, "SCOPE-FOREIGN-TEXT")).toEqual([]);
  });
  it("is quiet on template wording (施工地址 in the 临时场所 prompt)", () => {
    // The base 1.5 has "临时场所（…施工地址信息…）：无".
    expect(
      flagsOf(
        edit(() => {}),
        "SCOPE-FOREIGN-TEXT",
      ),
    ).toEqual([]);
  });
});

describe("SCOPE-FOREIGN-TEXT as a class: the trades the narrative names against the report's own industry", () => {
  const narrative = (text: string) =>
    edit((x) => {
      sectionById(x, "3.2").text = text;
    });
  it("fires on any trade of the industry vocabulary, not only a list written for a few industries", () => {
    const [fl] = findings(
      narrative("现场查看药品生产批记录及洁净区环境监测记录，记录完整。"),
      "SCOPE-FOREIGN-TEXT",
    );
    expect(fl?.message).toContain("药品生产");
    expect(fl?.message).toContain("医药制造业");
  });
  it("needs a trade's name or two of its record words on a line: one record word alone is no finding", () => {
    expect(findings(narrative("查见样品留样记录，保存完好。"), "SCOPE-FOREIGN-TEXT")).toEqual([]);
    expect(findings(narrative("查见留样记录和餐具消毒记录。"), "SCOPE-FOREIGN-TEXT")).toHaveLength(1);
  });
  it("takes the trade of a printed technical-area code as own where the scope's words name none", () => {
    const r = edit((x) => {
      x.scope = f("信息化解决方案的提供");
      x.scopeStatements = [f("信息化解决方案的提供")];
      sectionById(x, "二").text = "组织申请认证范围为：信息化解决方案的提供。";
      sectionById(x, "四").text = "信息化解决方案的提供";
      sectionById(x, "3.2").text = "抽查软件开发项目的需求规格说明书及上线审批记录，流程受控。";
    });
    expect(flagsOf(r, "SCOPE-FOREIGN-TEXT")).toEqual([]);
    // Without codes nothing says which trades are own: a note, not a guess.
    for (const m of rep(r).team) m.technicalCodes = f([]);
    const [note] = flagsOf(r, "SCOPE-FOREIGN-TEXT");
    expect(note?.status).toBe("unchecked");
  });
  it("is quiet on a supplier's trade (外包, 分包)", () => {
    expect(
      flagsOf(narrative("外包过程为员工餐饮服务，对外包方的留样记录进行了检查。"), "SCOPE-FOREIGN-TEXT"),
    ).toEqual([]);
  });
  it("lets a builder bid for work but not act as a tender agency", () => {
    const build = (text: string) =>
      edit((x) => {
        x.scope = f("房屋建筑工程施工总承包");
        x.scopeStatements = [f("房屋建筑工程施工总承包")];
        sectionById(x, "四").text = "房屋建筑工程施工总承包";
        sectionById(x, "二").text = "组织申请认证范围为：房屋建筑工程施工总承包。";
        sectionById(x, "3.2").text = text;
      });
    expect(flagsOf(build("公司招投标管理规范，投标文件经审批。"), "SCOPE-FOREIGN-TEXT")).toEqual([]);
    expect(findings(build("现场查验，招标代理服务过程资料齐全。"), "SCOPE-FOREIGN-TEXT")).toHaveLength(1);
  });
  it("does not read a trade word across two words (实施工作, 审批发放, 提供电子版)", () => {
    expect(
      flagsOf(narrative("各部门实施工作计划，文件审批发放受控，并提供电子版记录。"), "SCOPE-FOREIGN-TEXT"),
    ).toEqual([]);
  });
});

describe("SCOPE-INCONSISTENT", () => {
  it("takes a scope and its English translation for one statement", () => {
    const r = edit((x) => {
      const zh = x.scope.value ?? "";
      x.scopeStatements.push(f("Data processing services"), f(`${zh} Data processing services`));
    });
    expect(findings(r, "SCOPE-INCONSISTENT")).toEqual([]);
  });
  it("compares English statements with each other", () => {
    const r = edit((x) => {
      x.scopeStatements.push(f("Data processing services"), f("Construction of municipal road works"));
    });
    expect(findings(r, "SCOPE-INCONSISTENT")[0]?.message).toContain("Construction of municipal road works");
  });
  it("fires when a scope statement differs", () => {
    const r = edit((x) => {
      x.scopeStatements[2] = f("软件开发及数据处理服务");
    });
    expect(findings(r, "SCOPE-INCONSISTENT")[0]?.message).toContain("软件开发及数据处理服务");
  });
  it("tolerates OCR noise and punctuation", () => {
    const r = edit((x) => {
      x.scope = f("计算机软件开发、数据处理服务");
      x.scopeStatements = [
        f("计算机软件开发、数据处理服务"),
        f("计算机软件开发，数据处理服务。"),
        f("计算机软仵开发 数据处理服务"),
      ];
    });
    expect(flagsOf(r, "SCOPE-INCONSISTENT")).toEqual([]);
  });
  it("tolerates a bracket OCR read as 〈 plus one misread character", () => {
    const r = edit((x) => {
      x.scope = f("中餐类制售（含凉菜）");
      x.scopeStatements = [f("中餐类制售（含凉菜）"), f("中餐类制售〈（合凉菜）")];
    });
    expect(flagsOf(r, "SCOPE-INCONSISTENT")).toEqual([]);
  });
  it("still fires on a different scope of similar length", () => {
    const r = edit((x) => {
      x.scope = f("中餐类制售（含凉菜）");
      x.scopeStatements = [f("中餐类制售（含凉菜）"), f("单位食堂餐饮服务")];
    });
    expect(findings(r, "SCOPE-INCONSISTENT")).toHaveLength(1);
  });
});

describe("SCOPE-FOREIGN-TEXT across templates", () => {
  it("searches a findings part numbered 第二部分", () => {
    const r = edit((x) => {
      x.sections = [
        section("第二部分", "审核发现", "2.4 运行：现场查验招标代理服务过程记录完整。"),
        section("第四部分", "审核结论", "数据处理服务"),
      ];
    });
    expect(findings(r, "SCOPE-FOREIGN-TEXT")).toHaveLength(1);
  });
  it("lets a construction firm speak of 招投标", () => {
    const r = edit((x) => {
      x.organization = f("长沙新程建设工程有限公司");
      x.scope = f("房屋建筑工程施工");
      x.scopeStatements = [f("房屋建筑工程施工")];
      sectionById(x, "3.2").text = "查看招投标文件及施工合同评审记录。";
    });
    expect(flagsOf(r, "SCOPE-FOREIGN-TEXT")).toEqual([]);
  });
});
