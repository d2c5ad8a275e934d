import { describe, expect, it } from "vitest";
import type { BoxMark, OcrPage } from "../../src/domain/ocr.ts";
import { buildGroups } from "../../src/parse/checkbox/group.ts";

/** A mark whose label box is centred on `cy`, 24 px tall, with its box just left of the label. */
const mark = (label: string, x: number, cy: number, state: BoxMark["state"]): BoxMark => ({
  label,
  labelBbox: [x + 30, cy - 12, x + 30 + 24 * Array.from(label).length, cy + 12],
  bbox: [x, cy - 13, x + 26, cy + 13],
  state,
  confidence: 0.9,
});

function page(marks: BoxMark[]): OcrPage {
  const word = {
    text: "适用要求",
    bbox: [150, 160, 255, 186] as [number, number, number, number],
    confidence: 0.9,
  };
  return {
    page: 4,
    source: "ocr",
    width: 1654,
    height: 2339,
    dpi: 200,
    rotation: 0,
    skew: 0,
    text: "适用要求",
    lines: [{ text: "适用要求", bbox: word.bbox, confidence: 0.9, words: [word] }],
    meanConfidence: 0.9,
    marks,
    error: null,
  };
}

describe("checkbox rows", () => {
  it("keeps a row read a little aslant in one group (its ends 12.5 px apart, 24 px text)", () => {
    const groups = buildGroups([
      page([
        mark("满足", 680, 181, "checked"),
        mark("基本满足", 945, 175, "unchecked"),
        mark("不满足", 1212, 168.5, "unchecked"),
      ]),
    ]);
    expect(groups.map((g) => g.group.options.map((o) => o.label))).toEqual([["满足", "基本满足", "不满足"]]);
  });

  it("still parts two rows a line apart", () => {
    const groups = buildGroups([
      page([
        mark("满足", 680, 175, "checked"),
        mark("不满足", 1212, 175, "unchecked"),
        mark("满足", 680, 215, "unchecked"),
        mark("不满足", 1212, 215, "checked"),
      ]),
    ]);
    expect(groups).toHaveLength(2);
  });
});

describe("a section's evaluation row", () => {
  const line = (text: string, bbox: [number, number, number, number]) => ({
    text,
    bbox,
    confidence: 0.9,
    words: [{ text, bbox, confidence: 0.9 }],
  });
  const pageWith = (n: number, lines: ReturnType<typeof line>[], marks: BoxMark[]): OcrPage => ({
    ...page(marks),
    page: n,
    text: lines.map((l) => l.text).join("\n"),
    lines,
  });
  const row = [mark("符合", 160, 170, "checked"), mark("基本符合", 280, 170, "unchecked")];

  it("takes its heading from the foot of the page before when the row opens its page (seed 777)", () => {
    const groups = buildGroups([
      pageWith(
        3,
        [line("3.5 体系支持", [162, 2087, 324, 2115]), line("第3 页共4页", [751, 2226, 903, 2249])],
        [],
      ),
      pageWith(4, [line("口符合 口基本符合", [160, 155, 560, 185])], row),
    ]);
    expect(groups.map((g) => g.group.id)).toEqual(["evaluation.3.5"]);
  });

  it("does not reach back a page when text stands above the row, or the page before is not the one before", () => {
    const under = buildGroups([
      pageWith(3, [line("3.5 体系支持", [162, 2087, 324, 2115])], []),
      pageWith(
        4,
        [line("组织现有人员58人。", [160, 100, 600, 128]), line("口符合 口基本符合", [160, 155, 560, 185])],
        row,
      ),
    ]);
    expect(under.map((g) => g.group.id)).not.toContain("evaluation.3.5");
    const gap = buildGroups([
      pageWith(2, [line("3.5 体系支持", [162, 2087, 324, 2115])], []),
      pageWith(4, [line("口符合 口基本符合", [160, 155, 560, 185])], row),
    ]);
    expect(gap.map((g) => g.group.id)).not.toContain("evaluation.3.5");
  });

  it("reads a section number whose dot OCR read as a comma (2,2策划, seed 777)", () => {
    const marks = [mark("符合", 300, 170, "checked"), mark("基本符合", 420, 170, "unchecked")];
    const groups = buildGroups([pageWith(2, [line("2,2策划", [160, 158, 290, 182])], marks)]);
    expect(groups.map((g) => g.group.id)).toEqual(["evaluation.2.2"]);
  });
});
