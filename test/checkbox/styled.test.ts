/**
 * Options in other bodies' frames, drawn with the generator's own pens: brackets and parens with a printed √ ✓ ×
 * inside (符合（√）, （√）合格, [√]符合), on one line and stacked one per line in a cell. The state must come from
 * the ink inside the pair: the OCR text given here never holds the tick glyph (it reads "（）" or nothing there).
 */
import { createCanvas } from "@napi-rs/canvas";
import { describe, expect, it } from "vitest";
import { drawStyledBox } from "../../fixtures/generator/marks-more.ts";
import type { BoxSpec } from "../../fixtures/generator/render.ts";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { OcrLine } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";
import { detectMarks } from "../../src/parse/checkbox/detect.ts";

const FONT = "Noto Sans CJK SC";

interface StyledOpt {
  label: string;
  checked: boolean;
}
interface StyledRow {
  prefix: string;
  frame: "paren" | "bracket";
  glyph: "√" | "✓" | "×";
  labelFirst: boolean;
  options: StyledOpt[];
  /** One option a line, at one left edge (an evaluation cell). */
  stacked?: boolean;
}

/** Draws the rows at 200 DPI (as the pipeline renders) and returns the page with OCR lines that carry no tick. */
interface Expect {
  label: string;
  bbox: Bbox;
  checked: boolean;
}

function draw(rows: StyledRow[]): { image: PageImage; lines: OcrLine[]; expected: Expect[] } {
  const px = 29;
  const W = 1500;
  const H = 120 + rows.reduce((a, r) => a + (r.stacked ? r.options.length : 1), 0) * px * 1.8;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, W, H);
  ctx.font = `${px}px "${FONT}"`;
  const lines: OcrLine[] = [];
  const expected: Expect[] = [];
  let top = 40;
  /** Draws t; OCR (PP-OCR) gives a word a character. */
  const text = (t: string, x: number, y: number, into: OcrLine["words"]): Bbox => {
    ctx.fillStyle = "#111";
    ctx.fillText(t, x, y + px * 0.95);
    let at = x;
    for (const ch of t) {
      const w = ctx.measureText(ch).width;
      into.push({
        text: ch,
        bbox: [Math.round(at), Math.round(y + px * 0.1), Math.round(at + w), Math.round(y + px * 1.15)],
        confidence: 0.9,
      });
      at += w;
    }
    return [Math.round(x), Math.round(y + px * 0.1), Math.round(at), Math.round(y + px * 1.15)];
  };
  const box = (x: number, y: number, o: StyledOpt, r: StyledRow): number => {
    const w = px * 1.7;
    const spec: BoxSpec = {
      box: true,
      label: o.label,
      group: "g",
      checked: o.checked,
      mark: "glyph",
      frame: r.frame,
      glyph: r.glyph,
    };
    drawStyledBox(
      ctx,
      [x + px * 0.1, y + px * 0.12, x + w - px * 0.1, y + px * 1.22],
      spec,
      200 / 72,
      "#1a3a8a",
    );
    return w;
  };
  for (const r of rows) {
    const words: OcrLine["words"] = [];
    let x = 60;
    const pre = text(r.prefix, x, top, words);
    x = pre[2] + px;
    const x0 = x;
    for (const o of r.options) {
      if (r.stacked) x = x0;
      // OCR reads an empty pair as "（" "）" and drops a ticked one (or reads its tick as anything).
      const pair = (at: number) => {
        const w = box(at, top, o, r);
        if (!o.checked) {
          words.push({
            text: "（",
            bbox: [
              Math.round(at),
              Math.round(top + px * 0.1),
              Math.round(at + w / 2),
              Math.round(top + px * 1.15),
            ],
            confidence: 0.8,
          });
          words.push({
            text: "）",
            bbox: [
              Math.round(at + w / 2),
              Math.round(top + px * 0.1),
              Math.round(at + w),
              Math.round(top + px * 1.15),
            ],
            confidence: 0.8,
          });
        }
        return w;
      };
      if (!r.labelFirst) x += pair(x);
      const lb = text(o.label, x, top, words);
      expected.push({ label: o.label, bbox: lb, checked: o.checked });
      x = lb[2];
      if (r.labelFirst) x += pair(x);
      x += px * 0.6;
      if (r.stacked) {
        lines.push(line(words.splice(0)));
        top += px * 1.6;
      }
    }
    if (words.length > 0) lines.push(line(words));
    if (!r.stacked) top += px * 1.8;
  }
  const rgba = ctx.getImageData(0, 0, W, Math.round(H)).data;
  const Hh = Math.round(H);
  const data = new Uint8Array(W * Hh);
  for (let i = 0; i < W * Hh; i++)
    data[i] = Math.round((rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3);
  return { image: { width: W, height: Hh, channels: 1, data, dpi: 200 }, lines, expected };
}

