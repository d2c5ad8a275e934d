import fc from "fast-check";
import { detectMarks } from "../../src/parse/checkbox/detect.ts";
import { type Score, score } from "./cases.ts";
import { type BoxKind, drawPage, type Row } from "./draw.ts";

const LABELS = [
  ["符合", "基本符合", "不符合"],
  ["有效", "基本有效", "无效"],
  ["满足", "基本满足", "不满足"],
  ["现场审核", "远程审核", "现场结合远程审核"],
];
const KINDS: BoxKind[] = ["empty", "empty", "tick", "filled", "cross", "overshoot"];

/** Random rows under random combinations of every degradation at once (the single-mode cases are in cases.ts). */
export const randomPage = fc.record({
  fam: fc.integer({ min: 0, max: 3 }),
  kinds: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 3, maxLength: 3 }),
  glue: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  touch: fc.boolean(),
  dpi: fc.constantFrom(150, 200, 300),
  skew: fc.double({ min: -2, max: 2, noNaN: true }),
  noise: fc.integer({ min: 0, max: 35 }),
  jpeg: fc.constantFrom(0, 40, 70),
  jitter: fc.integer({ min: 0, max: 6 }),
  scale: fc.double({ min: 0.7, max: 1.3, noNaN: true }),
  colour: fc.boolean(),
  seal: fc.integer({ min: -1, max: 2 }),
  grid: fc.boolean(),
});
export type RandomPage = typeof randomPage extends fc.Arbitrary<infer T> ? T : never;

export async function scoreRandom(a: RandomPage): Promise<Score> {
  const row: Row = {
    prefix: "体系运行",
    options: LABELS[a.fam]!.map((label, i) => ({
      label,
      box: KINDS[a.kinds[i]!]!,
      glue: a.glue[i]!,
      touch: a.touch,
      boxScale: a.scale,
    })),
  };
  const d = await drawPage([row], {
    dpi: a.dpi,
    skewDeg: a.skew,
    noise: a.noise,
    ...(a.jpeg ? { jpeg: a.jpeg } : {}),
    jitter: a.jitter,
    colour: a.colour,
    // A red seal is only separable from print in colour; a grey scan of one is out of scope.
    ...(a.seal >= 0 && a.colour ? { sealOnBox: a.seal } : {}),
    grid: a.grid,
    width: 2000,
  });
  return score(d, detectMarks(d.image, d.lines));
}
