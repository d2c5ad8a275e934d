/**
 * Bilingual option rows print the English before the Chinese, with the box before the English (□Partly effective
 * 基本有效). OCR misspells the English (Efectve, Partlyeffetive, Not fective) or reads another family's English word
 * in it (Partly, No): the Chinese word names the option and its label opens at the English.
 */
import { describe, expect, it } from "vitest";
import type { OcrLine, OcrWord } from "../../src/domain/ocr.ts";
import { lineChars, textHeight } from "../../src/parse/checkbox/chars.ts";
import { findLabels, termIn } from "../../src/parse/checkbox/vocab.ts";

/** An OCR line from "|"-separated words (" " = a box-wide gap), 26 px characters, as PP-OCR splits them. */
function ocrLine(spec: string): OcrLine {
  let x = 100;
  const words: OcrWord[] = [];
  for (const w of spec.split("|")) {
    if (w === " ") {
      x += 40;
      continue;
    }
    const n = Array.from(w).reduce((a, ch) => a + ((ch.codePointAt(0) ?? 0) < 0x2e80 ? 13 : 26), 0);
    words.push({ text: w, bbox: [x, 100, x + n, 126], confidence: 0.8 });
    x += n;
  }
  return { text: words.map((w) => w.text).join(""), bbox: [100, 100, x, 126], confidence: 0.8, words };
}

function labels(spec: string): { value: string; text: string; context: boolean }[] {
  const line = ocrLine(spec);
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
