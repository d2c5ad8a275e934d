/**
 * A recommendation option whose words state a condition (after verification of corrective actions, 验证…后) is the
 * after-correction option, though it also holds the full option's words (Recommended for continued certification,
 * 推荐认证注册) — seed 9620: tuv-stacked 009/022, isc 024.
 */
import { describe, expect, it } from "vitest";
import { conditionIn, levelInLabel } from "../../src/lexicon/options.ts";
import { lineChars, textHeight } from "../../src/parse/checkbox/chars.ts";
import { findLabels, termIn } from "../../src/parse/checkbox/vocab.ts";
import { ocrLine } from "../checkbox/ocr-line.ts";

function labels(spec: string): { value: string; label: string; context: boolean }[] {
  const line = ocrLine(spec, { cjk: 26, gap: 0 });
  return findLabels(lineChars(line), textHeight(line)).map((x) => ({
    value: x.term.value,
    label: x.optionText ?? x.text,
    context: x.optionContext,
  }));
}

describe("a condition anywhere in a recommendation option's text", () => {
  it("grades an option's whole text by its condition, English or Chinese", () => {
    expect(
      termIn(
        "Recommended for continued certification after verification of corrective actions纠正措施验证后推荐",
      )?.value,
    ).toBe("recommend_after_correction");
    // The English misread (afer) still holds the Chinese condition.
    expect(
      termIn("Recommendedforcontinuedcertificationaferverificationof cor 纠正措施验证后推荐")?.value,
    ).toBe("recommend_after_correction");
    expect(termIn("并经审核组验证有效后,推荐认证注册")?.value).toBe("recommend_after_correction");
    expect(levelInLabel("recommendation", "并经审核组验证有效后,推荐认证注册")).toBe("partial");
    expect(
      levelInLabel(
        "recommendation",
        "Recommended for certification upon verification of the corrective actions",
      ),
    ).toBe("partial");
  });

  it("leaves unconditional and negative options as they are", () => {
    expect(termIn("Recommended for continued certification 推荐保持认证")?.value).toBe("recommend");
    expect(termIn("推荐认证注册")?.value).toBe("recommend");
    expect(termIn("Certification not recommended不推荐保持认证")?.value).toBe("not_recommend");
    expect(levelInLabel("recommendation", "推荐认证注册")).toBe("full");
    expect(conditionIn("recommendation", "推荐认证注册")).toBeNull();
    // Families without a condition never take one.
    expect(conditionIn("conformity", "验证后符合")).toBeNull();
  });

  it("a checkbox label takes in the rest of its option's line, not the next option's", () => {
    const one = labels("Recommendedforcontinuedcertificationaferverificationof|cor|纠正措施验证后推荐");
    expect(one[0]).toMatchObject({ value: "recommend_after_correction", context: true });
    expect(one[0]?.label).toContain("验证后推荐");
    const row = labels("推荐认证注册| |整改验证后推荐认证注册| |不推荐认证注册");
    expect(row.map((x) => x.value)).toEqual(["recommend", "recommend_after_correction", "not_recommend"]);
  });
});
