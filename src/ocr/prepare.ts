/**
 * Makes a scanned page ready for OCR: grey, contrast-stretched, dark scanner edges whitened, turned
 * upright (0/90/180/270) and deskewed (±5°). OCR boxes refer to the returned image's pixels.
 */
import sharp from "sharp";
import type { PageImage } from "../domain/page.ts";
import { stretchContrast, whitenDarkBorders } from "./borders.ts";
import { invertDarkBands } from "./invert-bands.ts";
import { estimateSkew, horizontalTextRatio, textBands } from "./layout-analysis.ts";
import { copyBytes, cropRows, downscale, greyFromRaw, rotate180, toGrey } from "./pixels.ts";

/** How well a strip of text reads, higher is better (e.g. OCR confidence × share of plausible characters). */
export type ReadabilityScore = (strip: PageImage) => Promise<number>;

export interface PrepareOptions {
  /**
   * Decides 0° vs 180° by reading a strip both ways. Without it an upside-down page stays upside
   * down (profiles cannot tell which way up Chinese text is).
   */
  readability?: ReadabilityScore;
  /** Largest skew searched for, degrees. Default 5. */
  maxSkewDeg?: number;
  /** Invert dark filled bands (section headings, header cells) once the page is upright. Default false (config
   * ocr.invertBands). */
  invertBands?: boolean;
  /**
   * If the upright strip already scores this well, skip reading it upside down (saves one strip
   * OCR on the normal case). Default 0.7; measured upright strips score ~0.8, upside-down ~0.
   */
  confidentScore?: number;
  /** Read probe strips both ways up here to decide 0° vs 180° (default true). The page reader turns this off and
   * decides from its own reading of the page instead (src/ocr/orientation.ts), which costs nothing on upright pages. */
  probeUpsideDown?: boolean;
}

export interface PreparedImage {
  image: PageImage;
  /** Clockwise degrees the scan was turned to read upright: 0, 90, 180 or 270. */
  rotation: 0 | 90 | 180 | 270;
  /** Clockwise degrees of small-angle correction applied after `rotation`. */
  skew: number;
}

/** Analysis copies are ~100 DPI: enough for line profiles, 4-9x fewer pixels than the scan. */
const ANALYSIS_DPI = 100;
/** Row/column contrast ratio below which text runs vertically (page turned 90°). Measured ~2-4 upright. */
const SIDEWAYS_RATIO = 0.8;
/** Share of page height the orientation probe reads. */
const PROBE_BAND = 0.06;
/** Skew below this is left alone: resampling blurs glyphs for no gain. */
const MIN_SKEW_DEG = 0.15;

function analysisCopy(image: PageImage): PageImage {
  return downscale(image, Math.max(1, Math.round(image.dpi / ANALYSIS_DPI)));
}

async function turn(image: PageImage, degrees: number): Promise<PageImage> {
  const { data, info } = await sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .rotate(degrees, { background: { r: 255, g: 255, b: 255 } })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  return greyFromRaw(data, info, image.dpi);
}

/** Small-angle rotation that keeps the page size (the corners sharp adds are white margin anyway). */
async function deskew(image: PageImage, degrees: number): Promise<PageImage> {
  const turned = await turn(image, degrees);
  const left = Math.max(0, Math.floor((turned.width - image.width) / 2));
  const top = Math.max(0, Math.floor((turned.height - image.height) / 2));
  const { data, info } = await sharp(turned.data, {
    raw: { width: turned.width, height: turned.height, channels: 1 },
  })
    .extract({
      left,
      top,
      width: Math.min(image.width, turned.width),
      height: Math.min(image.height, turned.height),
    })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  return greyFromRaw(data, info, image.dpi);
}

/** Characters a Chinese report plausibly contains: CJK ideographs, ASCII alphanumerics, CJK punctuation. */
const PLAUSIBLE = /[\p{Script=Han}A-Za-z0-9，。、；：（）《》“”％.,:;()\-/]/gu;

