import { describe, expect, it } from "vitest";
import {
  crossesOption,
  gradedFamilies,
  levelOfWord,
  OPTION_GROUPS,
  optionWords,
} from "../../src/lexicon/options.ts";
import { lineChars, textHeight } from "../../src/parse/checkbox/chars.ts";
import { findLabels, termOf } from "../../src/parse/checkbox/vocab.ts";
import { ocrLine } from "../checkbox/ocr-line.ts";

function options(spec: string): string[] {
  const line = ocrLine(spec);
  const chars = lineChars(line);
  return findLabels(chars, textHeight(line))
    .filter((x) => x.optionContext)
    .map((x) => `${x.term.family}:${x.term.value}`);
}

describe("option lexicon", () => {
  it("one edit never turns one option into another", () => {
    const c = (s: string) => Array.from(s);
    expect(crossesOption(c("基本合格"), c("基不合格"))).toBe(true);
    expect(crossesOption(c("不符合项整改后推荐"), c("未符合项整改后推荐"))).toBe(true);
    expect(crossesOption(c("推荐认证注册"), c("推荐认证注朋"))).toBe(false);
    expect(crossesOption(c("基本达到"), c("代本达到"))).toBe(false);
    // 基不合格 is 不合格 with junk before it, or 基本合格 misread: not 基本合格 on one edit.
    expect(termOf("基不合格")?.value).not.toBe("基本合格");
    expect(termOf("推荐认证注朋")?.value).toBe("recommend");
  });

  it("graded words of other bodies are options with a level", () => {
    expect(termOf("基本合格")).toMatchObject({ family: "qualified", value: "基本合格", level: "partial" });
    expect(termOf("不适宜")).toMatchObject({ family: "suitable", level: "negative" });
    expect(termOf("基本")).toMatchObject({ family: "yesno", level: "partial" });
    expect(levelOfWord("不合格")).toBe("negative");
    expect(levelOfWord("是")).toBe("full");
    expect(levelOfWord("审核准则")).toBeNull();
  });

  it("English option words match across their spaces, longest first", () => {
    expect(options("口|Not| |conform| |口|Partly| |conform| |口|Conform")).toEqual([
      "conformity:不符合",
      "conformity:基本符合",
      "conformity:符合",
    ]);
    expect(termOf("Not effective")?.value).toBe("无效");
  });

  it("an OCR misreading inside an option word is folded by the noise data, not a parser table", () => {
    expect(termOf("基本符台")?.value).toBe("基本符合");
  });

  it("rules' option families come from the lexicon: graded rows, a middle-less form only where printed so", () => {
    const fams = gradedFamilies().map((f) => f.join("/"));
    expect(fams).toContain("符合/基本符合/不符合");
    expect(fams).toContain("合格/不合格");
    expect(fams).toContain("是/基本/否");
    expect(fams).not.toContain("符合/不符合");
    for (const g of Object.values(OPTION_GROUPS))
      for (const w of g.options) expect(optionWords(w).length).toBeGreaterThan(0);
  });
});
