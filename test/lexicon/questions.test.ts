import { describe, expect, it } from "vitest";
import { buildModel } from "../../fixtures/generator/build-model.ts";
import { familyById } from "../../fixtures/generator/families/index.ts";
import type { ReportModel } from "../../fixtures/generator/model.ts";
import { createRng } from "../../fixtures/generator/prng.ts";
import type { Block } from "../../fixtures/generator/render.ts";
import { truthFieldsOf } from "../../fixtures/generator/report.ts";
import { markPicker, planScan } from "../../fixtures/generator/scan-plan.ts";
import type { BoxMark, OcrPage } from "../../src/domain/ocr.ts";
import { compareFields } from "../../src/eval/fields.ts";
import { criterionOfQuestion } from "../../src/parse/checkbox/questions.ts";
import { parseDocument } from "../../src/parse/index.ts";
import { gridPage, type TableBlock } from "../layout/helpers/grid-page.ts";
import { layoutPages } from "../parse/helpers/layout.ts";

const COVER = "管理体系审核报告\n审核组长：见审核组\n审核目的：评价管理体系与审核准则的符合性。";

function conclusionTable(seed: number): { m: ReportModel; table: TableBlock } | null {
  const m = buildModel(createRng(seed), {
    name: `q-${seed}`,
    index: seed % 50,
    layout: "cqm-multi",
    plants: [],
  });
  const rng = createRng(m.renderSeed);
  const blocks: Block[] = familyById("cqm-multi").blocks(
    m,
    rng.fork("text"),
    markPicker(rng.fork("marks"), planScan(rng.fork("scan"), 4)),
  );
  const table = blocks.find(
    (b): b is TableBlock => b.kind === "table" && (b.tags ?? []).includes("conclusion"),
  );
  return table ? { m, table } : null;
}

/** The marks the pixel reader gives for the drawn box glyphs (☑ ticked, 口 empty), each with the words after it. */
function withMarks(page: OcrPage): OcrPage {
  const marks: BoxMark[] = [];
  for (const line of page.lines) {
    const words = line.words;
    words.forEach((w, i) => {
      if (w.text !== "☑" && w.text !== "口") return;
      const label: typeof words = [];
      for (const n of words.slice(i + 1)) {
        if (n.text === "☑" || n.text === "口") break;
        label.push(n);
      }
      if (label.length === 0) return;
      marks.push({
        label: label.map((x) => x.text).join(""),
        labelBbox: [
          label[0]!.bbox[0],
          label[0]!.bbox[1],
          label[label.length - 1]!.bbox[2],
          label[0]!.bbox[3],
        ],
        bbox: w.bbox,
        state: w.text === "☑" ? "checked" : "unchecked",
        confidence: 0.95,
      });
    });
  }
  return { ...page, marks };
}

describe("conclusion criteria asked as questions (lexicon)", () => {
  it("maps a question to its criterion, with OCR slips, and leaves a criterion or other text alone", () => {
    expect(criterionOfQuestion("管理体系运行是否有效")?.criterion).toBe("体系运行");
    expect(criterionOfQuestion("管理体系运行是否有郊")?.criterion).toBe("体系运行");
    expect(criterionOfQuestion("4 内部审核和管理评审是否有效")?.criterion).toBe("内部审核和管理评审");
    expect(criterionOfQuestion("审核准则的要求")).toBeNull();
    expect(criterionOfQuestion("内部审核和管理评审过程")).toBeNull();
  });

  it("reads cqm-multi's 是 / 基本 / 否 rows as the generator's criteria and words", () => {
    let checked = 0;
    for (let seed = 1; seed < 30 && checked < 4; seed++) {
      const found = conclusionTable(seed);
      if (!found) continue;
      checked++;
      const pages = layoutPages(COVER);
      pages.push(withMarks(gridPage(found.table, pages.length + 1).page));
      const results = compareFields(truthFieldsOf(found.m), parseDocument(pages).report).filter(
        (r) => r.field === "conclusion",
      );
      expect(results.length).toBeGreaterThan(0);
      expect(results.filter((r) => r.outcome !== "correct").map((r) => [r.expected, r.actual])).toEqual([]);
    }
    expect(checked).toBe(4);
  });
});
