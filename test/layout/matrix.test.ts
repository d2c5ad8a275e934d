import { describe, expect, it } from "vitest";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { LayoutCell, LayoutTable } from "../../src/domain/layout.ts";
import type { OcrLine, OcrPage } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";
import { matrixRows } from "../../src/layout/matrix.ts";
import { readCheckboxFields } from "../../src/parse/checkbox/index.ts";

/** A ruled matrix as the layout stage sees it: cells with their OCR text, on a white page whose pixels hold only the
 * marks drawn into the cells named (a √ stroke; the tests never draw the rules: the reader leaves them out anyway). */
const COL_W = [400, 160, 160, 160, 160];
const ROW_H = 60;
const LEFT = 100;
const TOP = 200;

function cellBox(r: number, c: number): Bbox {
  const x0 = LEFT + COL_W.slice(0, c).reduce((a, b) => a + b, 0);
  return [x0, TOP + r * ROW_H, x0 + COL_W[c]!, TOP + (r + 1) * ROW_H];
}

function table(rows: string[][]): LayoutTable {
  const cells: LayoutCell[] = rows.flatMap((row, r) =>
    row.map((text, c) => ({
      row: r,
      col: c,
      rowSpan: 1,
      colSpan: 1,
      bbox: cellBox(r, c),
      text,
      lines: text ? [text] : [],
      confidence: text ? 0.9 : 0,
    })),
  );
  const last = cellBox(rows.length - 1, rows[0]!.length - 1);
  return { bbox: [LEFT, TOP, last[2], last[3]], rows: rows.length, cols: rows[0]!.length, cells };
}

function page(marks: [number, number][]): PageImage {
  const width = 1300;
  const height = 900;
  const data = new Uint8Array(width * height).fill(245);
  for (const [r, c] of marks) {
    const [x0, y0, , y1] = cellBox(r, c);
    const cx = x0 + 70;
    // A tick: down-right for 12 px, then up-right for 24 px, 3 px thick.
    for (let i = 0; i < 36; i++) {
      const x = cx + i;
      const y = i < 12 ? (y0 + y1) / 2 + i : (y0 + y1) / 2 + 12 - (i - 12);
      for (let t = 0; t < 3; t++) for (let u = 0; u < 3; u++) data[(Math.round(y) + t) * width + x + u] = 20;
    }
  }
  return { width, height, channels: 1, data, dpi: 200 };
}

function line(text: string, b: Bbox): OcrLine {
  return { text, bbox: b, confidence: 0.9, words: [{ text, bbox: b, confidence: 0.9 }] };
}

const ROWS = [
  ["评价项目", "有效", "基本有效", "无效", "备注"],
  ["管理体系文件", "", "", "", ""],
  ["内部审核和管理评审", "", "", "", ""],
  ["体系运行", "", "", "", ""],
];

function ocrPage(rows: string[][], img: PageImage): OcrPage {
  const t = table(rows);
  const lines = t.cells
    .filter((c) => c.text)
    .map((c) =>
      line(c.text, [c.bbox[0] + 8, c.bbox[1] + 15, c.bbox[0] + 8 + 30 * c.text.length, c.bbox[1] + 45]),
    );
  return {
    page: 1,
    source: "ocr",
    width: img.width,
    height: img.height,
    dpi: img.dpi,
    rotation: 0,
    skew: 0,
    text: lines.map((l) => l.text).join("\n"),
    lines,
    meanConfidence: 0.9,
    marks: [],
    layout: { tables: [t], pairs: [], options: matrixRows(img, [t], []), ms: 0 },
    error: null,
  };
}

