import { describe, expect, it } from "vitest";
import { readCertificationBody, readReportNumber } from "../../src/parse/fields/header.ts";
import { voteCode, voteField, voteSpellingOf } from "../../src/parse/fields/names.ts";
import { readOrganizationFields } from "../../src/parse/fields/organization.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { findSections } from "../../src/parse/text/sections.ts";
import { plainReading } from "../../src/parse/text/vote.ts";
import { withCharConfidences } from "./helpers/confidence.ts";
import { layoutPages } from "./helpers/layout.ts";

describe("long values voted across the places a report prints them", () => {
  it("takes the majority spelling of each character of an organisation or address", () => {
    // The cover's 从 was read unclearly; two other places read 鑫 clearly.
    const cover = plainReading("受审核方：武汉从源物业服务有限公司");
    cover.confs[7] = 0.52;
    const texts = [
      cover,
      "武汉鑫源物业服务有限公司现有员工72人",
      "审核组认为武汉鑫源物业服务有限公司的管理体系",
    ];
    expect(voteSpellingOf("武汉从源物业服务有限公司", texts, 1).value).toBe("武汉鑫源物业服务有限公司");
  });
  it("keeps a character read clearly even where other places print another one (服务/业务)", () => {
    const texts = [
      "认证范围：软件开发及运维服务",
      "公司从事软件开发及运维业务多年",
      "软件开发及运维业务由研发部负责",
    ];
    expect(voteSpellingOf("软件开发及运维服务", texts, 1).value).toBe("软件开发及运维服务");
  });
  it("keeps its own reading on a tie, and never lets digits vote (27栋 and 28栋 are two places)", () => {
    expect(voteSpellingOf("长沙市岳郑区枫林路", ["长沙市岳郑区枫林路", "长沙市岳麓区枫林路"], 1).value).toBe(
      "长沙市岳郑区枫林路",
    );
    const sites = ["枫林三路208号27栋14层", "枫林三路208号28栋14层", "枫林三路208号28栋14层"];
    expect(voteSpellingOf("枫林三路208号27栋14层", sites, 2).value).toBe("枫林三路208号27栋14层");
  });
});

describe("site labels with a printed prompt", () => {
  it("reads 临时场所（需注明…）：无 as no site, whatever bracket OCR saw", () => {
    const lines = buildLines(
      layoutPages(
        "注册地址：重庆市渝北区财富大道15号财富园二号A栋\n临时场所〈需注明其项目名称、工程性质、施工地址信息、开工和竣工时间）：无",
      ),
    );
    const org = readOrganizationFields(lines, findSections(lines));
    expect(org.sites.value).toEqual(["重庆市渝北区财富大道15号财富园二号A栋"]);
  });

  it("reads an address behind a speck and a rule stroke after the label's English half (seed 6174)", () => {
    const lines = buildLines(
      layoutPages(
        "注册地址Registered。|郑州市金水区东风路50号28栋26层\n经营地址Operating 郑州市金水区农业路57号B座21层",
      ),
    );
    const org = readOrganizationFields(lines, findSections(lines));
    expect(org.sites.value).toEqual(["郑州市金水区东风路50号28栋26层", "郑州市金水区农业路57号B座21层"]);
  });
});

describe("a certification body's letterhead", () => {
  it("reads an approved body whose name carries no 认证 word, and never the audited firm's name", () => {
    const body = readCertificationBody(
      buildLines(layoutPages("管理体系审核报告\n通标标准技术服务有限公司\n报告编号 SGS-2023-0116")),
    );
    expect(body.value).toBe("通标标准技术服务有限公司");
    const firm = readCertificationBody(
      buildLines(layoutPages("管理体系审核报告\n南京宏达软件有限公司\n报告编号 SGS-2023-0116")),
    );
    expect(firm.value).toBeNull();
  });
});

describe("votes weighed by OCR confidence", () => {
  it("takes the one clear reading of a glyph over unclear ones (certification body on cover and last page)", () => {
    const pages = withCharConfidences(
      layoutPages("北各国标联合认证有限公司 编制\n审核结论\n北京国标联合认证有限公司"),
      { 北各国标联合认证有限公司: [[0.91, 0.12, 0, 0.93, 0.96, 0.96, 0.96, 0.96, 0.92, 0.93, 0.64, 0.64]] },
    );
    const lines = buildLines(pages);
    const read = readCertificationBody(lines);
    expect(read.value).toBe("北各国标联合认证有限公司");
    expect(voteField(read, lines, () => 1).value).toBe("北京国标联合认证有限公司");
  });

  it("votes brackets as the value prints them, and lowers the confidence of a value no clear reading settles", () => {
    const lines = buildLines(
      withCharConfidences(
        layoutPages(
          "1.5.2 审核范围：\n中餐类制售 〈仿凉菜)\n组织申请认证范围为： 中餐类制售 〈含凉菜)。\n四、认证范围的表述\n中餐类制售 (含凉菜)",
        ),
        {
          "〈仿凉菜)": [[0.54, 0.16, 0.74, 0.74, 0.93]],
          "〈含凉菜)。": [[0.42, 0.05, 0.91, 0.91, 0.92, 0.92]],
          "(含凉菜)": [[0.57, 0.53, 0.9, 0.9, 0.93]],
        },
      ),
    );
    const scope = readOrganizationFields(lines, findSections(lines)).scope;
    expect(scope.value).toBe("中餐类制售（仿凉菜）");
    const voted = voteField(scope, lines, () => 1);
    expect(voted.value).toBe("中餐类制售（含凉菜）");
    expect(voted.confidence).toBeLessThan(scope.confidence);
  });

  it("repairs a report number from the running footer, only in glyphs OCR confuses", () => {
    const text =
      "报告编号 Report No.: CIUC-2024.0225\nCIUC-2024-0225 1/3\nCIUC-2024-0225 2/3\nCIUC-2024-0226 3/3";
    const lines = buildLines(layoutPages(text));
    expect(voteCode(readReportNumber(lines), lines).value).toBe("CIUC-2024-0225");
    const other = buildLines(layoutPages("报告编号：HX-2024-0317\nHX-2024-0318\nHX-2024-0318"));
    expect(voteCode(readReportNumber(other), other).value).toBe("HX-2024-0317");
    // O for 0: a confusion the noise model measured (the -/. pair above too).
    const o = buildLines(layoutPages("报告编号：HXZR-2O24-0119\nHXZR-2024-0119 1/3\nHXZR-2024-0119 2/3"));
    expect(voteCode(readReportNumber(o), o).value).toBe("HXZR-2024-0119");
  });
});

describe("headcounts", () => {
  // As tesseract.js read a bilingual cover on unseen seed 6174: 员工人数Employees 5 for 9.
  const text =
    "员工人数Employees 5\n受审核方概况：现有员工9人，主要服务流程为签订物业服务合同\n2.3 组织现有人员9人，办公面积约1050平方米。";
  const employees = (conf: number) => {
    const lines = buildLines(withCharConfidences(layoutPages(text), { "5": [[conf]] }));
    return readOrganizationFields(lines, findSections(lines)).employees;
  };

  it("take the count two clear places agree on over one read unclearly", () => {
    const e = employees(0.5);
    expect(e.value).toBe(9);
    expect(e.method).toBe("derived");
  });

  it("leave a clear disagreement for the reviewer (TIME-HEADCOUNT)", () => {
    expect(employees(0.95).value).toBe(5);
  });
});
