import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvironmentError, InputError } from "../../src/domain/errors.ts";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { OcrLine, OcrWord } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";
import { openDocument } from "../../src/ingest/index.ts";
import type { EngineResult, OcrEngine } from "../../src/ocr/engine.ts";
import { ocrPage } from "../../src/ocr/page.ts";
import { alignChars, doubtfulSpans, mergeSecondReading, secondLook } from "../../src/ocr/second-look.ts";
import { createTesseractEngine } from "../../src/ocr/tesseract.ts";

const image: PageImage = {
  width: 1200,
  height: 400,
  channels: 1,
  data: new Uint8Array(1200 * 400).fill(240),
  dpi: 200,
};

/** Words 24 px wide per character from x = 100, on the row at `top`. */
function line(words: readonly [string, number][], top = 100): OcrLine {
  let x = 100;
  const ws: OcrWord[] = words.map(([text, confidence]) => {
    const bbox: Bbox = [x, top, x + 24 * [...text].length, top + 26];
    x = bbox[2] + 4;
    return { text, bbox, confidence };
  });
  return { text: ws.map((w) => w.text).join(""), bbox: [100, top, x, top + 26], confidence: 0.8, words: ws };
}

function result(lines: OcrLine[]): EngineResult {
  return { text: lines.map((l) => l.text).join("\n"), lines, meanConfidence: 0.8 };
}

/** A second reading: one line of the given words. */
const reading = (words: readonly [string, number][]) => result([line(words)]);

const opts = { doubtBelow: 0.5, adoptFrom: 0.8, agreeFrom: 0.6 };