function line(words: OcrLine["words"]): OcrLine {
  const bbox: Bbox = [
    Math.min(...words.map((w) => w.bbox[0])),
    Math.min(...words.map((w) => w.bbox[1])),
    Math.max(...words.map((w) => w.bbox[2])),
    Math.max(...words.map((w) => w.bbox[3])),
  ];
  return { text: words.map((w) => w.text).join(" "), bbox, confidence: 0.9, words };
}

const opts = (labels: string[], ticked: number): StyledOpt[] =>
  labels.map((label, i) => ({ label, checked: i === ticked }));
const CONF = ["符合", "基本符合", "不符合"];
const EFF = ["有效", "基本有效", "无效"];
const QUAL = ["合格", "基本合格", "不合格"];

const CASES: { name: string; rows: StyledRow[] }[] = [
  {
    name: "parens after the word (CQC form)",
    rows: [
      { prefix: "管理体系文件", frame: "paren", glyph: "√", labelFirst: true, options: opts(EFF, 0) },
      { prefix: "体系运行", frame: "paren", glyph: "√", labelFirst: true, options: opts(EFF, 2) },
    ],
  },
  {
    name: "parens before the word (CAQ prose)",
    rows: [
      {
        prefix: "2.1组织环境：评价为",
        frame: "paren",
        glyph: "√",
        labelFirst: false,
        options: opts(QUAL, 1),
      },
      { prefix: "2.2策划：评价为", frame: "paren", glyph: "×", labelFirst: false, options: opts(QUAL, 0) },
    ],
  },
  {
    name: "brackets before the word, ✓",
    rows: [
      { prefix: "4.1管理体系文件：", frame: "bracket", glyph: "✓", labelFirst: false, options: opts(EFF, 2) },
    ],
  },
  {
    name: "stacked in a cell",
    rows: [
      {
        prefix: "2.1组织环境与领导作用",
        frame: "paren",
        glyph: "√",
        labelFirst: true,
        stacked: true,
        options: opts(CONF, 1),
      },
    ],
  },
];

describe("bracket-style option rows read from pixels", () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { image, lines, expected } = draw(c.rows);
      const marks = detectMarks(image, lines);
      if (process.env.DBG) console.log(JSON.stringify(marks), JSON.stringify(expected));
      for (const e of expected) {
        const cx = (e.bbox[0] + e.bbox[2]) / 2;
        const cy = (e.bbox[1] + e.bbox[3]) / 2;
        const m = marks.filter(
          (x) => cx > x.labelBbox[0] && cx < x.labelBbox[2] && cy > x.labelBbox[1] && cy < x.labelBbox[3],
        );
        expect(
          m.map((x) => x.state),
          e.label,
        ).toEqual([e.checked ? "checked" : "unchecked"]);
      }
    });
  }

  it("a recommendation printed as a sentence takes the pair after the sentence, wherever its word stands", () => {
    const sentences = ["推荐保持认证注册", "不符合项纠正措施验证后推荐保持认证注册", "不推荐保持认证注册"];
    const { image, lines, expected } = draw([
      {
        prefix: "推荐意见：",
        frame: "paren",
        glyph: "√",
        labelFirst: true,
        stacked: true,
        options: opts(sentences, 1),
      },
    ]);
    const marks = detectMarks(image, lines);
    for (const e of expected) {
      const cy = (e.bbox[1] + e.bbox[3]) / 2;
      const m = marks.filter((x) => Math.abs((x.labelBbox[1] + x.labelBbox[3]) / 2 - cy) < 10);
      expect(
        m.map((x) => [e.label.endsWith(x.label), x.state]),
        e.label,
      ).toEqual([[true, e.checked ? "checked" : "unchecked"]]);
    }
  });

  it("a lone paren pair beside an option word in running text is no option", () => {
    const { image, lines } = draw([
      {
        prefix: "审核组认为体系运行",
        frame: "paren",
        glyph: "√",
        labelFirst: true,
        options: [{ label: "有效", checked: true }],
      },
    ]);
    expect(detectMarks(image, lines).filter((m) => m.label === "有效")).toEqual([]);
  });
});

