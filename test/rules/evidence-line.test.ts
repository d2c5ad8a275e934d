import { describe, expect, it } from "vitest";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { Section } from "../../src/domain/record.ts";
import { runCrossRules } from "../../src/rules/registry.ts";
import { edit, findings, sectionById } from "./builders.ts";

/** Narrative rules cite the page and box of the line they quote, not the start of its section: the section starts
 * on page 4, the quoted line stands on page 5, 3rd line there. */
const LINE_H = 60;
const boxAt = (row: number): Bbox => [100, 200 + row * LINE_H, 1500, 200 + row * LINE_H + 48];

function withLines(section: Section, texts: readonly string[]): void {
  section.text = texts.join("\n");
  section.page = 4;
  section.bbox = [80, 100, 1600, 2200];
  section.lines = texts.map((text, i) => ({ text, page: i < 2 ? 4 : 5, bbox: boxAt(i < 2 ? 30 + i : i) }));
}

const FILLER = ["查公司管理手册及程序文件，文件受控，版本有效。", "抽查部门目标考核记录，均已完成。"];

describe("evidence at the quoted line", () => {
  it("SCOPE-FOREIGN-TEXT", () => {
    const r = edit((x) => {
      withLines(sectionById(x, "3.2"), [
        ...FILLER,
        "抽查项目资料，记录完整。",
        "现场查验，招标代理服务、招投标技术咨询服务过程及结项项目资料、文件、记录等内容详实。",
      ]);
    });
    const [fl] = findings(r, "SCOPE-FOREIGN-TEXT");
    expect(fl?.evidence[0]).toMatchObject({ page: 5, bbox: boxAt(3) });
  });
  it("DATE-NARRATIVE", () => {
    const r = edit((x) => {
      withLines(sectionById(x, "3.2"), [
        ...FILLER,
        "查，产品质量监督抽查情况：自 2023 年 4 月体系建立以来，",
        "无职能部门的质量抽查情况。",
      ]);
    });
    const [fl] = findings(r, "DATE-NARRATIVE");
    expect(fl?.evidence[0]).toMatchObject({ page: 5, bbox: boxAt(2) });
  });
  it("PII-ID-NUMBER", () => {
    const r = edit((x) => {
      withLines(sectionById(x, "3.2"), [...FILLER, "顾客回访记录齐全。", "客户手机 13812345678。"]);
    });
    const [fl] = findings(r, "PII-ID-NUMBER");
    expect(fl?.evidence[0]).toMatchObject({ page: 5, bbox: boxAt(3) });
  });
  it("XDOC-COPIED-NARRATIVE", () => {
    const copied = [
      "组织利用综合业务系统及大数据模型与分析能力对授权客户进行数据清洗及风控评估，",
      "对该客户的票据信息、费用信息、担保信息模块、共同借款人模块、客户详情、新增失效授信模块、",
      "银行流水等进行数据清洗、处理、分析。数据处理成果通过客户关注的公众号向客户发送分析结论。",
    ];
    const records = ["甲公司", "乙公司"].map((org, i) =>
      edit((x) => {
        x.organization.value = org;
        x.reportNumber.value = `R-${i}`;
        x.team = [];
        // Only the passage in common: the base record's other sections are the same in both.
        x.sections = [sectionById(x, "3.2")];
        const own = [`${org}现场查见管理手册受控。`, `${org}于${i + 3}月完成了${i ? "内审" : "管理评审"}。`];
        withLines(sectionById(x, "3.2"), [...own, ...copied]);
      }),
    );
    records[1]!.document.id = "doc-other";
    const out = runCrossRules(records);
    const fl = out.get("doc-base")?.find((f) => f.rule === "XDOC-COPIED-NARRATIVE");
    expect(fl?.evidence[0]).toMatchObject({ page: 5, bbox: boxAt(2) });
  });
});
