import { describe, expect, it } from "vitest";
import type { OcrLine } from "../../src/domain/ocr.ts";
import {
  approxFind,
  consistent,
  locateQuote,
  norm,
  numbersIn,
  renderContext,
  selectContext,
  stripLabel,
} from "../../src/llm/evidence.ts";
import { FIELD_SPECS, type FieldSpec } from "../../src/llm/fields.ts";
import { emptyReport, fixturePages, page } from "./builders.ts";

const spec = (key: string): FieldSpec => FIELD_SPECS.find((s) => s.key === key)!;
const ctx = (pages = fixturePages()) => pages.flatMap((p) => p.lines.map((line) => ({ page: p.page, line })));

describe("normalisation and fuzzy search", () => {
  it("NFKC, no whitespace, lower case", () => {
    expect(norm("报告编号： ＱＡ－２０２３ ")).toBe("报告编号:qa-2023");
  });

  it("finds the closest substring with its distance", () => {
    expect(approxFind("abc", "xxabcxx")).toEqual({ start: 2, end: 5, distance: 0 });
    expect(approxFind("abcdefghij", "--abcdXfghij--")).toEqual({ start: 2, end: 12, distance: 1 });
    expect(approxFind("", "abc")).toBeNull();
  });
});

describe("locateQuote", () => {
  it("maps a quote to its page, line and words", () => {
    const pages = fixturePages();
    const loc = locateQuote("QA-2023-0917", ctx(pages))!;
    expect(loc.page).toBe(1);
    expect(loc.raw).toBe("QA-2023-0917");
    const lineBox = pages[0]!.lines[1]!.bbox;
    expect(loc.bbox![0]).toBe(lineBox[0] + 5 * 30); // after 报告编号：
    expect(loc.bbox![2]).toBe(lineBox[2]);
  });

  it("tolerates whitespace and full-width differences, and ≤10% edits", () => {
    const lines = ctx([page(1, ["受审核方： 苏州恒信精密机械有限公司"])]);
    expect(locateQuote("受审核方:苏州恒信精密机械有限公司", lines)?.distance).toBe(0);
    expect(locateQuote("受审核方:苏州恒倍精密机械有限公司", lines)?.distance).toBe(1);
    expect(locateQuote("受审核方:上海恒倍精密机械有限公司", lines)).toBeNull();
    expect(locateQuote("北京", lines)).toBeNull();
  });

  it("a quote spanning two lines gets the union of both on the page", () => {
    const pages = [page(3, ["认证范围：精密机械零部件的", "设计和生产"])];
    const loc = locateQuote("精密机械零部件的设计和生产", ctx(pages))!;
    expect(loc.page).toBe(3);
    expect(loc.raw).toBe("精密机械零部件的 设计和生产");
    expect(loc.bbox![1]).toBe(pages[0]!.lines[0]!.bbox[1]);
    expect(loc.bbox![3]).toBe(pages[0]!.lines[1]!.bbox[3]);
  });
});

describe("value consistent with its quote", () => {
  it("dates: year, month, day in order, Arabic or Chinese numerals, ranges", () => {
    expect(consistent("date", "2023-11-08", "2023年11月8日")).toBe(true);
    expect(consistent("date", "2023-11-08", "2023.11.08")).toBe(true);
    expect(consistent("date", "2023-11-08", "二〇二三年十一月八日")).toBe(true);
    expect(consistent("date", "2023-11-10", "2023年11月8日至10日")).toBe(true);
    expect(consistent("date", "2023-11-09", "2023年11月8日至10日")).toBe(false);
    expect(consistent("date", "2023-12-08", "2023年11月8日")).toBe(false);
  });

  it("integers, 无 as zero", () => {
    expect(consistent("integer", 126, "员工人数：126人")).toBe(true);
    expect(consistent("integer", 1200, "员工 1,200 人")).toBe(true);
    expect(consistent("integer", 12, "员工人数：126人")).toBe(false);
    expect(consistent("integer", 0, "严重不符合项：无")).toBe(true);
    expect(consistent("integer", 3, "一般不符合三项")).toBe(true);
    expect(numbersIn("二十一人，三十人，十人")).toEqual([21, 30, 10]);
  });

  it("strings must appear in the quote", () => {
    expect(consistent("string", "QA-2023-0917", "报告编号：ＱＡ-2023-0917")).toBe(true);
    expect(consistent("string", "QA-2023-0918", "报告编号：QA-2023-0917")).toBe(false);
  });

  it("drops a repeated label from a string value", () => {
    expect(stripLabel("报告编号：QA-1", spec("reportNumber").labels)).toBe("QA-1");
    expect(stripLabel("编号 QA-1", spec("reportNumber").labels)).toBe("编号 QA-1");
  });
});

