import { describe, expect, it } from "vitest";
import type { Field } from "../../src/domain/field.ts";
import type { TeamMember } from "../../src/domain/record.ts";
import { voteSpelling, voteTeamNames } from "../../src/parse/fields/names.ts";
import { readOrganizationFields } from "../../src/parse/fields/organization.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { findSections } from "../../src/parse/text/sections.ts";
import { layoutPages } from "./helpers/layout.ts";

const field = <T>(value: T | null): Field<T> => ({
  value,
  raw: value === null ? null : String(value),
  confidence: 0.9,
  page: 1,
  bbox: [0, 0, 1, 1],
  method: "ocr",
});
const auditor = (name: string): TeamMember => ({
  name: field(name),
  role: field("member"),
  grade: field("审核员"),
  registrationNo: field(null),
  technicalCodes: field(null),
});

describe("team names voted across the places a report prints them", () => {
  const text = [
    "序号\t姓名\t组内职务",
    "1\t验丽\t组长",
    "2\t谢志航\t组员",
    "审核组长（签字）：蔡丽",
    "承诺人 审核组长：蔡丽 组员：谢志航",
    "审核组：蔡丽、谢志航",
  ].join("\n");
  const lines = buildLines(layoutPages(text));

  it("takes the spelling the signature places agree on over a one-character table misread", () => {
    const team = voteTeamNames([auditor("验丽"), auditor("谢志航")], field(["蔡丽", "谢志航"]), lines);
    expect(team.map((m) => m.name.value)).toEqual(["蔡丽", "谢志航"]);
    expect(team[0]!.name.raw).toBe("验丽");
  });

  it("keeps the table's reading on a tie, or when the names differ in more than one character", () => {
    const once = buildLines(layoutPages("1\t李明烽\t组员\n签字：李明峰"));
    expect(voteTeamNames([auditor("李明烽")], field(["李明峰"]), once)[0]!.name.value).toBe("李明烽");
    expect(voteTeamNames([auditor("采娩")], field(["梁婷"]), lines)[0]!.name.value).toBe("采娩");
  });

  it("never takes another auditor's name", () => {
    const team = voteTeamNames([auditor("蔡丽"), auditor("蔡博")], field(["蔡丽"]), lines);
    expect(team.map((m) => m.name.value)).toEqual(["蔡丽", "蔡博"]);
  });
});

describe("long values voted across the places a report prints them", () => {
  it("takes the majority spelling of each character of an organisation or address", () => {
    const texts = [
      "受审核方：武汉从源物业服务有限公司",
      "武汉鑫源物业服务有限公司现有员工72人",
      "审核组认为武汉鑫源物业服务有限公司的管理体系",
    ];
    expect(voteSpelling("武汉从源物业服务有限公司", texts, 1)).toBe("武汉鑫源物业服务有限公司");
  });
  it("keeps its own reading on a tie, and never lets digits vote (27栋 and 28栋 are two places)", () => {
    expect(voteSpelling("长沙市岳郑区枫林路", ["长沙市岳郑区枫林路", "长沙市岳麓区枫林路"], 1)).toBe(
      "长沙市岳郑区枫林路",
    );
    const sites = ["枫林三路208号27栋14层", "枫林三路208号28栋14层", "枫林三路208号28栋14层"];
    expect(voteSpelling("枫林三路208号27栋14层", sites, 2)).toBe("枫林三路208号27栋14层");
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
});
