import { detectMarks } from "../../src/parse/checkbox/detect.ts";
import { binarise } from "../../src/parse/checkbox/pixels.ts";
import { type BoxKind, drawPage } from "./draw.ts";

const a = JSON.parse(process.argv[2]!);
const LABELS = [
  ["符合", "基本符合", "不符合"],
  ["有效", "基本有效", "无效"],
  ["满足", "基本满足", "不满足"],
  ["现场审核", "远程审核", "现场结合远程审核"],
];
const kinds: BoxKind[] = ["empty", "empty", "tick", "filled", "cross", "overshoot"];
const row = {
  prefix: "体系运行",
  options: LABELS[a.fam]!.map((label: string, i: number) => ({
    label,
    box: kinds[a.k[i]]!,
    glue: a.glue[i],
    touch: a.touch,
    boxScale: a.scale,
  })),
};
const d = await drawPage([row], {
  dpi: a.dpi,
  skewDeg: a.skew,
  noise: a.noise,
  jpeg: a.jpeg || undefined,
  jitter: a.jitter,
  colour: a.colour,
  sealOnBox: a.seal >= 0 ? a.seal : undefined,
  grid: a.grid,
  width: 2000,
});
const marks = detectMarks(d.image, d.lines);
console.log(d.lines[0]!.words.map((w) => `${w.text} ${w.bbox}`).join("\n"));
const i = Number(process.argv[3] ?? 0);
const m = marks[i]!;
console.log(m);
const c = binarise(
  d.image,
  m.labelBbox[0] - 120,
  m.labelBbox[1] - 30,
  m.labelBbox[0] + 50,
  m.labelBbox[3] + 30,
);
for (let y = 0; y < c.h; y++) {
  let s = "";
  for (let x = 0; x < c.w; x++) {
    const X = c.x0 + x,
      Y = c.y0 + y;
    const inB = X >= m.bbox[0] && X < m.bbox[2] && Y >= m.bbox[1] && Y < m.bbox[3];
    s += c.ink[y * c.w + x] ? (inB ? "#" : "x") : inB ? "-" : ".";
  }
  console.log(s);
}