describe("selectContext", () => {
  it("takes the label line with a small window", () => {
    const lines = selectContext(spec("employees"), emptyReport(), fixturePages(), 3_000);
    expect(lines.map((l) => l.line.text)).toContain("成立日期：2008年3月15日  员工人数：126人");
    expect(lines.every((l) => l.page === 2)).toBe(true);
    expect(renderContext(lines)).toMatch(/^--- 第2页 ---\n/);
  });

  it("falls back to the cover for header fields, and sends nothing otherwise", () => {
    const pages = [page(1, ["管理体系审核报告", "QA-2023-0917"]), page(2, ["其他内容"])];
    expect(selectContext(spec("reportNumber"), emptyReport(), pages, 3_000).map((l) => l.page)).toEqual([
      1, 1,
    ]);
    expect(selectContext(spec("scope"), emptyReport(), pages, 3_000)).toEqual([]);
  });

  it("falls back to a section whose title names the field", () => {
    const pages = [page(1, ["封面"]), page(2, ["三、认证范围", "精密机械零部件的设计和生产", "四、其他"])];
    const report = emptyReport({
      sections: [{ id: "3", title: "认证范围", page: 2, bbox: [100, 100, 600, 190], text: "…" }],
    });
    // The label 认证范围 is on the section title line itself, so the label rule already finds it.
    expect(selectContext(spec("scope"), report, pages, 3_000).map((l) => l.line.text)).toContain(
      "精密机械零部件的设计和生产",
    );
    const untitled = [page(1, ["封面"]), page(2, ["第三部分", "精密机械零部件的设计和生产", "四、其他"])];
    const lines = selectContext(spec("scope"), report, untitled, 3_000).map((l) => l.line.text);
    expect(lines).toEqual(["第三部分", "精密机械零部件的设计和生产"]);
  });

  it("adds the first page's running footer for header fields, where a blank form cell's value still shows", () => {
    const cover = page(1, ["管理体系审核报告", "报告编号", "受审核方 重庆星辰餐饮管理有限公司"]);
    const footer: OcrLine = {
      text: "CIUC-2025-0109 1/3",
      bbox: [100, 3300, 900, 3340],
      confidence: 0.9,
      words: [],
    };
    const pages = [{ ...cover, lines: [...cover.lines, footer] }];
    const number = selectContext(spec("reportNumber"), emptyReport(), pages, 3_000).map((l) => l.line.text);
    expect(number).toContain("报告编号");
    expect(number).toContain("CIUC-2025-0109 1/3");
    // Not for fields that are not on the cover.
    const staff = selectContext(spec("employees"), emptyReport(), pages, 3_000).map((l) => l.line.text);
    expect(staff).not.toContain("CIUC-2025-0109 1/3");
  });

  it("keeps within the character budget", () => {
    const many = page(
      1,
      Array.from({ length: 100 }, (_, i) => `报告编号：QA-${i}-这是一行比较长的文字用于测试预算`),
    );
    const lines = selectContext(spec("reportNumber"), emptyReport(), [many], 300);
    expect(lines.reduce((n, l) => n + l.line.text.length, 0)).toBeLessThanOrEqual(300);
    expect(lines.length).toBeGreaterThan(0);
  });

  it("sends lines with a specific label before lines with a generic one when the budget is short", () => {
    const pages = [
      page(
        1,
        Array.from({ length: 30 }, (_, i) => `证书编号：C-${i}`),
      ),
      page(5, ["说明", "", "", "", "", "报告编号：QA-2023-0917"]),
    ];
    const lines = selectContext(spec("reportNumber"), emptyReport(), pages, 120);
    expect(lines.map((l) => l.line.text)).toContain("报告编号：QA-2023-0917");
  });

  it("skips pages that could not be read", () => {
    const bad = { ...page(1, ["报告编号：QA-1"]), error: { code: "OCR_FAILED", message: "x" } };
    expect(selectContext(spec("reportNumber"), emptyReport(), [bad], 3_000)).toEqual([]);
  });
});
