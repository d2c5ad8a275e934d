/**
 * Rows of a combined audit plan and report (wsc-plan, docs/families-wsc.md): a 条款符合性一览表 whose first column holds
 * the section number and whose second starts with a clause number of its own (2.1 | 4 组织环境、5 领导作用 | □符合 …),
 * and conclusion criteria printed as numbered paragraphs (1．管理体系文件：□有效 …).
 */
import { describe, expect, it } from "vitest";
import type { Field } from "../../src/domain/field.ts";
import type { BoxMark, OcrLine, OcrPage } from "../../src/domain/ocr.ts";
import { detectMarks } from "../../src/parse/checkbox/detect.ts";
import { buildGroups } from "../../src/parse/checkbox/group.ts";
import { termIn } from "../../src/parse/checkbox/vocab.ts";
import { readEvaluations } from "../../src/parse/fields/evaluations.ts";
import { drawPage } from "./draw.ts";

const mark = (label: string, x: number, cy: number, state: BoxMark["state"]): BoxMark => ({
  label,
  labelBbox: [x + 30, cy - 12, x + 30 + 24 * Array.from(label).length, cy + 12],
  bbox: [x, cy - 13, x + 26, cy + 13],
  state,
  confidence: 0.9,
});
const line = (text: string, x: number, cy: number): OcrLine => {
  const bbox: [number, number, number, number] = [x, cy - 12, x + 24 * Array.from(text).length, cy + 12];
  return { text, bbox, confidence: 0.9, words: [{ text, bbox, confidence: 0.9 }] };
};
const page = (lines: OcrLine[], marks: BoxMark[]): OcrPage => ({
  page: 3,
  source: "ocr",
  width: 1654,
  height: 2339,
  dpi: 200,
  rotation: 0,
  skew: 0,
  text: lines.map((l) => l.text).join("\n"),
  lines,
  meanConfidence: 0.9,
  marks,
  error: null,
});
const graded = (y: number, ticked: number, words = ["符合", "基本符合", "不符合"]) =>
  words.map((w, i) => mark(w, 800 + 200 * i, y, i === ticked ? "checked" : "unchecked"));

describe("a conformity table row", () => {
  it("takes its section from the number alone in its first cell, not glued to the clause number after it", () => {
    const groups = buildGroups([
      page(
        [
          line("2.1", 160, 300),
          line("4组织环境、5领导作用", 300, 300),
          line("2.6", 160, 360),
          line("10改进", 300, 360),
        ],
        [...graded(300, 0), ...graded(360, 1)],
      ),
    ]);
    expect(groups.map((g) => [g.kind, g.key])).toEqual([
      ["evaluation", "2.1"],
      ["evaluation", "2.6"],
    ]);
  });

  it("is an evaluation of its own where no heading of that number is found", () => {
    const result: Field<"符合"> = {
      value: "符合",
      raw: "符合",
      confidence: 0.9,
      page: 3,
      bbox: [800, 288, 848, 312],
      method: "checkbox",
    };
    const evaluations = readEvaluations([], new Map([["2.1", result]]), new Map([["2.1", "4组织环境"]]));
    expect(evaluations.map((e) => [e.section, e.title, e.result.value])).toEqual([
      ["2.1", "4组织环境", "符合"],
    ]);
  });
});

describe("a numbered conclusion paragraph", () => {
  it("keys the criterion without its list number, however OCR read the number's dot", () => {
    const groups = buildGroups([
      page(
        [
          line("1．管理体系文件：", 160, 300),
          line("2,内部审核和管理评审：", 160, 360),
          line("(3)体系运行：", 160, 420),
        ],
        [
          ...graded(300, 0, ["有效", "基本有效", "无效"]),
          ...graded(360, 1, ["有效", "基本有效", "无效"]),
          ...graded(420, 0, ["有效", "基本有效", "无效"]),
        ],
      ),
    ]);
    expect(groups.map((g) => [g.kind, g.key])).toEqual([
      ["conclusion", "管理体系文件"],
      ["conclusion", "内部审核和管理评审"],
      ["conclusion", "体系运行"],
    ]);
  });

  it("keeps a criterion whose words begin with a digit that is no list number", () => {
    const groups = buildGroups([
      page([line("5G网络运行：", 160, 300)], graded(300, 0, ["有效", "基本有效", "无效"])),
    ]);
    expect(groups[0]?.key).toBe("5G网络运行");
  });
});

describe("the recommendation's conditional option", () => {
  it("is read as a recommendation, not as the 不符合 its sentence opens with", () => {
    expect(termIn("不符合项纠正措施验证后推荐")?.value).toBe("recommend_after_correction");
  });
});

describe("a box OCR dropped between a criterion's colon and its first option", () => {
  it("is read whole: the colon's em-wide OCR box over the box's left edge does not cut the window short", async () => {
    const d = await drawPage([
      {
        prefix: "1.管理体系文件：",
        options: [
          { label: "有效", box: "tick" },
          { label: "基本有效", box: "empty" },
          { label: "无效", box: "empty" },
        ],
      },
    ]);
    // PP-OCR gives the full-width colon a box an em wide that reaches over the left edge of the box after it.
    const [prefix, first, ...rest] = d.lines[0]!.words;
    const em = prefix!.bbox[3] - prefix!.bbox[1];
    const boxLeft = first!.bbox[0] - Math.round(1.15 * em);
    const [x0, y0, x1, y1] = prefix!.bbox;
    const words = [
      { text: "1.管理体系文件", bbox: [x0, y0, x1 - em, y1] as const, confidence: 0.9 },
      { text: "：", bbox: [x1 - em, y0, boxLeft + 4, y1] as const, confidence: 0.9 },
      first!,
      ...rest,
    ].map((w) => ({ ...w, bbox: [...w.bbox] as [number, number, number, number] }));
    const line = { ...d.lines[0]!, words };
    const marks = detectMarks(d.image, [line]);
    expect(marks.map((m) => [m.label, m.state])).toEqual([
      ["有效", "checked"],
      ["基本有效", "unchecked"],
      ["无效", "unchecked"],
    ]);
  });
});

describe("an NC form's 严重程度 label beside its kind boxes", () => {
  it("is no option 严重: a two-character kind word running on into more text is a word of the label", async () => {
    const d = await drawPage(
      [
        {
          prefix: "严重程度",
          options: [
            { label: "严重不符合", box: "empty" },
            { label: "一般不符合", box: "tick" },
          ],
        },
      ],
      { grid: true },
    );
    expect(detectMarks(d.image, d.lines).map((m) => [m.label, m.state])).toEqual([
      ["严重不符合", "unchecked"],
      ["一般不符合", "checked"],
    ]);
  });
});
