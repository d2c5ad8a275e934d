/**
 * Second look at text the engine's layout analysis skipped. Tesseract sometimes drops a whole printed line on
 * dense or degraded pages (measured on the scanned seed: the sentence "管理体系运行正常有效" between two read
 * lines vanished, and with it the contradiction the committee must see). Rows of ink that no OCR line covers
 * are cut out and read again on their own; what reads as plausible report text is put back in reading order.
 */
import type { Bbox } from "../domain/geometry.ts";
import type { OcrLine } from "../domain/ocr.ts";
import type { PageImage } from "../domain/page.ts";
import type { EngineResult, OcrEngine } from "./engine.ts";
import { cropBox, otsuThreshold, toGrey } from "./pixels.ts";
import { plausibleShare } from "./prepare.ts";
import { weightedConfidence } from "./tesseract-result.ts";

export interface RecoverOptions {
  /** Crops read again per page at most (each is one engine call on a strip). */
  maxCrops?: number;
  /** A recovered line below this confidence is dropped (seals, signatures and specks read as noise). */
  minConfidence?: number;
}

/** A region of ink the engine returned nothing for, in page pixels. */
export interface MissedRegion {
  bbox: Bbox;
  /** The page's median OCR line height, which sizes the crop's margins. */
  lineHeight: number;
}

interface Band {
  top: number;
  bottom: number;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
}

/** Runs of rows holding ink, small gaps bridged. */
function inkBands(rowInk: Int32Array, minInk: number, maxGap: number): Band[] {
  const bands: Band[] = [];
  let start = -1;
  let lastInk = -1;
  for (let y = 0; y < rowInk.length; y++) {
    if (rowInk[y]! < minInk) continue;
    if (start >= 0 && y - lastInk > maxGap + 1) {
      bands.push({ top: start, bottom: lastInk + 1 });
      start = y;
    } else if (start < 0) start = y;
    lastInk = y;
  }
  if (start >= 0) bands.push({ top: start, bottom: lastInk + 1 });
  return bands;
}

/** Intervals [a, b) minus the union of `cuts`. */
function subtract(a: number, b: number, cuts: readonly [number, number][]): [number, number][] {
  let pieces: [number, number][] = [[a, b]];
  for (const [c0, c1] of cuts) {
    pieces = pieces.flatMap(([p0, p1]): [number, number][] => {
      if (c1 <= p0 || c0 >= p1) return [[p0, p1]];
      const out: [number, number][] = [];
      if (c0 > p0) out.push([p0, c0]);
      if (c1 < p1) out.push([c1, p1]);
      return out;
    });
  }
  return pieces;
}

/**
 * Ink rows (one text line tall) with a stretch of at least four line heights of ink that no OCR line or word
 * overlaps. Rules, tick boxes and table borders are too thin or too short to qualify.
 */
