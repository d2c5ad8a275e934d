import { describe, expect, it } from "vitest";
import type { OcrPage } from "../../src/domain/ocr.ts";
import { buildPageLayout } from "../../src/layout/index.ts";
import { mayBeBoxReading } from "../../src/noise/option-readings.ts";
import { detectMarks } from "../../src/parse/checkbox/detect.ts";
import { readCheckboxFields } from "../../src/parse/checkbox/index.ts";
import { type DrawOptions, drawPage, type Row } from "../checkbox/draw.ts";

/** Draws rows, reads marks and the layout stage's option rows, as the page stage does. */
async function pageOf(rows: Row[], o: DrawOptions = {}): Promise<OcrPage> {
  const d = await drawPage(rows, { width: 2200, ...o });
  return {
    page: 1,
    source: "ocr",
    width: d.image.width,
    height: d.image.height,
    dpi: d.image.dpi,
    rotation: 0,
    skew: 0,
    text: d.lines.map((l) => l.text).join("\n"),
    lines: d.lines,
    meanConfidence: 0.85,
    marks: detectMarks(d.image, d.lines),
    layout: await buildPageLayout(d.image, d.lines),
    error: null,
  };
}

describe("option rows from pixels (layout stage)", () => {
  it("finds each box, its state and its option text; a row of unknown words is still a group", async () => {
    const page = await pageOf([
      {
        prefix: "处理方式",
        options: [
          { label: "电话沟通", box: "empty" },
          { label: "书面材料", box: "tick" },
          { label: "邮件确认", box: "empty" },
        ],
      },
    ]);
    const rows = page.layout?.options ?? [];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.boxes.map((b) => [b.text, b.state])).toEqual([
      ["电话沟通", "unchecked"],
      ["书面材料", "checked"],
      ["邮件确认", "unchecked"],
    ]);
    const groups = readCheckboxFields([page]).checkboxGroups;
    const unknown = groups.find((g) => g.id.startsWith("options."));
    expect(unknown?.label).toBe("处理方式");
    expect(unknown?.options.map((o) => [o.label, o.state, o.located])).toEqual([
      ["电话沟通", "unchecked", true],
      ["书面材料", "checked", true],
      ["邮件确认", "unchecked", true],
    ]);
  });

  it("marks the options of a row found in the pixels as located", async () => {
    const page = await pageOf([
      {
        prefix: "审核准则的要求",
        options: [
          { label: "符合", box: "tick" },
          { label: "基本符合", box: "empty" },
          { label: "不符合", box: "empty" },
        ],
      },
    ]);
    const g = readCheckboxFields([page]).checkboxGroups.find((x) => x.id.startsWith("conclusion."));
    expect(g?.options.map((o) => [o.label, o.state, o.located])).toEqual([
      ["符合", "checked", true],
      ["基本符合", "unchecked", true],
      ["不符合", "unchecked", true],
    ]);
  });

  it("a box-like character in running text with no box in the pixels is never an option", async () => {
    const page = await pageOf([{ options: [{ label: "有效", box: "none" }] }], {
      narrative: ["抽查记录口符合要求，审核组认为体系运行有效。"],
    });
    expect(page.layout?.options ?? []).toEqual([]);
    expect(readCheckboxFields([page]).checkboxGroups).toEqual([]);
  });

  it("a square OCR read as a measured box reading (妇, 既) is a box; one read as an ordinary character is text", () => {
    expect(mayBeBoxReading("妇")).toBe(true);
    expect(mayBeBoxReading("既")).toBe(true);
    expect(mayBeBoxReading("口")).toBe(true);
    expect(mayBeBoxReading("审")).toBe(false);
  });
});
