/** Box states under the generator's pen styles (fixtures/generator/pens.ts): a speck in an empty box is not a tick,
 * a faint pencil tick across the box is one. Truth is what the generator drew; the reader sees only pixels. */
import { createCanvas } from "@napi-rs/canvas";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { drawBox } from "../../fixtures/generator/marks.ts";
import { drawStyledBox } from "../../fixtures/generator/marks-more.ts";
import type { BoxSpec } from "../../fixtures/generator/render.ts";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { PageImage } from "../../src/domain/page.ts";
import { findPairs, pairState } from "../../src/parse/checkbox/pair.ts";
import { frameIn } from "../../src/parse/checkbox/probe.ts";

const DPI = 150;
const S = DPI / 72;

/** One box as render.ts places it beside 10.5 pt text, blurred as degrade.ts blurs a 150 DPI scan. */
async function boxImage(spec: Partial<BoxSpec>): Promise<{ img: PageImage; box: Bbox }> {
  const px = 10.5 * S;
  const size = px * 0.9;
  const bracket = spec.frame === "bracket" || spec.frame === "paren";
  // render.ts: a square of 0.9 em; brackets 1.5 em wide and 1.1 em tall.
  const box: Bbox = bracket ? [30, 30, 30 + px * 1.5, 30 + px * 1.1] : [30, 30, 30 + size, 30 + size];
  const c = createCanvas(90, 90);
  const ctx = c.getContext("2d");
  ctx.fillStyle = "#f6f3ea";
  ctx.fillRect(0, 0, 90, 90);
  const full: BoxSpec = { box: true, label: "符合", group: "g", checked: false, mark: "check", ...spec };
  if (bracket) drawStyledBox(ctx, box, full, S, "#1a2a8a");
  else drawBox(ctx, box, full, S, "#1a2a8a");
  const { data, info } = await sharp(c.toBuffer("image/png"))
    .greyscale()
    .blur(0.7)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    img: { width: info.width, height: info.height, channels: 1, data: new Uint8Array(data), dpi: DPI },
    box,
  };
}

async function read(spec: Partial<BoxSpec>) {
  const { img } = await boxImage(spec);
  const side = (10.5 * S * 0.9) | 0;
  return frameIn(img, 15, 15, 75, 75, Math.round(side * 0.7), Math.round(side * 1.4));
}

describe("box states under pen styles (generator truth)", () => {
  it("reads an empty box with a speck of ink off centre as unchecked, not unclear", async () => {
    for (const speck of [
      [0.25, 0.3],
      [0.75, 0.7],
      [0.2, 0.78],
    ] as [number, number][]) {
      const f = await read({ checked: false, speck });
      expect(f?.state, `speck at ${speck}`).toBe("unchecked");
    }
  });

  it("reads a faint pencil tick drawn across the box as checked", async () => {
    for (const faintInk of ["#8a8a8a", "#7d8799", "#969696"]) {
      const f = await read({ checked: true, pen: "faint", faintInk });
      expect(f?.state, faintInk).toBe("checked");
    }
  });

  it("still reads an empty box as unchecked and a pen cross, dot or scribble as checked", async () => {
    expect((await read({ checked: false }))?.state).toBe("unchecked");
    for (const pen of ["cross", "dot", "scribble", "printed-x"] as const)
      expect((await read({ checked: true, pen }))?.state, pen).toBe("checked");
  });

  it("reads a faint pencil √ inside brackets as checked and empty brackets as unchecked", async () => {
    const h = 10.5 * S;
    const pairOf = async (spec: Partial<BoxSpec>) => {
      const { img, box } = await boxImage(spec);
      const cy = (box[1] + box[3]) / 2;
      const ps = findPairs(img, box[0] - 0.5 * h, box[2] + 0.5 * h, cy, h * 0.95);
      expect(ps.length, JSON.stringify(spec)).toBeGreaterThan(0);
      return pairState(ps.sort((a, b) => b.bbox[2] - b.bbox[0] - (a.bbox[2] - a.bbox[0]))[0]!);
    };
    for (const frame of ["bracket", "paren"] as const) {
      expect((await pairOf({ frame, mark: "glyph", checked: false })).state, frame).toBe("unchecked");
      for (const faintInk of ["#8a8a8a", "#969696"]) {
        const r = await pairOf({ frame, mark: "glyph", glyph: "√", checked: true, pen: "faint", faintInk });
        expect(r.state, `${frame} ${faintInk}`).toBe("checked");
      }
    }
  });
});
