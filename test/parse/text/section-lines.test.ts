import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../src/parse/index.ts";
import { buildLines } from "../../../src/parse/text/lines.ts";
import { requiredPrinted } from "../../../src/parse/text/required.ts";
import { layoutPages } from "../helpers/layout.ts";

const REPORT = [
  "中检联合认证（深圳）有限公司",
  "管理体系审核报告",
  "项目编号 CIUC-2023-0203",
  "第一部分 审核组",
  "姓名\t角色\t注册号",
  "沈志宇\t审核组长\t2013-N1QMS-4573484",
  "第二部分 审核发现",
  "2.1 组织环境与领导作用：组织识别了影响其实现预期结果能力的内外部问题。",
  "组织确定了与管理体系有关的相关方。",
  "现场查施工项目的隐蔽工程验收记录和施工日志，施工过程控制符合要求。",
  "",
  "",
  "",
  "",
  "2.2 策划：企业在策划管理体系时确定了需要应对的风险和机遇。",
  "最高管理者制定了质量方针。",
].join("\n");

describe("sections keep the page and box of every line of their text", () => {
  const report = parseDocument(layoutPages(REPORT)).report;
  const s21 = report?.sections.find((s) => s.id === "2.1");
  const s2 = report?.sections.find((s) => s.id === "第二部分");

  it("one box per text line, in order, the heading's own content first", () => {
    expect(s21?.lines?.map((l) => l.text)).toEqual(s21?.text.split("\n"));
    expect(s21?.lines?.[0]?.text).toBe("组织识别了影响其实现预期结果能力的内外部问题。");
    const ys = (s21?.lines ?? []).map((l) => l.bbox[1]);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    // Each line's box is one line high, not the section's.
    for (const l of s21?.lines ?? []) expect(l.bbox[3] - l.bbox[1]).toBeLessThan(80);
  });

  it("a line on a later page keeps its own page", () => {
    const last = s2?.lines?.at(-1);
    expect(last?.text).toBe("最高管理者制定了质量方针。");
    expect(last?.page).toBe(2);
    expect(s2?.page).toBe(1);
  });
});

describe("required content printed anywhere", () => {
  it("finds the certification body's letterhead and a registration number outside any section", () => {
    const found = requiredPrinted(buildLines(layoutPages(REPORT)));
    expect(found).toContain("certificationBody");
    expect(found).toContain("registrationNo");
    expect(found).toContain("team");
    expect(found).not.toContain("objectives");
  });
  it("finds nothing of what is not printed", () => {
    const found = requiredPrinted(buildLines(layoutPages("管理体系审核报告\n一、情况\n内容。")));
    expect(found).not.toContain("certificationBody");
    expect(found).not.toContain("registrationNo");
  });
});
