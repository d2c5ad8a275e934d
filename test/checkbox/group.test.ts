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
