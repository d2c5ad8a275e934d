import type { BoxMark } from "../../src/domain/ocr.ts";
import { type Drawn, type DrawOptions, drawPage, type Row } from "./draw.ts";

/** One failure mode per case; the same rows drawn under different degradations. */
export interface Case {
  name: string;
  rows: Row[];
  options: DrawOptions;
}

const conformity: Row = {
  prefix: "审核准则的要求",
  options: [
    { label: "符合", box: "tick" },
    { label: "基本符合", box: "empty" },
    { label: "不符合", box: "empty", glue: true },
  ],
};
const effective: Row = {
  prefix: "体系运行",
  options: [
    { label: "有效", box: "empty" },
    { label: "基本有效", box: "filled" },
    { label: "无效", box: "empty" },
  ],
};
const achieve: Row = {
  prefix: "审核目的",
  options: [
    { label: "达到", box: "cross" },
    { label: "基本达到", box: "empty", glue: true },
    { label: "未达到", box: "empty" },
  ],
};
const mixed: Row[] = [conformity, effective, achieve];

export const CASES: Case[] = [
  { name: "clean 300 DPI", rows: mixed, options: {} },
  { name: "skew 2°", rows: mixed, options: { skewDeg: 2 } },
  { name: "skew -2°", rows: mixed, options: { skewDeg: -2 } },
  { name: "Gaussian noise σ=25", rows: mixed, options: { noise: 25 } },
  { name: "JPEG q40", rows: mixed, options: { jpeg: 40 } },
  { name: "150 DPI", rows: mixed, options: { dpi: 150 } },
  { name: "150 DPI + JPEG q40 + noise", rows: mixed, options: { dpi: 150, jpeg: 40, noise: 12 } },
  { name: "colour, red seal over an empty box", rows: mixed, options: { colour: true, sealOnBox: 1 } },
  { name: "colour, red seal over a ticked box", rows: mixed, options: { colour: true, sealOnBox: 0 } },
  {
    name: "box touching text",
    rows: [
      {
        options: [
          { label: "现场审核", box: "tick", touch: true },
          { label: "远程审核", box: "empty", touch: true },
          { label: "现场结合远程审核", box: "empty", touch: true },
        ],
      },
    ],
    options: {},
  },
  {
    name: "tick crossing the frame",
    rows: [
      {
        prefix: "适用要求",
        options: [
          { label: "满足", box: "overshoot" },
          { label: "基本满足", box: "empty" },
          { label: "不满足", box: "empty" },
        ],
      },
    ],
    options: {},
  },
  {
    name: "filled ■ (glued as 口)",
    rows: [
      {
        options: [
          { label: "符合", box: "filled", glue: true },
          { label: "基本符合", box: "empty", glue: true },
          { label: "不符合", box: "empty" },
        ],
      },
    ],
    options: {},
  },
  {
    name: "hand-drawn tick, no boxes",
    rows: [
      {
        prefix: "审核方式：",
        options: [
          { label: "现场审核", box: "hand" },
          { label: "远程审核", box: "none" },
          { label: "现场结合远程审核", box: "none" },
        ],
      },
    ],
    options: {},
  },
  { name: "colour, blue ballpoint ticks", rows: mixed, options: { colour: true, tickColour: "#1a2fb0" } },
  {
    name: "hand-drawn tick after the label, no boxes",
    rows: [
      {
        options: [
          { label: "初次认证", box: "none", after: true },
          { label: "监督审核", box: "hand", after: true },
          { label: "再认证", box: "none", after: true },
        ],
        spacing: 2,
      },
    ],
    options: {},
  },
  {
    name: "boxes after labels",
    rows: [
      {
        options: [
          { label: "是", box: "empty", after: true },
          { label: "否", box: "tick", after: true },
        ],
        spacing: 2,
      },
    ],
    options: {},
  },
  { name: "table grid (cell borders beside the boxes)", rows: mixed, options: { grid: true } },
  { name: "table grid, 150 DPI, JPEG q40", rows: mixed, options: { grid: true, dpi: 150, jpeg: 40 } },
  { name: "OCR word boxes jittered ±6 px", rows: mixed, options: { jitter: 6 } },
  { name: "heavy noise σ=40 at 150 DPI", rows: mixed, options: { noise: 40, dpi: 150 } },
  {
    name: "colour + seal + JPEG q40, skew 1.5°",
    rows: mixed,
    options: { colour: true, sealOnBox: 3, jpeg: 40, skewDeg: 1.5 },
  },
  { name: "light pencil ticks", rows: mixed, options: { tickColour: "#8a8a8a" } },
  {
    name: "small and large boxes",
    rows: [
      {
        options: [
          { label: "有效", box: "empty", boxScale: 0.7 },
          { label: "基本有效", box: "tick", boxScale: 0.7 },
          { label: "无效", box: "empty", boxScale: 1.35 },
        ],
      },
      {
        options: [
          { label: "符合", box: "tick", boxScale: 1.35 },
          { label: "基本符合", box: "empty", boxScale: 1.35 },
        ],
      },
    ],
    options: {},
  },
  {
    name: "OCR word box covers a touching box, no glyph",
    rows: [
      {
        options: [
          { label: "满足", box: "empty", touch: true, wordIncludesBox: true },
          { label: "基本满足", box: "tick", touch: true, wordIncludesBox: true },
          { label: "不满足", box: "empty", touch: true, wordIncludesBox: true },
        ],
      },
    ],
    options: {},
  },
  {
    name: "recommendation block, noisy JPEG",
    rows: [
      { options: [{ label: "推荐认证注册", box: "empty" }] },
      {
        options: [
          { label: "在商定的时间内完成对不符合项的整改，并经审核组验证有效后，推荐认证注册。", box: "tick" },
        ],
      },
      { options: [{ label: "不予推荐", box: "empty", glue: true }] },
    ],
    options: { jpeg: 40, noise: 10, width: 2600 },
  },
];

export interface Score {
  total: number;
  correct: number;
  unclear: number;
  missing: number;
  wrongConfident: string[];
  details: string[];
}

function overlaps(a: readonly number[], b: readonly number[]): boolean {
  return (
    Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!) > 0 && Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!) > 0
  );
}

/** Matches marks to drawn options by label position. */
export function score(d: Drawn, marks: readonly BoxMark[]): Score {
  const s: Score = { total: 0, correct: 0, unclear: 0, missing: 0, wrongConfident: [], details: [] };
  for (const e of d.expected) {
    const m = marks.find(
      (k) => overlaps(k.labelBbox, e.labelBbox) && e.label.startsWith(k.label.slice(0, 2)),
    );
    if (e.optional && (!m || m.state === "unchecked")) continue;
    s.total++;
    if (!m) {
      s.missing++;
      s.details.push(`${e.label}: missing (want ${e.state})`);
      continue;
    }
    if (m.state === e.state) s.correct++;
    else if (m.state === "unclear") s.unclear++;
    else if (m.confidence > 0.9) s.wrongConfident.push(`${e.label}: ${m.state} @${m.confidence}`);
    s.details.push(`${e.label}: ${m.state} ${m.confidence} (want ${e.state})`);
  }
  return s;
}

export async function drawCase(c: Case): Promise<Drawn> {
  return drawPage(c.rows, c.options);
}