/** A row of words 是 基本 否 with a pen ring around the chosen one (frame "none"); `lost`: OCR read nothing there. */
function drawRings(rows: { prefix: string; ringed: number; lost?: boolean }[]): {
  image: PageImage;
  lines: OcrLine[];
  expected: Expect[];
} {
  const px = 29;
  const W = 1500;
  const H = 80 + rows.length * px * 2.2;
  const canvas = createCanvas(W, Math.round(H));
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, W, Math.round(H));
  ctx.font = `${px}px "${FONT}"`;
  const lines: OcrLine[] = [];
  const expected: Expect[] = [];
  let top = 40;
  for (const r of rows) {
    const words: OcrLine["words"] = [];
    let x = 60;
    const put = (t: string, keep: boolean): Bbox => {
      ctx.fillStyle = "#111";
      ctx.fillText(t, x, top + px * 0.95);
      const start = x;
      for (const ch of t) {
        const w = ctx.measureText(ch).width;
        if (keep)
          words.push({
            text: ch,
            bbox: [Math.round(x), Math.round(top + px * 0.1), Math.round(x + w), Math.round(top + px * 1.15)],
            confidence: 0.9,
          });
        x += w;
      }
      return [Math.round(start), Math.round(top + px * 0.1), Math.round(x), Math.round(top + px * 1.15)];
    };
    put(r.prefix, true);
    x += px * 2;
    for (const [i, word] of ["是", "基本", "否"].entries()) {
      const ringed = i === r.ringed;
      const w = ctx.measureText(word).width + px * 0.3;
      const rect: Bbox = [x + px * 0.02, top + px * 0.02, x + w - px * 0.02, top + px * 1.28];
      const at = x;
      x += px * 0.15;
      const lb = put(word, !(ringed && r.lost));
      x = at + w;
      const spec: BoxSpec = {
        box: true,
        label: word,
        group: "g",
        checked: ringed,
        mark: "circle",
        frame: "none",
      };
      drawStyledBox(ctx, rect, spec, 200 / 72, "#1a3a8a");
      expected.push({ label: word, bbox: lb, checked: ringed });
      x += px * 0.8;
    }
    lines.push(line(words));
    top += px * 2.2;
  }
  const Hh = Math.round(H);
  const rgba = ctx.getImageData(0, 0, W, Hh).data;
  const data = new Uint8Array(W * Hh);
  for (let i = 0; i < W * Hh; i++)
    data[i] = Math.round((rgba[i * 4]! + rgba[i * 4 + 1]! + rgba[i * 4 + 2]!) / 3);
  return { image: { width: W, height: Hh, channels: 1, data, dpi: 200 }, lines, expected };
}

describe("circled words read from pixels", () => {
  it("the ringed word is chosen, the others not, also when OCR lost the ringed word", () => {
    const { image, lines, expected } = drawRings([
      { prefix: "管理体系运行是否有效", ringed: 0 },
      { prefix: "内部审核和管理评审是否有效", ringed: 1 },
      { prefix: "管理体系文件是否符合标准要求", ringed: 0, lost: true },
    ]);
    const marks = detectMarks(image, lines);
    for (const e of expected) {
      const cx = (e.bbox[0] + e.bbox[2]) / 2;
      const cy = (e.bbox[1] + e.bbox[3]) / 2;
      const m = marks.filter(
        (x) =>
          x.label === e.label &&
          Math.abs((x.labelBbox[1] + x.labelBbox[3]) / 2 - cy) < 20 &&
          Math.abs((x.labelBbox[0] + x.labelBbox[2]) / 2 - cx) < 30,
      );
      expect(
        m.map((x) => x.state),
        `${e.label} at ${cy}`,
      ).toEqual([e.checked ? "checked" : "unchecked"]);
    }
  });
});
