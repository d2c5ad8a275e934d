import { describe, expect, it } from "vitest";
import type { Field } from "../../src/domain/field.ts";
import { dropInsertion } from "../../src/parse/fields/scope-vote.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { withCharConfidences } from "./helpers/confidence.ts";
import { layoutPages } from "./helpers/layout.ts";

const field = (value: string): Field<string> => ({
  value,
  raw: value,
  confidence: 0.9,
  page: 1,
  bbox: [0, 0, 10, 10],
  method: "ocr",
});

// As tesseract.js read scopes printed twice on unseen reports (seed 8888).
describe("a scope read with one character more than at another place", () => {
  it("drops a bracket read twice (〈（)", () => {
    const lines = buildLines(layoutPages("认证范围 中餐类制售〈(含凉菜)\n推荐认证范围：中餐类制售(含凉菜)"));
    const out = dropInsertion(
      field("中餐类制售〈（含凉菜）"),
      ["中餐类制售〈（含凉菜）", "中餐类制售（含凉菜）"],
      lines,
    );
    expect(out.value).toBe("中餐类制售（含凉菜）");
    expect(out.method).toBe("derived");
  });

  it("drops an extra character only where it was read unclearly", () => {
    const text = "认证范围 中和餐类制售\n推荐认证范围：中餐类制售";
    const read = (conf: number) =>
      dropInsertion(
        field("中和餐类制售"),
        ["中和餐类制售", "中餐类制售"],
        buildLines(
          withCharConfidences(layoutPages(text), { 中和餐类制售: [[0.9, conf, 0.9, 0.9, 0.9, 0.9]] }),
        ),
      ).value;
    expect(read(0.4)).toBe("中餐类制售");
    expect(read(0.95)).toBe("中和餐类制售");
  });

  it("keeps readings that differ otherwise", () => {
    const lines = buildLines(layoutPages("认证范围 中餐类制售\n推荐认证范围：西餐类制售"));
    expect(dropInsertion(field("中餐类制售"), ["西餐类制售"], lines).value).toBe("中餐类制售");
  });
});
