/** PP-OCR post-processing without models: DB boxes, CTC decoding, lines and words, the dictionary. */
import { describe, expect, it } from "vitest";
import { ctcGreedy } from "../../src/ocr/paddle/ctc.ts";
import { boxesFromMap, components, unclipDistance } from "../../src/ocr/paddle/db.ts";
import { boxText, linesFromBoxes, type RecognisedBox, wordsOf } from "../../src/ocr/paddle/layout.ts";
import { LINE_CROP_INPUT } from "../../src/ocr/paddle/line-reader.ts";
import { ctcAlphabet, paddleModelFiles } from "../../src/ocr/paddle/models.ts";
import { READER_DEFAULTS, recInputWidth } from "../../src/ocr/paddle/reader.ts";

function map(width: number, height: number, rects: [number, number, number, number, number][]) {
  const data = new Float32Array(width * height);
  for (const [x0, y0, x1, y1, p] of rects)
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = p;
  return { width, height, data };
}

describe("DB post-processing", () => {
  it("finds 8-connected components as boxes", () => {
    const mask = new Uint8Array(6 * 4);
    mask[0] = mask[7] = 1; // diagonal neighbours: one component
    mask[4] = mask[5] = 1;
    expect(components(mask, 6, 4)).toEqual([
      { x0: 0, y0: 0, x1: 1, y1: 1 },
      { x0: 4, y0: 0, x1: 5, y1: 0 },
    ]);
  });

  it("keeps confident kernels, grows them by area * ratio / perimeter, drops specks and faint ones", () => {
    const boxes = boxesFromMap(
      map(200, 100, [
        [10, 10, 110, 20, 0.9], // a text kernel 100 x 10
        [150, 10, 152, 12, 0.9], // a 2 x 2 speck
        [10, 60, 110, 70, 0.4], // above the pixel threshold, below the box threshold
      ]),
    );
    expect(boxes).toHaveLength(1);
    const d = unclipDistance(100, 10, 1.5);
    expect(d).toBeCloseTo(1500 / 220);
    expect(boxes[0]!.bbox[0]).toBeCloseTo(10 - d);
    expect(boxes[0]!.bbox[3]).toBeCloseTo(20 + d);
    expect(boxes[0]!.score).toBeCloseTo(0.9);
  });
});

describe("CTC greedy decoding", () => {
  it("collapses repeats, drops blanks, keeps each character's frames", () => {
    const alphabet = ["", "符", "合", " "];
    // frames: 符 符 _ 合 _ 合  -> 符 合 合
    const argmax = [1, 1, 0, 2, 0, 2];
    const probs = new Float32Array(argmax.length * alphabet.length);
    argmax.forEach((k, t) => {
      probs[t * alphabet.length + k] = 0.9;
    });
    const { chars } = ctcGreedy(probs, 0, argmax.length, alphabet.length, alphabet);
    expect(chars.map((c) => [c.ch, c.firstFrame, c.lastFrame])).toEqual([
      ["符", 0, 1],
      ["合", 3, 3],
      ["合", 5, 5],
    ]);
    expect(chars[0]!.confidence).toBeCloseTo(0.9);
  });

  it("maps the dictionary with a trailing space class when the model has one", () => {
    expect(ctcAlphabet("a\nb\n", 4)).toEqual(["", "a", "b", " "]);
    expect(ctcAlphabet("a\nb\n", 3)).toEqual(["", "a", "b"]);
    expect(() => ctcAlphabet("a\nb\n", 9)).toThrow(expect.objectContaining({ code: "OCR_LANG_MISSING" }));
  });

  it("finds the models inside the npm package", () => {
    expect(paddleModelFiles().recognition).toMatch(
      /@gutenye\/ocr-models\/assets\/ch_PP-OCRv4_rec_infer\.onnx$/,
    );
  });
});

const placed = (text: string, x0: number, step: number) =>
  [...text].map((ch, i) => ({ ch, x: x0 + (i + 0.5) * step, confidence: 0.9 }));

describe("lines and words from recognised boxes", () => {
  const label: RecognisedBox = { bbox: [100, 100, 260, 130], chars: placed("审核类型", 100, 40) };
  const value: RecognisedBox = { bbox: [400, 102, 640, 128], chars: placed("ISO 9001符合", 400, 24) };
  const below: RecognisedBox = { bbox: [100, 150, 300, 180], chars: placed("第二行", 100, 60) };

  it("gives every CJK character its own word and Latin runs one word, split at spaces", () => {
    const words = wordsOf(value);
    expect(words.map((w) => w.text)).toEqual(["ISO", "9001", "符", "合"]);
    // Character boxes follow the frames: "符" is the 9th of 10 characters, 24 px each.
    expect(words[2]!.bbox[0]).toBeGreaterThanOrEqual(400 + 8 * 24 - 2);
    expect(words[2]!.bbox[2]).toBeLessThanOrEqual(400 + 9 * 24 + 2);
    for (const w of words) {
      expect(w.bbox[0]).toBeGreaterThanOrEqual(400);
      expect(w.bbox[2]).toBeLessThanOrEqual(640);
    }
  });

  it("splits Latin runs where the recogniser skipped a gap (a tick box), and uses the ink rows", () => {
    const chars = [...placed("QMS", 500, 14), ...placed("EMS", 600, 14)];
    const box: RecognisedBox = { bbox: [490, 200, 620, 240], chars, ink: [208, 232] };
    expect(wordsOf(box).map((w) => [w.text, w.bbox[1], w.bbox[3]])).toEqual([
      ["QMS", 208, 232],
      ["EMS", 208, 232],
    ]);
    expect(boxText(box)).toBe("QMS EMS");
  });

  it("joins boxes on one row left to right and orders rows top to bottom", () => {
    const lines = linesFromBoxes([below, value, label, { bbox: [0, 0, 10, 10], chars: [] }]);
    expect(lines.map((l) => l.text)).toEqual(["审核类型 ISO 9001符合", "第二行"]);
    // The line box is the words' union: glyph extents, not the detector's grown margins.
    expect(lines[0]!.bbox).toEqual([108, 100, 638, 130]);
    expect(lines[0]!.words).toHaveLength(8);
    expect(lines[0]!.confidence).toBeCloseTo(0.9);
  });
});

describe("recognition input width", () => {
  it("pads a page line to PaddleOCR's training width, and a second-look crop by one em only", () => {
    expect(recInputWidth([130], READER_DEFAULTS)).toBe(320);
    expect(recInputWidth([130, 900], READER_DEFAULTS)).toBe(900);
    expect(recInputWidth([130], { ...READER_DEFAULTS, ...LINE_CROP_INPUT })).toBe(178);
  });
});
