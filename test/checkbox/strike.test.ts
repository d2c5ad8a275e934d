/**
 * Options chosen by striking out the others (有效／基本有效／无效, 不适用的划去), drawn with the generator's own pen
 * (fixtures/generator/marks-more.ts, frame "none", mark "strike"): the clean word is chosen, each struck word is not,
 * on one line with slashes between and stacked one a line in a cell. Clean words (一般, 二, 基本有效 …) are never struck,
 * and a set none of whose words is struck is no answer.
 */
import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { drawStyledBox } from "../../fixtures/generator/marks-more.ts";
import type { BoxSpec } from "../../fixtures/generator/render.ts";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { OcrLine } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";
import { detectMarks } from "../../src/parse/checkbox/detect.ts";
import { isStruck } from "../../src/parse/checkbox/strike.ts";
import { lineOf as line } from "./draw.ts";

const FONT = "Noto Sans CJK SC";
const PX = 29;

interface Row {
  prefix: string;
  words: string[];
  /** Index of the clean (chosen) word; -1: none struck. */
  clean: number;
  stacked?: boolean;
  lines?: 1 | 2;
  slope?: number;
}
interface Expect {
  label: string;
  bbox: Bbox;
  checked: boolean;
}

function draw(rows: Row[]): { image: PageImage; lines: OcrLine[]; expected: Expect[] } {
  const W = 1500;
  const H = Math.round(80 + rows.reduce((a, r) => a + (r.stacked ? r.words.length : 1), 0) * PX * 1.9);
  const ctx = createCanvas(W, H).getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, W, H);
  ctx.font = `${PX}px "${FONT}"`;
  const lines: OcrLine[] = [];
  const expected: Expect[] = [];
  let top = 40;
  for (const r of rows) {
    let words: OcrLine["words"] = [];
    let x = 60;
    const put = (t: string): Bbox => {
      ctx.fillStyle = "#111";
      ctx.fillText(t, x, top + PX * 0.95);
      const start = x;
      for (const ch of t) {
        const w = ctx.measureText(ch).width;
        const bbox: Bbox = [
          Math.round(x),
          Math.round(top + PX * 0.1),
          Math.round(x + w),
          Math.round(top + PX * 1.15),
        ];
        words.push({ text: ch, bbox, confidence: 0.9 });
        x += w;
      }
      return [Math.round(start), Math.round(top + PX * 0.1), Math.round(x), Math.round(top + PX * 1.15)];
    };
    put(r.prefix);
    const x0 = x + PX;
    x = x0;
    for (const [i, word] of r.words.entries()) {
      if (i > 0 && !r.stacked) put("／");
      const w = ctx.measureText(word).width + PX * 0.3;
      const rect: Bbox = [x + PX * 0.02, top + PX * 0.02, x + w - PX * 0.02, top + PX * 1.28];
      const at = x;
      x += PX * 0.15;
      const lb = put(word);
      x = at + w;
      const spec: BoxSpec = {
        box: true,
        label: word,
        group: "g",
        checked: i === r.clean || r.clean < 0,
        mark: "strike",
        frame: "none",
        strike: { lines: r.lines ?? 1, slope: r.slope ?? 0 },
      };
      drawStyledBox(ctx, rect, spec, 200 / 72, "#1a3a8a");
      expected.push({ label: word, bbox: lb, checked: spec.checked });
      if (r.stacked) {
        lines.push(line(words));
        words = [];
        top += PX * 1.6;
        x = x0;
      }
    }
    if (words.length > 0) lines.push(line(words));
    if (!r.stacked) top += PX * 1.9;
  }
  const rgba = ctx.getImageData(0, 0, W, H).data;
  const data = new Uint8Array(W * H);
  for (let i = 0; i < W * H; i++)
    data[i] = Math.round((rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3);
  return { image: { width: W, height: H, channels: 1, data, dpi: 200 }, lines, expected };
}

const near = (e: Expect) => (b: Bbox) =>
  Math.abs((b[1] + b[3]) / 2 - (e.bbox[1] + e.bbox[3]) / 2) < 15 &&
  Math.abs((b[0] + b[2]) / 2 - (e.bbox[0] + e.bbox[2]) / 2) < 30;

describe("struck-out options read from pixels", () => {
  it("the clean word is chosen and every struck word is not, in rows and in stacks", () => {
    const { image, lines, expected } = draw([
      { prefix: "1．管理体系文件：", words: ["有效", "基本有效", "无效"], clean: 0 },
      { prefix: "2．内部审核和管理评审：", words: ["有效", "基本有效", "无效"], clean: 1, lines: 2 },
      { prefix: "3．体系运行：", words: ["有效", "基本有效", "无效"], clean: 2, slope: 0.22 },
      { prefix: "性质", words: ["严重", "一般"], clean: 1, slope: -0.2 },
      { prefix: "评价", words: ["符合", "基本符合", "不符合"], clean: 1, stacked: true },
      { prefix: "审核类型", words: ["初次认证", "监督审核", "再认证审核"], clean: 1 },
    ]);
    for (const e of expected) expect(isStruck(image, e.bbox, PX), e.label).toBe(!e.checked);
    const marks = detectMarks(image, lines);
    for (const e of expected)
      expect(
        marks.filter((m) => m.label === e.label && near(e)(m.labelBbox)).map((m) => m.state),
        `${e.label} at ${e.bbox[1]}`,
      ).toEqual([e.checked ? "checked" : "unchecked"]);
  });

  it("a double strike is read when OCR's box of the word holds the strike's overrun too", () => {
    const { image, expected } = draw([
      { prefix: "审核类型", words: ["初次认证", "监督审核", "再认证审核"], clean: 0, lines: 2 },
    ]);
    for (const e of expected) {
      const wide: Bbox = [e.bbox[0] - 0.15 * PX, e.bbox[1], e.bbox[2] + 0.2 * PX, e.bbox[3]];
      expect(isStruck(image, wide, PX), e.label).toBe(!e.checked);
    }
  });

  it("no printed word reads as struck, and a set with nothing struck is no answer", () => {
    const words = [
      "一般",
      "严重",
      "有效",
      "基本有效",
      "无效",
      "符合",
      "基本符合",
      "不符合",
      "二〇二四年",
      "三",
      "再认证审核",
    ];
    const { image, lines, expected } = draw([
      { prefix: "词", words, clean: -1 },
      { prefix: "4．体系运行：", words: ["有效", "基本有效", "无效"], clean: -1 },
    ]);
    // A single character cannot tell (null): its own stroke may run across it.
    for (const e of expected)
      expect(isStruck(image, e.bbox, PX), e.label).toBe(e.label.length > 1 ? false : null);
    const marks = detectMarks(image, lines);
    expect(marks.filter((m) => m.state === "checked" && expected.some((e) => near(e)(m.labelBbox)))).toEqual(
      [],
    );
  });
});
