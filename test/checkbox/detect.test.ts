import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OcrLine } from "../../src/domain/ocr.ts";
import { lineChars } from "../../src/parse/checkbox/chars.ts";
import { detectMarks } from "../../src/parse/checkbox/detect.ts";
import { findLabels } from "../../src/parse/checkbox/vocab.ts";
import { CASES, drawCase, score } from "./cases.ts";
import { drawPage } from "./draw.ts";
import { randomPage, scoreRandom } from "./random.ts";

describe("detectMarks: one drawn page per failure mode", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const d = await drawCase(c);
      const s = score(d, detectMarks(d.image, d.lines));
      expect(s.wrongConfident).toEqual([]);
      expect(s.details.filter((x) => !x.includes(`(want ${x.split(" ")[1]})`))).toEqual([]);
      expect(s.correct).toBe(s.total);
    });
  }
});

describe("detectMarks details", () => {
  it("reads a box even when OCR produced no word for it, and strips a glued 口 from the label", async () => {
    const d = await drawPage([
      {
        options: [
          { label: "符合", box: "empty" },
          { label: "基本符合", box: "tick", glue: true },
        ],
      },
    ]);
    expect(d.lines[0]!.words.map((w) => w.text)).toEqual(["符合", "口基本符合"]);
    const marks = detectMarks(d.image, d.lines);
    expect(marks.map((m) => [m.label, m.state])).toEqual([
      ["符合", "unchecked"],
      ["基本符合", "checked"],
    ]);
    // The box lies left of its label, and is about one text height square.
    for (const m of marks) {
      expect(m.bbox[2]).toBeLessThanOrEqual(m.labelBbox[0] + 5);
      expect(m.bbox[2] - m.bbox[0]).toBeGreaterThan(30);
      expect(m.bbox[2] - m.bbox[0]).toBeLessThan(50);
    }
  });

  it("a hand tick with no box is checked at lower confidence", async () => {
    const d = await drawPage([
      {
        options: [
          { label: "现场审核", box: "hand" },
          { label: "远程审核", box: "none" },
        ],
      },
    ]);
    const marks = detectMarks(d.image, d.lines);
    expect(marks[0]).toMatchObject({ label: "现场审核", state: "checked" });
    expect(marks[0]!.confidence).toBeLessThan(0.8);
    expect(marks[1]).toMatchObject({ label: "远程审核", state: "unchecked" });
  });

  it("leaves narrative text alone: no marks where no box is printed", async () => {
    const d = await drawPage([], {
      narrative: ["符合标准要求，内部审核有效，不符合项已关闭。", "推荐资方、推荐申请额度、利息、期限等。"],
    });
    expect(detectMarks(d.image, d.lines)).toEqual([]);
  });

  it("boxes the OCR glued as 口 but that are not on the page come back unclear, not guessed", async () => {
    const d = await drawPage([{ options: [{ label: "符合", box: "none" }] }]);
    const lines: OcrLine[] = d.lines.map((l) => ({
      ...l,
      words: l.words.map((w) => ({ ...w, text: `口${w.text}` })),
    }));
    const marks = detectMarks(d.image, lines);
    expect(marks).toHaveLength(1);
    expect(marks[0]!.state).toBe("unclear");
    expect(marks[0]!.confidence).toBeLessThan(0.5);
  });
});

