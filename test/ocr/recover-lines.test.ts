import { describe, expect, it } from "vitest";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { OcrLine } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";
import type { EngineResult, OcrEngine } from "../../src/ocr/engine.ts";
import { findMissedRegions, recoverMissedLines } from "../../src/ocr/recover-lines.ts";

const W = 1400;
const H = 900;
const LINE_H = 24;
/** Text rows at these tops; each 100..1100 wide, "characters" 16 px of ink then 8 px of paper. */
const ROWS = [100, 160, 220, 280, 340];

function page(opts: { seal?: boolean; drawRows?: readonly number[] } = {}): PageImage {
  const data = new Uint8Array(W * H).fill(235);
  for (const top of opts.drawRows ?? ROWS) {
    for (let y = top; y < top + LINE_H; y++) {
      for (let x = 100; x < 1100; x++) if ((x - 100) % 24 < 16) data[y * W + x] = 30;
    }
  }
  if (opts.seal) {
    // A stamp across rows 200..420 on the right: sparse mid-grey ink on every row it covers.
    for (let y = 200; y < 420; y++) for (let x = 900; x < 1250; x += 4) data[y * W + x] = 120;
  }
  return { width: W, height: H, channels: 1, data, dpi: 200 };
}

function ocrLine(text: string, bbox: Bbox, confidence = 0.9): OcrLine {
  return { text, bbox, confidence, words: [{ text, bbox, confidence }] };
}
const readLine = (top: number, text = "审核组一致认为体系运行") =>
  ocrLine(text, [100, top, 1100, top + LINE_H]);

/** Answers a strip with `answer` (in strip pixels) and counts its calls. */
class StripEngine implements OcrEngine {
  readonly name = "strip";
  readonly seen: PageImage[] = [];
  constructor(private readonly answer: (strip: PageImage) => OcrLine[]) {}
  async recognize(image: PageImage): Promise<EngineResult> {
    this.seen.push(image);
    const lines = this.answer(image);
    return { text: lines.map((l) => l.text).join("\n"), lines, meanConfidence: 0.9 };
  }
  async close(): Promise<void> {}
}

const missingTop = 220;
const others = ROWS.filter((t) => t !== missingTop).map((t) => readLine(t));

describe("findMissedRegions", () => {
  it("finds the printed row no OCR line covers, and only it", () => {
    const regions = findMissedRegions(page(), others);
    expect(regions).toHaveLength(1);
    const [x0, y0, x1, y1] = regions[0]!.bbox;
    expect(y0).toBeGreaterThanOrEqual(missingTop - 2);
    expect(y1).toBeLessThanOrEqual(missingTop + LINE_H + 2);
    expect(x0).toBeLessThanOrEqual(110);
    expect(x1).toBeGreaterThanOrEqual(1090);
  });

  it("finds nothing when every row was read", () => {
    expect(
      findMissedRegions(
        page(),
        ROWS.map((t) => readLine(t)),
      ),
    ).toEqual([]);
  });

  it("still separates the rows when a stamp's faint ink runs across them", () => {
    const regions = findMissedRegions(page({ seal: true }), others);
    const texty = regions.filter((r) => r.bbox[1] >= missingTop - 4 && r.bbox[3] <= missingTop + LINE_H + 4);
    expect(texty).toHaveLength(1);
  });

  it("does not take a short mark (a tick box, a speck) for a line", () => {
    const img = page();
    for (let y = 400; y < 420; y++) for (let x = 100; x < 180; x++) img.data[y * W + x] = 20;
    expect(
      findMissedRegions(
        img,
        ROWS.map((t) => readLine(t)),
      ),
    ).toEqual([]);
  });
});

describe("recoverMissedLines", () => {
  const first: EngineResult = {
    text: others.map((l) => l.text).join("\n"),
    lines: others,
    meanConfidence: 0.9,
  };

  it("reads the skipped row again and puts it back in reading order, in page pixels", async () => {
    const engine = new StripEngine((strip) => [
      ocrLine("管理体系运行正常有效", [10, 8, strip.width - 10, strip.height - 8], 0.88),
    ]);
    const out = await recoverMissedLines(page(), first, engine);
    expect(engine.seen).toHaveLength(1);
    expect(engine.seen[0]!.height).toBeLessThan(LINE_H * 3);
    expect(out.lines.map((l) => l.text)).toEqual([
      "审核组一致认为体系运行",
      "审核组一致认为体系运行",
      "管理体系运行正常有效",
      "审核组一致认为体系运行",
      "审核组一致认为体系运行",
    ]);
    const got = out.lines[2]!;
    expect(got.bbox[1]).toBeGreaterThan(missingTop - LINE_H);
    expect(got.bbox[3]).toBeLessThan(missingTop + 2 * LINE_H);
    expect(got.words[0]!.bbox).toEqual(got.bbox);
    expect(out.text.split("\n")[2]).toBe("管理体系运行正常有效");
  });

  it("drops what reads as noise: low confidence, or not report text", async () => {
    for (const answer of [
      ocrLine("管理体系运行正常有效", [0, 0, 100, 20], 0.3),
      ocrLine("~~//\\\\||..,,", [0, 0, 100, 20], 0.95),
    ]) {
      const out = await recoverMissedLines(page(), first, new StripEngine(() => [answer]));
      expect(out).toBe(first);
    }
  });

  it("asks for every skipped row at once, so free workers share them, and keeps reading order", async () => {
    const missing = [160, 280];
    const read = ROWS.filter((t) => !missing.includes(t)).map((t) => readLine(t));
    let inFlight = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const engine: OcrEngine = {
      name: "slow",
      async recognize(strip) {
        inFlight++;
        most = Math.max(most, inFlight);
        // Each strip waits until both have been asked (or a moment, so a one-at-a-time caller finishes and fails).
        await new Promise<void>((resolve) => {
          release.push(resolve);
          if (release.length === missing.length) for (const r of release) r();
          setTimeout(resolve, 300);
        });
        inFlight--;
        const line = ocrLine("管理体系运行正常有效", [10, 8, strip.width - 10, strip.height - 8], 0.9);
        return { text: line.text, lines: [line], meanConfidence: 0.9 };
      },
      close: async () => {},
    };
    const out = await recoverMissedLines(page(), { text: "", lines: read, meanConfidence: 0.9 }, engine);
    expect(most).toBe(2);
    const tops = out.lines.map((l) => l.bbox[1]);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    expect(out.lines).toHaveLength(ROWS.length);
  });

  it("does not call the engine when nothing was skipped", async () => {
    const all = ROWS.map((t) => readLine(t));
    const engine = new StripEngine(() => []);
    const result = { text: "", lines: all, meanConfidence: 0.9 };
    expect(await recoverMissedLines(page(), result, engine)).toBe(result);
    expect(engine.seen).toHaveLength(0);
  });
});