/** Share of non-space characters that are plausible report text (upside-down reads yield symbols). */
export function plausibleShare(text: string): number {
  const chars = text.replace(/\s/gu, "");
  if (chars.length === 0) return 0;
  return (chars.match(PLAUSIBLE)?.length ?? 0) / chars.length;
}

/** Letters and digits a strip must yield before its reading counts in full. Brackets, rules and box glyphs
 * read the same either way up: a dense band read upside down as "（）号" scored 0.81 and passed for upright. */
const FULL_READING_CHARS = 6;

/** How readable an engine's reading of a probe strip is: its confidence, scaled by the share of plausible
 * report characters and, below FULL_READING_CHARS letters and digits, by how few it found. */
export function readingScore(text: string, meanConfidence: number): number {
  const words = text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
  return meanConfidence * plausibleShare(text) * Math.min(1, words / FULL_READING_CHARS);
}

/** The densest bands of text lines, densest first, at full resolution: what an orientation probe reads. */
function probeStrips(image: PageImage, count: number): PageImage[] {
  const small = analysisCopy(image);
  const scale = image.height / small.height;
  return textBands(small, PROBE_BAND, count)
    .map(([top, bottom]) => cropRows(image, top * scale, bottom * scale))
    .filter((strip) => strip.height >= 8);
}

/** A strip settles the question only when its better reading scores this much. A strip of tick-box rows read
 * as nothing upright (0) and as garbage upside down (0.15) on an unseen report, and the page was turned over;
 * strips of text score about 0.8 the right way up. */
export const SETTLES = 0.3;
/** Bands read at most when none settles it; then the page stays as scanned, as most scans are. */
const MAX_PROBES = 3;

/** Chooses 0° or 180° by reading the densest text band both ways, and the next bands while none settles it. */
async function isUpsideDown(image: PageImage, score: ReadabilityScore, confident: number): Promise<boolean> {
  for (const strip of probeStrips(image, MAX_PROBES)) {
    const upright = await score(strip);
    if (upright >= confident) return false;
    const flipped = await score(rotate180(strip));
    if (Math.max(upright, flipped) >= SETTLES) return flipped > upright;
  }
  return false;
}

/**
 * Profiles can mistake a page dominated by a table grid for sideways text; before turning a page,
 * check that it does not already read well as it is.
 */
async function readsUpright(image: PageImage, score: ReadabilityScore | undefined, confident: number) {
  if (!score) return false;
  const [strip] = probeStrips(image, 1);
  return strip !== undefined && (await score(strip)) >= confident;
}

export async function prepareImage(input: PageImage, options: PrepareOptions = {}): Promise<PreparedImage> {
  // Work on our own grey copy: the input may be shared (text-layer renders, caller buffers).
  const grey = toGrey(input);
  let image: PageImage = grey === input ? { ...input, data: copyBytes(input.data) } : grey;
  stretchContrast(image);
  whitenDarkBorders(image);

  const confident = options.confidentScore ?? 0.7;
  let rotation: 0 | 90 | 180 | 270 = 0;
  // One downscaled copy serves both analyses unless the page is turned in between.
  let small = analysisCopy(image);
  if (
    horizontalTextRatio(small) < SIDEWAYS_RATIO &&
    !(await readsUpright(image, options.readability, confident))
  ) {
    image = await turn(image, 90);
    rotation = 90;
    small = analysisCopy(image);
  }

  const skew = estimateSkew(small, options.maxSkewDeg ?? 5);
  const applied = Math.abs(skew) >= MIN_SKEW_DEG ? skew : 0;
  if (applied !== 0) image = await deskew(image, applied);

  if (
    options.readability &&
    (options.probeUpsideDown ?? true) &&
    (await isUpsideDown(image, options.readability, options.confidentScore ?? 0.7))
  ) {
    image = rotate180(image);
    rotation = rotation === 90 ? 270 : 180;
  }
  // Last, on the upright page: bands are then axis-aligned rectangles, and the orientation probe has read the
  // page as scanned.
  if (options.invertBands) image = (await invertDarkBands(image)).image;
  return { image, rotation, skew: applied };
}
