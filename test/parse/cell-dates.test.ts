import { describe, expect, it } from "vitest";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { LayoutCell } from "../../src/domain/layout.ts";
import type { OcrPage } from "../../src/domain/ocr.ts";
import { mendRangesByCells } from "../../src/parse/fields/cell-dates.ts";
import { readDates } from "../../src/parse/fields/dates.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

/** A one-cell table around `box` holding `lines`, as the layout stage keeps a wrapped cell. */
function withCell(pages: OcrPage[], box: Bbox, lines: string[]): OcrPage[] {
  const cell: LayoutCell = {
    row: 0,
    col: 0,
    rowSpan: 1,
    colSpan: 1,
    bbox: [box[0] - 5, box[1] - 5, box[2] + 5, box[3] + 80],
    text: lines.join(""),
    lines,
    confidence: 0.95,
  };
  const [first, ...rest] = pages;
  if (!first) return pages;
  const layout = {
    tables: [{ bbox: cell.bbox, rows: 1, cols: 1, cells: [cell] }],
    pairs: [],
    options: [],
    ms: 0,
  };
  return [{ ...first, layout }, ...rest];
}

// The test layout wraps a cell at ten characters: the range breaks after its first day, the half day of its last
// day goes to the cell's third line.
const WRAPPED = "现场审核日期\t2025年6月30日上午至7月2日上午(共2.5天）\t审核人日数\t6人日";
const CELL = ["2025年6月30日上午", "至7月2日上", "午(共2.5天）"];

describe("a date range wrapped inside its cell", () => {
  it("is read from the whole cell: the end and the half day on the cell's next lines count (2.5 days)", () => {
    const pages = layoutPages(WRAPPED);
    const read = readDates(buildLines(pages));
    expect(read.auditEnd.value).toBe("2025-06-30");
    expect(read.auditDays.value).toBe(0.5);
    const box = read.auditStart.bbox;
    if (!box) throw new Error("no box");
    const mended = mendRangesByCells(read, withCell(pages, box, CELL));
    expect(mended.auditStart.value).toBe("2025-06-30");
    expect(mended.auditEnd.value).toBe("2025-07-02");
    expect(mended.auditDays.value).toBe(2.5);
    expect(mended.auditDays.bbox).not.toBeNull();
    expect(mended.auditDays.raw).toBe(CELL.join(""));
  });
  it("leaves the line reading where the cell does not wrap or opens on another day", () => {
    const pages = layoutPages(WRAPPED);
    const read = readDates(buildLines(pages));
    const box = read.auditStart.bbox;
    if (!box) throw new Error("no box");
    expect(mendRangesByCells(read, withCell(pages, box, [CELL.join("")])).auditDays.value).toBe(0.5);
    const other = withCell(pages, box, ["2025年6月29日上午", "至7月2日上", "午"]);
    expect(mendRangesByCells(read, other).auditDays.value).toBe(0.5);
    expect(mendRangesByCells(read, other).auditEnd.value).toBe("2025-06-30");
  });
});
