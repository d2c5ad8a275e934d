/**
 * Synthetic "scanned" report pages for OCR tests and the benchmark: seed report lines laid out on an A4
 * page with a CJK system font, then degraded a little (blur, noise, slight skew) like a real scan.
 * The reference text is exactly what was drawn, so CER can be measured.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createCanvas, GlobalFonts } from "@napi-rs/canvas";
import sharp, { type Sharp } from "sharp";
import type { PageImage } from "../src/domain/page.ts";

export const SEED_REPORT_PATH = fileURLToPath(
  new URL("../fixtures/generator/seed/000_8f87e4ff3e04dee7.txt", import.meta.url),
);

const CJK_FONT_CANDIDATES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
];
const FONT_FAMILY = "SyntheticCJK";
let fontRegistered = false;

function ensureFont(): void {
  if (fontRegistered) return;
  for (const path of CJK_FONT_CANDIDATES) {
    if (GlobalFonts.registerFromPath(path, FONT_FAMILY)) {
      fontRegistered = true;
      return;
    }
  }
  throw new Error(`no CJK font found (tried ${CJK_FONT_CANDIDATES.join(", ")}); install fonts-noto-cjk`);
}

export interface SyntheticPageOptions {
  /** Text lines to lay out (wrapped to the page width). */
  lines: readonly string[];
  dpi?: number;
  /** Font size in points; audit reports use 10.5 pt (五号). */
  fontPt?: number;
  /** Gaussian blur sigma in pixels (0 = none). */
  blur?: number;
  /** Fraction of pixels flipped to random grey (salt and pepper). */
  noise?: number;
  /** Small skew in degrees, applied like a crooked sheet on the scanner. */
  skewDeg?: number;
  /** Quarter turns clockwise applied after rendering (2 = upside down). */
  quarterTurns?: 0 | 1 | 2 | 3;
  /** Deterministic noise. */
  seed?: number;
}

export interface SyntheticPage {
  image: PageImage;
  /** The text drawn, one wrapped line per entry. */
  drawnLines: string[];
}

/** Seed report lines (non-empty, trimmed), for laying out pages. */
export function seedLines(path = SEED_REPORT_PATH): string[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Mulberry32: small deterministic PRNG so degraded pages are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function renderSyntheticPage(opts: SyntheticPageOptions): Promise<SyntheticPage> {
  ensureFont();
  const dpi = opts.dpi ?? 200;
  const width = Math.round(8.27 * dpi);
  const height = Math.round(11.69 * dpi);
  const margin = Math.round(0.9 * dpi);
  const fontPx = Math.round(((opts.fontPt ?? 10.5) / 72) * dpi);
  const lineStep = Math.round(fontPx * 1.7);

  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = "#000000";
  ctx.font = `${fontPx}px ${FONT_FAMILY}`;
  ctx.textBaseline = "top";

  const drawnLines: string[] = [];
  let y = margin;
  const maxWidth = width - 2 * margin;
  outer: for (const line of opts.lines) {
    let rest = line;
    while (rest.length > 0) {
      if (y + lineStep > height - margin) break outer;
      // Wrap by characters: Chinese has no spaces to break at.
      let n = rest.length;
      while (n > 1 && ctx.measureText(rest.slice(0, n)).width > maxWidth) n--;
      const piece = rest.slice(0, n);
      ctx.fillText(piece, margin, y);
      drawnLines.push(piece);
      rest = rest.slice(n);
      y += lineStep;
    }
  }

  const rgba = ctx.getImageData(0, 0, width, height).data;
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;

  // sharp applies one rotate() per pipeline, so skew and quarter turns are separate passes.
  let current = { data: grey, width, height };
  const pass = async (edit: (s: Sharp) => Sharp): Promise<void> => {
    const { data, info } = await edit(
      sharp(current.data, { raw: { width: current.width, height: current.height, channels: 1 } }),
    )
      .toColourspace("b-w")
      .raw()
      .toBuffer({ resolveWithObject: true });
    current = {
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
    };
  };
  if (opts.skewDeg) await pass((s) => s.rotate(opts.skewDeg, { background: "#ffffff" }));
  if (opts.blur && opts.blur >= 0.3) await pass((s) => s.blur(opts.blur));
  if (opts.quarterTurns) await pass((s) => s.rotate((opts.quarterTurns ?? 0) * 90));
  const out = current.data;
  const info = current;

  if (opts.noise && opts.noise > 0) {
    const rand = prng(opts.seed ?? 1);
    const flips = Math.round(out.length * opts.noise);
    for (let i = 0; i < flips; i++) {
      const at = Math.floor(rand() * out.length);
      out[at] = Math.floor(rand() * 256);
    }
  }
  return {
    image: { width: info.width, height: info.height, channels: 1, data: out, dpi },
    drawnLines,
  };
}
