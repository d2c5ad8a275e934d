/** Frames the scan wore (fixtures/generator/pens.ts `wear`): 1 px frames and frames with broken sides, empty and under
 * the generator's pens. Truth is what the generator drew; the reader sees only pixels (frameIn: the label probes' and the
 * page-wide finder's frame test; findBoxes: the page-wide finder). */
import { createCanvas } from "@napi-rs/canvas";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { drawBox } from "../../fixtures/generator/marks.ts";
import type { Pen, Wear } from "../../fixtures/generator/pens.ts";
import type { BoxSpec } from "../../fixtures/generator/render.ts";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { PageImage } from "../../src/domain/page.ts";
import { findBoxes } from "../../src/layout/boxes.ts";
import { frameIn, probeWindow } from "../../src/parse/checkbox/probe.ts";

const DPI = 150;
const S = DPI / 72;
const SIDE = 10.5 * S * 0.9;

/** Boxes as render.ts places them beside 10.5 pt text, scanned as degrade.ts scans: turned a little, blurred, JPEG. */
async function page(
  specs: Partial<BoxSpec>[],
  extra?: (ctx: ReturnType<ReturnType<typeof createCanvas>["getContext"]>) => void,
) {
  const W = 120 + 90 * specs.length;
  const c = createCanvas(W, 120);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "#f6f3ea";
  ctx.fillRect(0, 0, W, 120);
  const boxes: Bbox[] = specs.map((spec, i) => {
    const box: Bbox = [60 + 90 * i, 45, 60 + 90 * i + SIDE, 45 + SIDE];
    drawBox(
      ctx,
      box,
      { box: true, label: "符合", group: "g", checked: false, mark: "check", ...spec },
      S,
      "#1a2a8a",
    );
    return box;
  });
  // Its label a quarter em after it, and the table rules of the cell it stands in, as sgs-bilingual prints them: ink
  // the probe window holds beside the box.
  ctx.fillStyle = "#111";
  ctx.font = `${10.5 * S}px "Noto Sans CJK SC"`;
  for (const b of boxes) ctx.fillText("符合", b[2] + 0.25 * 10.5 * S, b[3] - 1);
  ctx.fillRect(0, 45 - 0.55 * 10.5 * S, W, 1.5);
  ctx.fillRect(0, 45 + SIDE + 0.55 * 10.5 * S, W, 1.5);
  extra?.(ctx);
  const jpeg = await sharp(c.toBuffer("image/png"))
    .rotate(0.8, { background: "#f6f3ea" })
    .blur(0.6)
    .jpeg({ quality: 45 })
    .toBuffer();
  const { data, info } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
  const dx = (info.width - W) / 2;
  const dy = (info.height - 120) / 2;
  const img: PageImage = {
    width: info.width,
    height: info.height,
    channels: 1,
    data: new Uint8Array(data),
    dpi: DPI,
  };
  return { img, boxes: boxes.map((b) => [b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy] as Bbox) };
}

/** The box as detect.ts's label probe sees it: the window left of a label starting a quarter em after the box. */
async function readOne(spec: Partial<BoxSpec>) {
  const { img, boxes } = await page([spec]);
  const b = boxes[0]!;
  const h = SIDE / 0.9;
  const lb0 = b[2] + 0.25 * h;
  const xa = lb0 - 2 * h;
  const p = probeWindow(img, xa, lb0 + 0.35 * h, (b[1] + b[3]) / 2, h, xa, lb0 - 0.1 * h, {
    maxLeft: lb0 - 0.1 * h,
  });
  return p.kind === "frame" ? p : null;
}

const PENS: Pen[] = ["heavy", "outside", "cross", "scribble", "dot", "printed-x"];

describe("worn frames (generator truth)", () => {
  for (const wear of ["thin", "broken"] as Wear[]) {
    it(`finds an empty ${wear} frame and reads it unchecked`, async () => {
      const f = await readOne({ wear, checked: false });
      expect(f?.state, wear).toBe("unchecked");
    });

    it(`finds a ${wear} frame under the pens and never reads it unchecked`, async () => {
      let checked = 0;
      for (const pen of PENS) {
        const f = await readOne({ wear, checked: true, pen });
        // Null over wrong: a worn frame may go unfound or unclear, never read the opposite of what was drawn.
        expect(f?.state, `${wear} ${pen}`).not.toBe("unchecked");
        if (f?.state === "checked") checked++;
      }
      // A tick crossing a broken frame where its sides are missing (outside, cross) may leave it unfound: null, not wrong.
      expect(checked).toBeGreaterThanOrEqual(PENS.length - 2);
    });
  }

  it("does not piece a frame together from a bracket and the letter beside it", async () => {
    const { img } = await page([], (ctx) => {
      ctx.fillStyle = "#111";
      ctx.font = `${10.5 * S}px "Noto Sans CJK SC"`;
      ctx.fillText("[E] 口E [日] E[", 40, 70);
    });
    const found = await findBoxes(img, []);
    // 口 and 日 are squares of text size: only the page-wide finder's OCR test drops them, so count the rest.
    expect(found.filter((b) => b.bbox[2] - b.bbox[0] > 1.2 * (b.bbox[3] - b.bbox[1]))).toHaveLength(0);
  });

  it("leaves worn frames to the label probes: the page-wide frame test stays strict", async () => {
    const { img, boxes } = await page([{ wear: "broken", checked: false }]);
    const b = boxes[0]!;
    const win = [b[0] - 6, b[1] - 6, b[2] + 6, b[3] + 6] as const;
    const [minS, maxS] = [Math.round(SIDE * 0.7), Math.round(SIDE * 1.4)];
    expect(frameIn(img, ...win, minS, maxS)).toBeNull();
    expect(frameIn(img, ...win, minS, maxS, true)?.state).toBe("unchecked");
  });
});