export function findMissedRegions(image: PageImage, lines: readonly OcrLine[]): MissedRegion[] {
  if (lines.length < 3) return [];
  const lineHeight = median(lines.map((l) => l.bbox[3] - l.bbox[1]));
  if (lineHeight < 6) return [];
  const grey = toGrey(image);
  const { width, height, data } = grey;
  const threshold = Math.min(otsuThreshold(grey), 200);
  // Every other column is enough to tell a row of text from paper, at half the cost on the main thread.
  const rowInk = new Int32Array(height);
  for (let y = 0; y < height; y++) {
    let n = 0;
    const row = y * width;
    for (let x = 0; x < width; x += 2) if (data[row + x]! <= threshold) n++;
    rowInk[y] = n * 2;
  }
  // Rows of printed text carry far more ink than a seal or a scanner's grey cast across them: a quarter of a
  // typical text row separates a line from the stamp it runs under.
  const textRowInk = median(
    lines.map((l) => rowInk[Math.min(height - 1, Math.max(0, Math.round((l.bbox[1] + l.bbox[3]) / 2)))]!),
  );
  const minInk = Math.max(6, Math.round(width * 0.004), Math.round(textRowInk * 0.25));
  const minWidth = lineHeight * 4;
  const regions: MissedRegion[] = [];
  const boxes = lines.flatMap((l) => [l.bbox, ...l.words.map((w) => w.bbox)]);
  for (const band of inkBands(rowInk, minInk, Math.round(lineHeight * 0.15))) {
    const h = band.bottom - band.top;
    if (h < lineHeight * 0.5 || h > lineHeight * 2.2) continue;
    const covered: [number, number][] = boxes
      .filter((b) => Math.min(b[3], band.bottom) - Math.max(b[1], band.top) >= 0.4 * Math.min(h, b[3] - b[1]))
      .map((b) => [b[0] - lineHeight * 0.5, b[2] + lineHeight * 0.5]);
    // Only the stretches no OCR box covers are scanned: on a well-read page that is almost nothing.
    for (const [g0, g1] of subtract(0, width, covered)) {
      const [x0, x1] = [Math.max(0, Math.ceil(g0)), Math.min(width, Math.floor(g1))];
      if (x1 - x0 < minWidth) continue;
      // Ink columns of the stretch, joined across gaps narrower than a character or so.
      let segStart = -1;
      let lastInk = -2 * width;
      for (let x = x0; x <= x1; x++) {
        let ink = false;
        for (let y = band.top; x < x1 && y < band.bottom && !ink; y++)
          ink = data[y * width + x]! <= threshold;
        if (x < x1 && !ink) continue;
        if (x === x1 || x - lastInk > lineHeight * 1.5) {
          if (segStart >= 0 && lastInk + 1 - segStart >= minWidth) {
            regions.push({ bbox: [segStart, band.top, lastInk + 1, band.bottom], lineHeight });
          }
          segStart = x;
        }
        lastInk = x;
      }
    }
  }
  return regions;
}

const shift = (b: Bbox, dx: number, dy: number): Bbox => [b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy];

function insertInReadingOrder(lines: readonly OcrLine[], extra: readonly OcrLine[]): OcrLine[] {
  const out = [...lines];
  for (const line of extra) {
    const cy = (line.bbox[1] + line.bbox[3]) / 2;
    const at = out.findIndex((l) => l.bbox[1] > cy || (l.bbox[3] > cy && l.bbox[0] > line.bbox[0]));
    out.splice(at < 0 ? out.length : at, 0, line);
  }
  return out;
}

/** The engine's result with lines read from the regions it skipped; unchanged when there are none. */
export async function recoverMissedLines(
  image: PageImage,
  result: EngineResult,
  engine: OcrEngine,
  signal?: AbortSignal,
  opts: RecoverOptions = {},
): Promise<EngineResult> {
  const regions = findMissedRegions(image, result.lines)
    .sort((a, b) => b.bbox[2] - b.bbox[0] - (a.bbox[2] - a.bbox[0]))
    .slice(0, opts.maxCrops ?? 8);
  if (regions.length === 0) return result;
  // All strips are asked at once: the pool's free workers share them, so a page's last step is not a queue of
  // strips each waiting behind other pages' work (at a batch's end that left a core idle).
  const reads = await Promise.all(
    regions.map(async ({ bbox, lineHeight }) => {
      const padded: Bbox = [
        Math.max(0, bbox[0] - lineHeight),
        Math.max(0, bbox[1] - lineHeight * 0.4),
        Math.min(image.width, bbox[2] + lineHeight),
        Math.min(image.height, bbox[3] + lineHeight * 0.4),
      ];
      return { padded, read: await engine.recognize(cropBox(image, padded), signal) };
    }),
  );
  const recovered: OcrLine[] = [];
  for (const { padded, read } of reads) {
    const [dx, dy] = [Math.floor(padded[0]), Math.floor(padded[1])];
    for (const line of read.lines) {
      const chars = line.text.replace(/\s/gu, "");
      if (chars.length < 3 || line.confidence < (opts.minConfidence ?? 0.6)) continue;
      if (plausibleShare(line.text) < 0.6) continue;
      recovered.push({
        ...line,
        bbox: shift(line.bbox, dx, dy),
        words: line.words.map((w) => ({ ...w, bbox: shift(w.bbox, dx, dy) })),
      });
    }
  }
  if (recovered.length === 0) return result;
  const lines = insertInReadingOrder(result.lines, recovered);
  return { text: lines.map((l) => l.text).join("\n"), lines, meanConfidence: weightedConfidence(lines) };
}
