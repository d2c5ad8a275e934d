/**
 * Bilingual option rows print the English before the Chinese, with the box before the English (□Partly effective
 * 基本有效). OCR misspells the English (Efectve, Partlyeffetive, Not fective) or reads another family's English word
 * in it (Partly, No): the Chinese word names the option and its label opens at the English.
 */
import { describe, expect, it } from "vitest";
import { lineChars, textHeight } from "../../src/parse/checkbox/chars.ts";
import { findLabels, termIn } from "../../src/parse/checkbox/vocab.ts";
import { ocrLine } from "./ocr-line.ts";

function labels(spec: string): { value: string; text: string; context: boolean }[] {
  const line = ocrLine(spec, { cjk: 26, gap: 0 });
  const chars = lineChars(line);
  return findLabels(chars, textHeight(line)).map((x) => ({
    value: x.term.value,
    text: x.text,
    context: x.optionContext,
  }));
}

describe("bilingual options led by their English", () => {
  it("misspelt English opens the Chinese option, in option context, and swallows another family's English word", () => {
    const got = labels("管理体系文件| |Efectve|有效| |Partlyeffetive|基本有效| |Not|fective|无效");
    expect(got).toEqual([
      { value: "有效", text: "Efectve有效", context: true },
      { value: "基本有效", text: "Partlyeffetive基本有效", context: true },
      { value: "无效", text: "Notfective无效", context: true },
    ]);
  });

  it("a Chinese option word after Chinese text keeps its own label", () => {
    expect(labels("体系运行正常有效").map((x) => x.text)).not.toContain("体系运行正常有效");
  });

  it("a bilingual label names its option by the Chinese word", () => {
    expect(termIn("Partlyeffetive基本有效")?.value).toBe("基本有效");
    expect(termIn("Notfective无效")?.value).toBe("无效");
    expect(termIn("Noteffective")?.value).toBe("无效");
  });
});
