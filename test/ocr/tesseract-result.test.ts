import { describe, expect, it } from "vitest";
import { linesFromTsv } from "../../src/ocr/tesseract-result.ts";

// Rows as tesseract.js 7 returned them for the top of a report page (a speck line and an empty word added).
const TSV = [
  "1\t1\t0\t0\t0\t0\t0\t0\t1703\t2372\t-1\t",
  "2\t1\t1\t0\t0\t0\t168\t194\t1327\t1747\t-1\t",
  "3\t1\t1\t1\t0\t0\t168\t194\t1327\t1747\t-1\t",
  "4\t1\t1\t1\t1\t0\t204\t194\t330\t48\t-1\t",
  "5\t1\t1\t1\t1\t1\t204\t199\t27\t27\t93.056221\t项",
  "5\t1\t1\t1\t1\t2\t245\t198\t33\t28\t93.258736\t目",
  "5\t1\t1\t1\t1\t3\t292\t194\t37\t48\t93.302933\t编号",
  "5\t1\t1\t1\t1\t4\t338\t203\t1\t19\t78.826889\t:",
  "5\t1\t1\t1\t1\t5\t390\t194\t144\t48\t91.112022\t20647-2023-Q",
  "4\t1\t1\t1\t2\t0\t205\t247\t229\t28\t-1\t",
  "5\t1\t1\t1\t2\t1\t205\t247\t71\t28\t96.278252\t管理",
  "5\t1\t1\t1\t2\t2\t275\t243\t43\t44\t-1\t ",
  "5\t1\t1\t1\t2\t3\t333\t243\t58\t44\t96.213127\t审核",
  "4\t1\t1\t1\t3\t0\t900\t900\t3\t3\t-1\t",
  "5\t1\t1\t1\t3\t1\t900\t900\t3\t3\t0\t ",
  "",
].join("\n");

describe("linesFromTsv", () => {
  const lines = linesFromTsv(TSV);

  it("keeps lines with words, in order, with boxes as [x0, y0, x1, y1]", () => {
    expect(lines.map((l) => l.bbox)).toEqual([
      [204, 194, 534, 242],
      [205, 247, 434, 275],
    ]);
    expect(lines[0]!.words.map((w) => [w.text, w.bbox])).toEqual([
      ["项", [204, 199, 231, 226]],
      ["目", [245, 198, 278, 226]],
      ["编号", [292, 194, 329, 242]],
      [":", [338, 203, 339, 222]],
      ["20647-2023-Q", [390, 194, 534, 242]],
    ]);
  });

  it("drops empty words and gives confidences on 0..1, the line's as the mean of its words'", () => {
    expect(lines[1]!.words.map((w) => w.text)).toEqual(["管理", "审核"]);
    expect(lines[0]!.words[3]!.confidence).toBeCloseTo(0.788, 3);
    expect(lines[1]!.confidence).toBeCloseTo((0.96278252 + 0.96213127) / 2, 6);
  });

  it("prints a space only where words stand apart by more than 0.7 of the line's height", () => {
    // 339 → 390 is 51 px on a 48 px line, 项 → 目 14 px; the dropped empty word left 57 px on a 28 px line.
    expect(lines.map((l) => l.text)).toEqual(["项目编号: 20647-2023-Q", "管理 审核"]);
  });

  it("reads nothing from no output", () => {
    expect(linesFromTsv(null)).toEqual([]);
    expect(linesFromTsv("")).toEqual([]);
  });
});
