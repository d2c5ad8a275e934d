import { describe, expect, it } from "vitest";
import type { Field } from "../../src/domain/field.ts";
import { dropInsertion } from "../../src/parse/fields/insertion-vote.ts";
import { mendScopeRemark } from "../../src/parse/fields/scope-remark.ts";
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

// As tesseract.js read values printed at several places on unseen reports (seeds 8888, 2468).
describe("a value read with one character more than at another place", () => {
  it("drops a bracket read twice (〈（)", () => {
    const lines = buildLines(layoutPages("认证范围 中餐类制售〈(含凉菜)\n推荐认证范围：中餐类制售(含凉菜)"));
    const out = dropInsertion(field("中餐类制售〈（含凉菜）"), lines, [
      "中餐类制售〈（含凉菜）",
      "中餐类制售（含凉菜）",
    ]);
    expect(out.value).toBe("中餐类制售（含凉菜）");
    expect(out.method).toBe("derived");
  });

  it("drops an extra character read unclearly, or one more places print without", () => {
    const text = "认证范围 中和餐类制售\n推荐认证范围：中餐类制售";
    const read = (conf: number, others: string[]) =>
      dropInsertion(
        field("中和餐类制售"),
        buildLines(
          withCharConfidences(layoutPages(text), { 中和餐类制售: [[0.9, conf, 0.9, 0.9, 0.9, 0.9]] }),
        ),
        others,
      ).value;
    expect(read(0.4, [])).toBe("中餐类制售");
    // A clear extra character against one place without it: either place may be wrong, the value stays.
    expect(read(0.95, [])).toBe("中和餐类制售");
    // Against more places without it, it goes.
    expect(read(0.95, ["中餐类制售"])).toBe("中餐类制售");
  });

  it("takes the organisation the running headers print over the cover's one reading (重庆人金微)", () => {
    const text = [
      "组织名称: 重庆人金微科技有限公司",
      "受审核方名称: 重庆金微科技有限公司",
      "乙方: 重庆金微科技有限公司",
    ].join("\n");
    expect(dropInsertion(field("重庆人金微科技有限公司"), buildLines(layoutPages(text))).value).toBe(
      "重庆金微科技有限公司",
    );
  });

  it("keeps readings that differ otherwise, and a doubled character", () => {
    const lines = buildLines(layoutPages("认证范围 中餐类制售\n推荐认证范围：西餐类制售"));
    expect(dropInsertion(field("中餐类制售"), lines, ["西餐类制售"]).value).toBe("中餐类制售");
    const twice = buildLines(layoutPages("受审核方：丽丽服饰有限公司\n丽服饰有限公司"));
    expect(dropInsertion(field("丽丽服饰有限公司"), twice).value).toBe("丽丽服饰有限公司");
  });
});

describe("a scope's bracketed remark", () => {
  /** The scope printed once after its label, its 合 read at `conf`, other characters clearly. */
  const mend = (value: string, conf: number, before = "") => {
    const confs = { [value]: [[...value].map((ch) => (ch === "合" ? conf : 0.95))] };
    const text = `${before}认证范围： ${value}`;
    return mendScopeRemark(field(value), buildLines(withCharConfidences(layoutPages(text), confs)));
  };

  it("opens with 含 where OCR read 合 unsurely (the noise model's measured 含 -> 合, seeds 2468, 31415)", () => {
    expect(mend("中餐类制售（合凉菜）", 0.8).value).toBe("中餐类制售（含凉菜）");
    expect(mend("中餐类制售（合凉菜）", 0.8).method).toBe("derived");
    expect(mend("中餐类制售（含凉菜）", 0.8).method).toBe("ocr");
  });

  it("keeps 合 read clearly, and 合 starting a division or a word the document prints clearly elsewhere", () => {
    expect(mend("物业服务（合租）", 0.95).value).toBe("物业服务（合租）");
    expect(mend("餐饮服务（合肥市范围内）", 0.95).value).toBe("餐饮服务（合肥市范围内）");
    expect(mend("餐饮服务（合肥市范围内）", 0.8).value).toBe("餐饮服务（合肥市范围内）");
    expect(mend("物业管理服务（合同范围内）", 0.8, "合同编号： HT-001\n").value).toBe(
      "物业管理服务（合同范围内）",
    );
  });
});