describe("evaluation matrices (option words as column headings, marks in the cells)", () => {
  it("reads one group a row: options the headings, state the cell's ink, the row label its subject", () => {
    const img = page([
      [1, 1],
      [2, 2],
      [3, 1],
      [3, 2],
    ]);
    const rows = matrixRows(img, [table(ROWS)], []);
    expect(rows.map((r) => r.lead)).toEqual(["管理体系文件", "内部审核和管理评审", "体系运行"]);
    expect(rows[0]!.boxes.map((b) => [b.text, b.state])).toEqual([
      ["有效", "checked"],
      ["基本有效", "unchecked"],
      ["无效", "unchecked"],
    ]);
    const fields = readCheckboxFields([ocrPage(ROWS, img)]);
    expect(fields.conclusion).toEqual({
      管理体系文件: "有效",
      内部审核和管理评审: "基本有效",
      体系运行: null,
    });
    const running = fields.checkboxGroups.find((g) => g.id === "conclusion.体系运行");
    expect(running?.options.filter((o) => o.state === "checked").map((o) => o.label)).toEqual([
      "有效",
      "基本有效",
    ]);
    expect(running?.options.every((o) => o.located === true)).toBe(true);
  });

  it("leaves a row with no mark unticked, and a row whose cells hold words to the text readers", () => {
    const rows = [...ROWS.slice(0, 3), ["体系运行", "见附件", "", "", ""]];
    const img = page([[1, 3]]);
    const read = matrixRows(img, [table(rows)], []);
    expect(read.map((r) => r.lead)).toEqual(["管理体系文件", "内部审核和管理评审"]);
    expect(read[1]!.boxes.every((b) => b.state === "unchecked")).toBe(true);
    const fields = readCheckboxFields([ocrPage(rows, img)]);
    expect(fields.conclusion.内部审核和管理评审).toBeNull();
    expect(fields.conclusion.管理体系文件).toBe("无效");
  });

  it("reads clause rows as evaluations and a matrix with no label column (the recommendation)", () => {
    const evals = [
      ["条款/过程", "符合", "基本符合", "不符合", "备注"],
      ["2.1 组织的环境和领导作用", "", "", "", ""],
    ];
    const fields = readCheckboxFields([ocrPage(evals, page([[1, 2]]))]);
    expect(fields.evaluationResults.get("2.1")?.value).toBe("基本符合");
    const rec = [
      ["推荐注册", "验证后推荐", "不推荐"],
      ["", "", ""],
    ];
    const img = page([[1, 1]]);
    const t = table(rec);
    expect(matrixRows(img, [t], [])[0]!.boxes.map((b) => b.state)).toEqual([
      "unchecked",
      "checked",
      "unchecked",
    ]);
    expect(readCheckboxFields([ocrPage(rec, img)]).recommendation.value).toBe("recommend_after_correction");
  });

  it("reads a question matrix (是 / 否 columns): each answer recorded as its criterion's word", () => {
    const rows = [
      ["审核项目", "是", "否", "备注"],
      ["管理体系运行是否有效", "", "", ""],
      ["内部审核和管理评审是否有效", "", "", ""],
    ];
    const fields = readCheckboxFields([
      ocrPage(
        rows,
        page([
          [1, 1],
          [2, 2],
        ]),
      ),
    ]);
    expect(fields.conclusion).toEqual({ 体系运行: "有效", 内部审核和管理评审: "无效" });
  });

  it("takes a heading printed in both languages (符合 Conform) as its option", () => {
    const rows = [
      ["条款 Clause", "符合 Conform", "基本符合 Partly conform", "不符合 Not conform"],
      ["2.4 运行 Operation", "", "", ""],
    ];
    const fields = readCheckboxFields([ocrPage(rows, page([[1, 3]]))]);
    expect(fields.evaluationResults.get("2.4")?.value).toBe("不符合");
  });

  it("is no matrix when the heading names no options of one vocabulary", () => {
    const rows = [
      ["姓名", "组内身份", "资格级别", "注册证书编号", "专业代码"],
      ["杨雪静", "", "", "", ""],
    ];
    expect(matrixRows(page([[1, 1]]), [table(rows)], [])).toEqual([]);
  });
});
