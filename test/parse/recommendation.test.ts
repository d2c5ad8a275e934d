import { describe, expect, it } from "vitest";
import { readRecommendationText } from "../../src/parse/fields/recommendation.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

const read = (text: string) => readRecommendationText(buildLines(layoutPages(text))).value;

describe("recommendation written as a sentence", () => {
  it("reads a stated recommendation, at lower confidence than a tick", () => {
    const lines = buildLines(layoutPages("审核结论\n审核组认为该组织管理体系运行有效，推荐再认证注册。"));
    const field = readRecommendationText(lines);
    expect(field.value).toBe("recommend");
    expect(field.confidence).toBeLessThan(0.9);
    expect(read("审核组一致同意不予推荐认证注册。")).toBe("not_recommend");
    expect(read("不符合项的纠正措施经验证关闭后推荐认证注册。")).toBe("recommend_after_correction");
  });

  it("keeps the condition of a sentence that wraps inside its words (…纠 / 正措施验证后推荐认证)", () => {
    expect(read("推荐意见：纠正措施验证后推荐认证")).toBe("recommend_after_correction");
    expect(
      read(
        "Recommendation推荐意见:Certification recommended after verification of corrective actions纠\n正措施验证后推荐认证",
      ),
    ).toBe("recommend_after_correction");
    // A line above that sets no condition changes nothing.
    expect(read("审核组认为该组织管理体系运行有效，\n推荐再认证注册。")).toBe("recommend");
  });

  it("does not take the objective's question, a line of options, or sentences that disagree", () => {
    expect(read("审核目的：确认组织管理体系持续符合要求，决定能否推荐再认证注册。")).toBeNull();
    // With a character OCR put into the question (seed 31415).
    expect(read("与审核准则的符合性和有效性,从而确定能和否推荐注册")).toBeNull();
    expect(read("推荐意见：口推荐认证注册 口不推荐认证注册")).toBeNull();
    expect(read("推荐意见：☑推荐认证注册")).toBeNull();
    expect(read("审核组推荐认证注册。\n审核组不推荐认证注册。")).toBeNull();
    expect(read("审核组认为体系运行有效。")).toBeNull();
  });
});

describe("options printed one per line whose boxes were lost", () => {
  it("are no statement, nor is what follows a recommendation (seed report scans)", () => {
    // The three options under 结论为:, as the scanned seed prints them.
    expect(
      read(
        "本次现场审核结论为:\n推荐认证注册\n在商定的时间内完成对不符合项的整改，并经审核组验证有效后，推荐认证注册。\n不予推荐",
      ),
    ).toBeNull();
    // The other options under a seal: the one left, with a speck for its box, is still an option.
    expect(read("本次现场审核结论为全认，\n推荐认证注册 人\n态")).toBeNull();
    expect(read("审核组推荐认证后，认证机构将根据审核结果做出是否批准认证的决定。")).toBeNull();
  });
});

describe("issue #26: what a statement's line holds besides it", () => {
  it("keeps the condition of a sentence when the line goes on after its full stop (a seal read beside it)", () => {
    // hx-prose wording (fixtures/generator/families/hx-prose-words.ts); 中心有 is the seal's text OCR put on the line.
    const text =
      "审核组一致认为，金微公司的质量管理体系运行基本有效，建议在受审核方完成不符合项纠正并经\n验证有效后予以认证注册。 中心有";
    expect(read(text)).toBe("recommend_after_correction");
  });
  it("does not take a recommended-scope label that wrapped in its cell for a recommendation", () => {
    // tuv-stacked's label Recommended Scope/推荐认证范围 (tuv-stacked-words.ts), 范围 wrapped under the value.
    expect(read("Recommended Scope/推荐认证 住宅小区及写字楼的物业管理服务\n范围")).toBeNull();
  });
});