describe("alignChars", () => {
  it("pairs equal and substituted characters and marks gaps", () => {
    expect(alignChars([..."济南价源"], [..."济南鑫源"])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    const pairs = alignChars([..."肖玉人起等"], [..."肖玉霞等"]);
    expect(pairs).toHaveLength(5);
    expect(pairs.filter(([i, j]) => i === null || j === null)).toHaveLength(1);
    expect(pairs.at(-1)).toEqual([4, 3]);
  });
});

describe("doubtfulSpans", () => {
  it("takes each doubtful Chinese word with one neighbour a side, merging overlaps", () => {
    const l = line([
      ["受审", 0.93],
      ["核", 0.85],
      ["济南", 0.93],
      ["价", 0],
      ["源", 0],
      ["软件", 0.96],
      ["2021", 0.1],
    ]);
    expect(doubtfulSpans([l], 0.5)).toEqual([{ line: 0, from: 2, to: 5, weakest: 0 }]);
  });
});

describe("mergeSecondReading", () => {
  const words = line([
    ["济南", 0.93],
    ["价", 0],
    ["源", 0.3],
    ["软件", 0.96],
  ]).words;
  const span = { from: 0, to: 3 };

  it("replaces a doubtful character the second reader reads confidently, and lends confidence where it agrees", () => {
    const out = mergeSecondReading(words, span, reading([["济南鑫源软件", 0.95]]), opts);
    expect(out.map((w) => w.text)).toEqual(["济南", "鑫", "源", "软件"]);
    expect(out[1]!.confidence).toBe(0.95);
    expect(out[2]!.confidence).toBe(0.95);
    expect(out[0]).toBe(words[0]); // clear words are not touched
  });

  it("keeps the first reading when the second is not confident enough to differ", () => {
    const out = mergeSecondReading(words, span, reading([["济南鑫源软件", 0.7]]), opts);
    expect(out[1]!.text).toBe("价");
    expect(out[2]).toEqual({ ...words[2]!, confidence: 0.7 }); // agreeing at 0.7 still counts
  });

  it("keeps the first reading where the readings do not align character for character", () => {
    const out = mergeSecondReading(words, span, reading([["济南鑫鑫源软件", 0.95]]), opts);
    expect(out[1]!.text).toBe("价");
  });

  it("never puts letters or digits for a Chinese character, nor replaces a tick box's glyph", () => {
    expect(mergeSecondReading(words, span, reading([["济南A源软件", 0.95]]), opts)[1]!.text).toBe("价");
    const box = line([
      ["图", 0.2],
      ["符合", 0.9],
    ]).words;
    expect(mergeSecondReading(box, { from: 0, to: 1 }, reading([["国符合", 0.95]]), opts)[0]!.text).toBe(
      "图",
    );
  });

  it("ignores a crop that reads as other text", () => {
    const out = mergeSecondReading(words, span, reading([["审核组一致认为", 0.96]]), opts);
    expect(out).toEqual(words);
  });
});

class Rereader implements OcrEngine {
  readonly name = "fake";
  readonly crops: PageImage[] = [];
  constructor(private readonly answer: (crop: PageImage) => EngineResult | Error) {}
  async recognize(): Promise<EngineResult> {
    throw new Error("first readings come from the test");
  }
  async reread(crop: PageImage): Promise<EngineResult | null> {
    this.crops.push(crop);
    const a = this.answer(crop);
    if (a instanceof Error) throw a;
    return a;
  }
  async close(): Promise<void> {}
}

describe("secondLook", () => {
  const first = result([
    line([
      ["组织", 0.95],
      ["名称", 0.95],
      [":", 0.9],
      ["合肥", 0.93],
      ["伟", 0],
      ["源", 0.2],
      ["软件", 0.95],
    ]),
    line(
      [
        ["审核", 0.95],
        ["组", 0.95],
      ],
      200,
    ),
  ]);

  it("reads a crop around the doubtful words and rewrites the line's text", async () => {
    const engine = new Rereader(() => reading([["合肥鑫源软件", 0.96]]));
    const out = await secondLook(image, first, engine);
    expect(engine.crops).toHaveLength(1);
    // The crop spans the neighbours 合肥 .. 软件 of the doubtful words, with the line's height and a margin.
    const words = first.lines[0]!.words;
    expect(engine.crops[0]!.width).toBeGreaterThanOrEqual(words[6]!.bbox[2] - words[3]!.bbox[0]);
    expect(engine.crops[0]!.height).toBeGreaterThanOrEqual(26);
    expect(out.lines[0]!.text).toBe("组织名称:合肥鑫源软件");
    expect(out.text.split("\n")[0]).toBe("组织名称:合肥鑫源软件");
    expect(out.lines[1]).toBe(first.lines[1]);
  });

  it("leaves the page as read when the engine has no second reader or the crop fails", async () => {
    const plain: OcrEngine = { name: "plain", recognize: async () => first, close: async () => {} };
    expect(await secondLook(image, first, plain)).toBe(first);
    const failing = new Rereader(() => new InputError("OCR_FAILED", "crop"));
    expect((await secondLook(image, first, failing)).lines[0]!.text).toBe("组织名称:合肥伟源软件");
  });

  it("lets a missing model surface (every page would need it)", async () => {
    const missing = new Rereader(() => new EnvironmentError("OCR_LANG_MISSING", "no best model"));
    await expect(secondLook(image, first, missing)).rejects.toBeInstanceOf(EnvironmentError);
  });
});

describe("second look with the real engines (a fixture page, slow)", () => {
  it("reads 鑫 of a firm's name that the fast model misreads, and only with the second look", async () => {
    const file = "fixtures/set/report-017-table-date-narrative.pdf";
    const dpi = JSON.parse(readFileSync(file.replace(/\.pdf$/, ".truth.json"), "utf8")).pages[0]
      .dpi as number;
    const doc = await openDocument(file, {}, { renderDpi: dpi, defaultImageDpi: dpi });
    const engine = await createTesseractEngine({ workers: 1 });
    try {
      const input = await doc.getPage(1);
      const firmLine = async (secondLook: boolean) =>
        (await ocrPage(input, engine, { secondLook })).page.lines
          .map((l) => l.text.replace(/\s/g, ""))
          .find((t) => t.includes("源软件有限公司"));
      // The generator printed 济南鑫源软件有限公司 (fixtures/set/*.truth.json).
      expect(await firmLine(false)).not.toContain("鑫源");
      expect(await firmLine(true)).toContain("济南鑫源软件有限公司");
    } finally {
      await engine.close();
      await doc.close?.();
    }
  }, 120_000);
});
