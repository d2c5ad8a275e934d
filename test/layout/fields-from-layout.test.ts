import { describe, expect, it } from "vitest";
import type { OcrPage } from "../../src/domain/ocr.ts";
import { parseDocument } from "../../src/parse/index.ts";
import { layoutPages } from "../parse/helpers/layout.ts";

// The cover as OCR lines: the labels in one column and the values in another, read down the page (all labels,
// then all values), so no line holds a label with its value.
const COVER = [
  "管理体系审核报告",
  "报告编号",
  "受审核方",
  "员工人数",
  "HXZR-2024-0119",
  "武汉云帆数据科技有限公司",
  "104人",
  "审核组长：何婷娜",
  "审核目的：评价质量管理体系与审核准则的符合性，审核组依据审核计划完成了全部审核内容。",
].join("\n");

function pairsOnCover(page: OcrPage): OcrPage {
  const cell = (text: string, y: number) => ({
    text,
    bbox: [600, y, 1400, y + 60] as [number, number, number, number],
    confidence: 0.9,
  });
  const label = (text: string, y: number) => ({
    text,
    bbox: [150, y, 600, y + 60] as [number, number, number, number],
  });
  return {
    ...page,
    layout: {
      tables: [],
      ms: 1,
      pairs: [
        {
          family: "reportNumber",
          label: label("报告编号", 200),
          value: cell("HXZR-2024-0119", 200),
          where: "right",
          quality: 1,
        },
        {
          family: "organization",
          label: label("受审核方", 260),
          value: cell("武汉云帆数据科技有限公司", 260),
          where: "right",
          quality: 1,
        },
        {
          family: "headcount",
          label: label("员工人数", 320),
          value: cell("104人", 320),
          where: "right",
          quality: 1,
        },
      ],
    },
  };
}

describe("fields from the layout's key–value cells", () => {
  it("reads what the lines cannot pair (a two-column cover read down the page)", () => {
    const pages = layoutPages(COVER).map(pairsOnCover);
    const report = parseDocument(pages).report;
    expect(report?.reportNumber.value).toBe("HXZR-2024-0119");
    expect(report?.organization.value).toBe("武汉云帆数据科技有限公司");
    expect(report?.employees.value).toBe(104);
    expect(report?.organization.page).toBe(1);
    expect(report?.organization.bbox).toEqual([600, 260, 1400, 320]);
  });

  it("leaves them unread without the layout (null, never a neighbour's value)", () => {
    const report = parseDocument(layoutPages(COVER)).report;
    expect(report?.organization.value ?? null).not.toBe("武汉云帆数据科技有限公司");
  });
});
