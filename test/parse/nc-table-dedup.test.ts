/** NC grid rows read twice at one place are one NC (commit 8d2169f): a table headed on one page goes on at the top
 * of the next without its header, so its rows there are read as carried over from the headed table and again as a
 * table named by its cells' content. Rows of the same text at another place stay separate NCs. */
import { describe, expect, it } from "vitest";
import type { OcrPage } from "../../src/domain/ocr.ts";
import { fromGrid } from "../../src/parse/fields/nc-table.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { gridPage, type TableBlock } from "../layout/helpers/grid-page.ts";

const WIDTHS = [1, 2, 2, 2, 6];
const HEADER = ["序号", "标准条款", "受审核部门", "不符合性质", "不符合事实描述"];

type Row = readonly [string, string, string, string, string];

const ROW_A: Row = ["1", "7.1.5", "生产部", "一般", "现场未能提供计量器具的校准记录和标识。"];
const ROW_B: Row = ["2", "8.5.1", "质检部", "一般", "检验记录未按规定填写检验日期和检验人员。"];
const ROW_C: Row = ["3", "9.2.2", "管理部", "严重", "内部审核方案未覆盖全部部门和过程要求。"];

function table(rows: readonly (readonly string[])[]): TableBlock {
  return { kind: "table", widths: WIDTHS, rows: rows.map((r) => r.map((c) => [c])), valign: "middle" };
}

const read = (pages: OcrPage[]) =>
  fromGrid(pages, buildLines(pages)).map((i) => [i.clause.value, i.text.value, i.clause.page]);

describe("NC grid rows read twice at one place", () => {
  it("counts a row carried over a page break once, though its headerless table is read by content too", () => {
    const pages = [gridPage(table([HEADER, ROW_A]), 1).page, gridPage(table([ROW_B, ROW_C]), 2).page];
    // Without the dedup the continuation's two rows come twice (carried from page 1 and typed by content on page 2).
    expect(read(pages)).toEqual([
      ["7.1.5", ROW_A[4], 1],
      ["8.5.1", ROW_B[4], 2],
      ["9.2.2", ROW_C[4], 2],
    ]);
  });

  it("counts a carried row once where the reading by content found no finding column (short findings)", () => {
    const short = (r: Row): Row => [r[0], r[1], r[2], r[3], "记录不全"];
    const pages = [
      gridPage(table([HEADER, short(ROW_A)]), 1).page,
      gridPage(table([short(ROW_B), short(ROW_C)]), 2).page,
    ];
    expect(read(pages)).toEqual([
      ["7.1.5", "记录不全", 1],
      ["8.5.1", "记录不全", 2],
      ["9.2.2", "记录不全", 2],
    ]);
  });

  it("keeps two rows of the same text in one table (other boxes) as two NCs", () => {
    const pages = [gridPage(table([HEADER, ROW_A, ROW_A]), 1).page];
    const items = read(pages);
    expect(items).toEqual([
      ["7.1.5", ROW_A[4], 1],
      ["7.1.5", ROW_A[4], 1],
    ]);
  });

  it("keeps the same row at the same boxes on two pages (two headed tables) as two NCs", () => {
    const pages = [gridPage(table([HEADER, ROW_A]), 1).page, gridPage(table([HEADER, ROW_A]), 2).page];
    expect(read(pages)).toEqual([
      ["7.1.5", ROW_A[4], 1],
      ["7.1.5", ROW_A[4], 2],
    ]);
  });
});
