import { describe, expect, it } from "vitest";
import type { LayoutCell, LayoutTable } from "../../src/domain/layout.ts";
import { keyValues } from "../../src/layout/pairs.ts";
import { parseDocument } from "../../src/parse/index.ts";
import { layoutPages } from "../parse/helpers/layout.ts";

function cell(row: number, col: number, text: string): LayoutCell {
  const x = 100 + col * 500;
  const y = 100 + row * 80;
  return {
    row,
    col,
    rowSpan: 1,
    colSpan: 1,
    bbox: [x, y, x + 500, y + 80],
    text,
    lines: [text],
    confidence: 0.9,
  };
}

function table(rows: readonly (readonly string[])[]): LayoutTable {
  const cells = rows.flatMap((r, i) => r.map((t, j) => cell(i, j, t)));
  return { bbox: [100, 100, 1600, 100 + rows.length * 80], rows: rows.length, cols: 4, cells };
}

// Rows of a table cover (cqc-form's wording): a period whose value cell opens with its filler words, and this
// audit's dates under a label that names this audit.
const COVER = table([
  ["上次审核结束日期", "2024年06月05日", "本次审核日期", "2025年05月05日上午至2025年05月06日下午"],
  ["审核覆盖期", "自上次审核结束（2024年06月05日）至本次审核结束（2025年05月06日）"],
]);

describe("key–value cells of a range", () => {
  const pairs = keyValues([COVER]);
  const of = (family: string) => pairs.filter((p) => p.family === family).map((p) => p.value.text);

  it("a value cell that opens with the range's filler words is the period's value, not a label", () => {
    expect(of("coverage")).toEqual(["自上次审核结束（2024年06月05日）至本次审核结束（2025年05月06日）"]);
    expect(of("previousAudit")).toEqual(["2024年06月05日"]);
  });

  it("本次审核日期 labels this audit's dates, not the rival 本次审核", () => {
    expect(of("auditDates")).toEqual(["2025年05月05日上午至2025年05月06日下午"]);
    expect(of("thisAudit")).toEqual([]);
  });

  it("the record's coverage period is read from the pair when the lines do not hold it", () => {
    const pages = layoutPages("管理体系审核报告\n审核组长：何婷娜").map((p) => ({
      ...p,
      layout: { tables: [COVER], pairs, ms: 1 },
    }));
    const report = parseDocument(pages).report;
    expect(report?.coverageFrom.value).toBe("2024-06-05");
    expect(report?.coverageTo.value).toBe("2025-05-06");
    expect(report?.coverageFrom.bbox).toEqual(COVER.cells[5]?.bbox);
  });
});
