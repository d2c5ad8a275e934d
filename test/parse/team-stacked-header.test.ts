import { describe, expect, it } from "vitest";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { OcrLine, OcrPage } from "../../src/domain/ocr.ts";
import { readTeam } from "../../src/parse/fields/team.ts";
import { buildLines } from "../../src/parse/text/lines.ts";

type Box = [string, number, number, number, number];

/** One OCR line per cell, its words with the boxes PP-OCR gave (tuv-stacked, flags set seed 9620, report 022). */
function cell(words: Box[]): OcrLine {
  const bbox: Bbox = [
    Math.min(...words.map((w) => w[1])),
    Math.min(...words.map((w) => w[2])),
    Math.max(...words.map((w) => w[3])),
    Math.max(...words.map((w) => w[4])),
  ];
  return {
    text: words.map((w) => w[0]).join(""),
    bbox,
    confidence: 0.99,
    words: words.map(([text, x0, y0, x1, y1]) => ({ text, bbox: [x0, y0, x1, y1], confidence: 0.99 })),
  };
}

function page(lines: OcrLine[]): OcrPage {
  return {
    page: 1,
    source: "ocr",
    width: 2480,
    height: 3508,
    dpi: 300,
    rotation: 0,
    skew: 0,
    text: lines.map((l) => l.text).join("\n"),
    lines,
    meanConfidence: 0.99,
    marks: [],
    error: null,
  };
}

const chars = (text: string, x0: number, y0: number, w: number, y1: number): Box[] =>
  [...text].map((ch, i) => [ch, x0 + i * w, y0, x0 + (i + 1) * w, y1]);

describe("a team table whose header cells wrap and whose role cells are wider than their header", () => {
  // The name header prints Team Member/姓 over 名: the header line's words sorted by x read Team名Member/姓, and the role cell Audit Team Leader审核组长 reaches past the midpoint between the
  // role and registration headers.
  const lines = [
    // The OCR stage gives the header as one line, 名 among its words (as PP-OCR's replay holds it).
    cell([
      ["Team", 166, 1430, 231, 1472],
      ["Member/", 245, 1430, 360, 1472],
      ["姓", 361, 1430, 388, 1472],
      ["名", 167, 1470, 199, 1510],
      ["Position/", 416, 1446, 536, 1492],
      ...chars("角色", 538, 1446, 26, 1492),
      ["CCAANo./", 793, 1451, 923, 1487],
      ...chars("注册号", 927, 1451, 25, 1487),
      ["Codes/", 1247, 1446, 1346, 1493],
      ...chars("专业代码", 1348, 1446, 27, 1493),
    ]),
    cell(chars("叶菲", 164, 1533, 32, 1555)),
    cell([
      ["Audit", 412, 1533, 483, 1554],
      ["Team", 491, 1533, 548, 1554],
      ["Leader", 560, 1533, 640, 1554],
      ...chars("审核组长", 642, 1533, 25, 1554),
    ]),
    cell([["2022-N1QMS-9368318", 791, 1536, 1055, 1557]]),
    cell([["N/A", 1253, 1535, 1297, 1555]]),
    cell(chars("吴华", 164, 1648, 33, 1671)),
    cell([
      ["Trainee", 417, 1649, 508, 1670],
      ["Auditor", 516, 1649, 608, 1670],
      ...chars("实习审核员", 610, 1649, 24, 1670),
    ]),
    cell([["2017-N1QMS-6479046", 791, 1650, 1055, 1669]]),
    cell([["N/A", 1253, 1650, 1297, 1670]]),
  ];

  it("reads every member with the whole role cell", () => {
    const pages = [page(lines)];
    const team = readTeam(buildLines(pages), pages).map((m) => m.member);
    expect(team.map((m) => m.name.value)).toEqual(["叶菲", "吴华"]);
    expect(team.map((m) => m.role.value)).toEqual(["leader", "member"]);
    expect(team.map((m) => m.registrationNo.value)).toEqual(["2022-N1QMS-9368318", "2017-N1QMS-6479046"]);
    expect(team[1]!.grade.value).toBe("实习审核员");
  });
});
