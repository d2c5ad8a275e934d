import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderSyntheticPage } from "../../bench/synthetic-page.ts";
import { EnvironmentError, InputError } from "../../src/domain/errors.ts";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { OcrLine, OcrWord } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";
import { openDocument } from "../../src/ingest/index.ts";
import type { EngineResult, OcrEngine, SecondReader, SecondReadings } from "../../src/ocr/engine.ts";
import { ocrPage } from "../../src/ocr/page.ts";
import {
  alignChars,
  doubtfulSpans,
  mergeSecondReading,
  narrowWords,
  secondLook,
} from "../../src/ocr/second-look.ts";
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
/** The float model's reading alone. */
const best = (words: readonly [string, number][]) => ({ best: reading(words) });
/** The float model's and PP-OCR's readings, each one word. */
const both = (t: [string, number], pp: [string, number]) => ({ best: reading([t]), ppocr: reading([pp]) });

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
    const out = mergeSecondReading(words, span, best([["济南鑫源软件", 0.95]]), opts);
    expect(out.map((w) => w.text)).toEqual(["济南", "鑫", "源", "软件"]);
    expect(out[1]!.confidence).toBe(0.95);
    expect(out[2]!.confidence).toBe(0.95);
    expect(out[0]).toBe(words[0]); // clear words are not touched
  });

  it("keeps the first reading when the second is not confident enough to differ", () => {
    const out = mergeSecondReading(words, span, best([["济南鑫源软件", 0.7]]), opts);
    expect(out[1]!.text).toBe("价");
    expect(out[2]).toEqual({ ...words[2]!, confidence: 0.7 }); // agreeing at 0.7 still counts
  });

  it("keeps the first reading where the readings do not align character for character", () => {
    const out = mergeSecondReading(words, span, best([["济南鑫鑫源软件", 0.95]]), opts);
    expect(out[1]!.text).toBe("价");
  });

  it("never puts letters or digits for a Chinese character, nor replaces a tick box's glyph", () => {
    expect(mergeSecondReading(words, span, best([["济南A源软件", 0.95]]), opts)[1]!.text).toBe("价");
    const box = line([
      ["图", 0.2],
      ["符合", 0.9],
    ]).words;
    expect(mergeSecondReading(box, { from: 0, to: 1 }, best([["国符合", 0.95]]), opts)[0]!.text).toBe("图");
  });

  it("takes what both second readers read, however unsure each is", () => {
    const out = mergeSecondReading(words, span, both(["济南鑫源软件", 0.5], ["济南鑫源软件", 0.45]), opts);
    expect(out[1]).toEqual({ ...words[1]!, text: "鑫", confidence: 0.5 });
  });

  it("keeps the first reading where one second reader agrees with it, whatever the other reads", () => {
    const out = mergeSecondReading(words, span, both(["济南价源软件", 0.7], ["济南鑫源软件", 0.99]), opts);
    expect(out[1]).toEqual({ ...words[1]!, confidence: 0.7 });
  });

  it("lets PP-OCR settle a three-way split, the word carrying PP-OCR's confidence", () => {
    // 渝 read as 注 by best_int and as 濑 by the float model; PP-OCR reads it right, if not confidently.
    const place = line([
      ["重庆市", 0.96],
      ["注", 0],
      ["北区", 0.95],
    ]).words;
    const split = (pp: number) =>
      mergeSecondReading(
        place,
        { from: 0, to: 2 },
        both(["重庆市濑北区", 0.7], ["重庆市渝北区", pp]),
        opts,
      )[1]!;
    expect(split(0.45)).toEqual({ ...place[1]!, text: "渝", confidence: 0.45 });
    expect(split(0.3)).toEqual({ ...place[1]!, text: "渝", confidence: 0.3 });
  });

  it("never takes PP-OCR's 内 for another character (its misreading of 门)", () => {
    const dept = line([
      ["部", 0.9],
      ["让", 0.3],
      ["负责", 0.9],
    ]).words;
    const read = (pp: string) =>
      mergeSecondReading(dept, { from: 0, to: 2 }, both(["部门负责", 0.91], [pp, 0.97]), opts)[1]!.text;
    expect(read("部内负责")).toBe("门");
    expect(read("部門负责")).toBe("門");
  });

  it("leaves out a narrow doubtful word both second readers leave out between characters they read alike", () => {
    const wide = line([
      ["中", 0.96],
      ["和", 0.45],
      ["餐", 0.91],
    ]).words;
    // Tesseract's phantom 和 in the spacing: 10 px wide beside 24 px characters 26 px high.
    const scope = wide.map((w, i) =>
      i === 1 ? { ...w, bbox: [w.bbox[0], w.bbox[1], w.bbox[0] + 10, w.bbox[3]] as Bbox } : w,
    );
    const span3 = { from: 0, to: 2 };
    const alike = both(["中餐类", 0.96], ["中餐类", 0.99]);
    expect(
      mergeSecondReading(scope, span3, alike, opts, narrowWords(scope, span3)).map((w) => w.text),
    ).toEqual(["中", "", "餐"]);
    // A character's width of ink stays (both readers may miss a printed character), as without the width check.
    expect(mergeSecondReading(wide, span3, alike, opts, narrowWords(wide, span3))[1]!.text).toBe("和");
    expect(mergeSecondReading(scope, span3, alike, opts)[1]!.text).toBe("和");
    // One reader is not enough, and a tick box's glyph stays for the box reader.
    const one = both(["中和餐类", 0.96], ["中餐类", 0.99]);
    expect(mergeSecondReading(scope, span3, one, opts, () => true)[1]!.text).toBe("和");
    const box = line([
      ["其", 0.96],
      ["口", 0.3],
      ["他", 0.91],
    ]).words;
    expect(
      mergeSecondReading(box, { from: 0, to: 2 }, both(["其他", 0.96], ["其他", 0.99]), opts, () => true)[1]!
        .text,
    ).toBe("口");
  });

  it("changes a clear word beside doubtful ones only where both second readers read it otherwise, alike", () => {
    const road = line([
      ["玫", 0.83],
      ["喻", 0],
      ["路", 0.96],
    ]).words;
    const span3 = { from: 0, to: 2 };
    const alike = both(["珞喻路", 0.83], ["珞喻路", 0.99]);
    expect(mergeSecondReading(road, span3, alike, opts).map((w) => w.text)).toEqual(["珞", "喻", "路"]);
    const one = { ppocr: reading([["珞喻路", 0.99]]) };
    expect(mergeSecondReading(road, span3, one, opts).map((w) => w.text)).toEqual(["玫", "喻", "路"]);
  });

  it("ignores a crop that reads as other text", () => {
    const out = mergeSecondReading(words, span, best([["审核组一致认为", 0.96]]), opts);
    expect(out).toEqual(words);
  });
});