describe("label vocabulary", () => {
  const line = (text: string): OcrLine => ({
    text,
    bbox: [0, 0, text.length * 40, 40],
    confidence: 0.9,
    words: [{ text, bbox: [0, 0, Array.from(text).length * 40, 40], confidence: 0.9 }],
  });
  const labels = (text: string) =>
    findLabels(lineChars(line(text)), 40).map((h) => [
      h.text,
      h.term.value,
      h.glyph !== null,
      h.optionContext,
    ]);

  it("strips box glyphs OCR glued in front (口 四 回 国 加 ■)", () => {
    expect(labels("口符合四基本符合回不符合")).toEqual([
      ["符合", "符合", true, true],
      ["基本符合", "基本符合", true, true],
      ["不符合", "不符合", true, true],
    ]);
    expect(labels("■有效国基本有效加无效").map((x) => x[1])).toEqual(["有效", "基本有效", "无效"]);
  });

  it("prefers the longest option and tolerates one misread character in long labels", () => {
    expect(labels("口不予推荐")[0]?.[1]).toBe("not_recommend");
    expect(labels("口推荐认证注朋")[0]?.[1]).toBe("recommend");
    expect(labels("口在商定的时间内完成对不符合项的整改，并经审核组验证有效后，推荐认证注册。")).toEqual([
      ["在商定的时间内", "recommend_after_correction", true, true],
      ["不符合", "不符合", false, false],
      ["有效", "有效", false, false],
      ["推荐认证注册", "recommend", false, false],
    ]);
  });

  it("knows the other bodies' wordings seen in the fixture corpus", () => {
    expect(labels("口不符合项整改验证后推荐认证")[0]?.slice(0, 2)).toEqual([
      "不符合项整改验证后推荐",
      "recommend_after_correction",
    ]);
    expect(labels("口不推荐认证")[0]?.[1]).toBe("not_recommend");
    expect(labels("口初次认证第一阶段 口初次认证第二阶段 口监督审核 口再认证审核").map((x) => x[1])).toEqual([
      "stage1",
      "stage2",
      "surveillance",
      "recertification",
    ]);
  });

  it("does not take words in running text for options", () => {
    expect(labels("评定结果均符合岗位任职要求").every((x) => x[3] === false)).toBe(true);
    expect(labels("客户推荐给乙方").every((x) => x[3] === false)).toBe(true);
  });
});

describe("detectMarks on text without boxes", () => {
  it("the seed report's text, drawn without any box, yields no marks", async () => {
    const seed = readFileSync("fixtures/generator/seed/000_8f87e4ff3e04dee7.txt", "utf8")
      .split("\n")
      .map((l) => l.replace(/<[^>]+>/g, " ").trim())
      .filter((l) => l.length > 0 && Array.from(l).length <= 40 && !/[■□]/.test(l));
    expect(seed.length).toBeGreaterThan(60);
    const d = await drawPage([], { narrative: seed.slice(0, 120), width: 2000 });
    expect(detectMarks(d.image, d.lines)).toEqual([]);
  });

  it("a text-layer line (no word boxes) with ■/□ glyphs is read from the pixels, not the glyphs", async () => {
    const d = await drawPage([
      {
        options: [
          { label: "符合", box: "empty" },
          { label: "基本符合", box: "tick" },
          { label: "不符合", box: "empty" },
        ],
      },
    ]);
    // The text layer claims ■ on 符合; the page shows the tick on 基本符合.
    // A text-layer line box covers its first glyph: widen it by the box and its gap (1.15 font size).
    const lines: OcrLine[] = d.lines.map((l) => ({
      ...l,
      text: "■符合 □基本符合 □不符合",
      bbox: [l.bbox[0] - 48, l.bbox[1], l.bbox[2], l.bbox[3]],
      words: [],
    }));
    expect(detectMarks(d.image, lines).map((m) => [m.label, m.state])).toEqual([
      ["符合", "unchecked"],
      ["基本符合", "checked"],
      ["不符合", "unchecked"],
    ]);
  });
});

describe("detectMarks under random combined degradations", () => {
  // 20 pages here to keep the suite quick; test/checkbox/report.ts runs 300.
  it("is never wrong with confidence > 0.9 and reads at least 95% of boxes", async () => {
    let total = 0;
    let correct = 0;
    for (const a of fc.sample(randomPage, { numRuns: 20, seed: 7 })) {
      const s = await scoreRandom(a);
      expect(s.wrongConfident, JSON.stringify(a)).toEqual([]);
      total += s.total;
      correct += s.correct;
    }
    expect(correct / total).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