class Rereader implements OcrEngine {
  readonly name = "fake";
  readonly crops: PageImage[] = [];
  constructor(private readonly answer: (crop: PageImage) => SecondReadings | Error) {}
  async recognize(): Promise<EngineResult> {
    throw new Error("first readings come from the test");
  }
  readonly asked: SecondReader[][] = [];
  async reread(crop: PageImage, readers: readonly SecondReader[]): Promise<SecondReadings> {
    if (!this.crops.includes(crop)) this.crops.push(crop);
    this.asked.push([...readers]);
    const a = this.answer(crop);
    if (a instanceof Error) throw a;
    return Object.fromEntries(Object.entries(a).filter(([r]) => readers.includes(r as SecondReader)));
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

  it("drops a narrow word both readers leave out from the line's words and text", async () => {
    const read = line([
      ["认证", 0.95],
      ["范围", 0.95],
      ["中", 0.96],
      ["和", 0.55],
      ["餐", 0.91],
    ]);
    const phantom = read.words[3]!;
    const narrowed = {
      ...phantom,
      bbox: [phantom.bbox[0], phantom.bbox[1], phantom.bbox[0] + 10, phantom.bbox[3]] as Bbox,
    };
    const scope = result([{ ...read, words: read.words.map((w) => (w === phantom ? narrowed : w)) }]);
    const engine = new Rereader(() => both(["中餐类", 0.96], ["中餐类", 0.99]));
    const out = await secondLook(image, scope, engine);
    expect(out.lines[0]!.text).toBe("认证范围中餐");
    expect(out.lines[0]!.words.map((w) => w.text)).toEqual(["认证", "范围", "中", "餐"]);
  });

  it("reads a crop around the doubtful words and rewrites the line's text", async () => {
    const engine = new Rereader(() => best([["合肥鑫源软件", 0.96]]));
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

  it("asks the float model only where PP-OCR reads the crop otherwise than the first reading", async () => {
    const same = new Rereader(() => ({
      ppocr: reading([["合肥伟源软件", 0.9]]),
      best: reading([["合肥鑫源软件", 0.96]]),
    }));
    expect((await secondLook(image, first, same)).lines[0]!.text).toBe("组织名称:合肥伟源软件");
    expect(same.asked).toEqual([["ppocr"]]);
    const other = new Rereader(() => ({
      ppocr: reading([["合肥鑫源软件", 0.9]]),
      best: reading([["合肥鑫源软件", 0.5]]),
    }));
    expect((await secondLook(image, first, other)).lines[0]!.text).toBe("组织名称:合肥鑫源软件");
    expect(other.asked).toEqual([["ppocr"], ["best"]]);
  });

  it("asks for every crop of the page at once, and puts each reading back on its own line", async () => {
    const twoLines = result([
      first.lines[0]!,
      line(
        [
          ["审核", 0.95],
          ["纽", 0.1],
          ["长", 0.95],
        ],
        200,
      ),
    ]);
    let inFlight = 0;
    let most = 0;
    const waiting: (() => void)[] = [];
    const engine = new Rereader((crop) => {
      // The crop around 合肥..软件 is the wider one.
      const text = crop.width > 160 ? "合肥鑫源软件" : "审核组长";
      return { best: reading([[text, 0.96]]), ppocr: reading([[text, 0.97]]) };
    });
    const reread = engine.reread.bind(engine);
    engine.reread = async (crop, readers) => {
      inFlight++;
      most = Math.max(most, inFlight);
      // Held until both crops are asked, or a moment, so a one-crop-at-a-time caller finishes and fails.
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === 2) for (const go of waiting) go();
        setTimeout(resolve, 300);
      });
      inFlight--;
      return reread(crop, readers);
    };
    const out = await secondLook(image, twoLines, engine);
    expect(most).toBe(2);
    expect(out.lines.map((l) => l.text)).toEqual(["组织名称:合肥鑫源软件", "审核组长"]);
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

describe("second look with the real engines (slow)", () => {
  it("reads 渝 of a Chongqing address, which both tesseract models miss, through PP-OCR", async () => {
    const { image } = await renderSyntheticPage({
      lines: [
        "注册地址：重庆市渝北区龙溪街道新溉大道111号",
        "办公地址：重庆市渝北区财富大道15号财富园二号A栋",
      ],
      dpi: 150,
    });
    const engine = await createTesseractEngine({ workers: 1 });
    try {
      const read = async (secondLook: boolean) =>
        (await ocrPage({ page: 1, kind: "raster", image }, engine, { secondLook })).page.lines.map((l) =>
          l.text.replace(/\s/g, ""),
        );
      expect((await read(false)).filter((t) => t.includes("重庆市渝北区"))).toHaveLength(0);
      const again = await read(true);
      expect(again.filter((t) => t.includes("重庆市渝北区"))).toHaveLength(2);
    } finally {
      await engine.close();
    }
  }, 120_000);

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
