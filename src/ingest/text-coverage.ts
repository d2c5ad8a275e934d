/**
 * Whether a PDF page's text layer holds the page's text, judged from the rendered page: the ink shaped like
 * text must lie under text-layer characters. A scan with a partial or misplaced text layer (a scanner's OCR of
 * the header only, a stamp-sized note) leaves text-shaped ink uncovered and goes to OCR; a digital page leaves
 * only tick-box frames, scribbled signatures and rulings, which are not text.
 */
import type { PageImage, TextLayerLine } from "../domain/page.ts";

export interface TextCoverage {
  /** Ink cells of text-sized marks under text-layer lines. */
  covered: number;
  /** Ink cells of text-sized marks no text-layer line covers. */
  uncovered: number;
  /** uncovered / (covered + uncovered); 1 when the page has no text-sized ink at all but a text layer. */
  uncoveredShare: number;
  /** Median text-layer line height, cells. */
  em: number;
}

/** Uncovered text-shaped ink, as a share of all text-shaped ink, above which a layer misses text. Digital reports
 * leave 0-1.4% (tick-box frames, signatures, a seal's star); dropping every tenth line leaves 2.5-15%. */
const MAX_UNCOVERED_SHARE = 0.02;
/** ...and in ink area: a page of a few words with a seal and a tick box in brackets leaves 6% but only about four
 * em² (the area of about ten characters' ink): a missing line or a paragraph pasted as a picture leaves more. */
const MAX_UNCOVERED_EM2 = 6;

/** Whether the marks no text-layer line covers are too many to be tick boxes, signatures and seals. */
export function missesText(c: TextCoverage): boolean {
  return c.uncoveredShare > MAX_UNCOVERED_SHARE && c.uncovered > MAX_UNCOVERED_EM2 * c.em * c.em;
}

/** Analysis resolution: a 10 pt character is about 7 cells, a ruling one cell. */
const CELLS_PER_INCH = 50;
/** Darker than this (of 255) is ink. */
const INK = 140;
/** A text box is widened by this share of its height each way (descenders, punctuation below the baseline). */
const BOX_MARGIN = 0.35;
/** A mark with at least this share of its ink under text boxes is text the layer holds. */
const COVERED = 0.5;

interface Grid {
  width: number;
  height: number;
  /** 1 where the darkest pixel of the cell is ink. */
  ink: Uint8Array;
  cell: number;
}

/** Min-pooled ink mask: thin strokes survive the downscale. */
function inkGrid(image: PageImage): Grid {
  const cell = Math.max(1, Math.round(image.dpi / CELLS_PER_INCH));
  const width = Math.ceil(image.width / cell);
  const height = Math.ceil(image.height / cell);
  const ink = new Uint8Array(width * height);
  const { data, channels } = image;
  const stride = image.width * channels;
  for (let y = 0; y < image.height; y++) {
    const rowBase = ((y / cell) | 0) * width;
    const base = y * stride;
    // Cell by cell along the row: a cell already marked needs none of its other pixels looked at.
    for (let cx = 0, x = 0; cx < width; cx++) {
      const end = Math.min(image.width, x + cell);
      if (ink[rowBase + cx]) {
        x = end;
        continue;
      }
      for (; x < end; x++) {
        if ((data[base + x * channels] ?? 255) < INK) {
          ink[rowBase + cx] = 1;
          x = end;
          break;
        }
      }
    }
  }
  return { width, height, ink, cell };
}

function coverMask(grid: Grid, lines: readonly TextLayerLine[]): Uint8Array {
  const mask = new Uint8Array(grid.width * grid.height);
  for (const { bbox } of lines) {
    const m = (bbox[3] - bbox[1]) * BOX_MARGIN;
    const x0 = Math.max(0, Math.floor((bbox[0] - m) / grid.cell));
    const y0 = Math.max(0, Math.floor((bbox[1] - m) / grid.cell));
    const x1 = Math.min(grid.width - 1, Math.floor((bbox[2] + m) / grid.cell));
    const y1 = Math.min(grid.height - 1, Math.floor((bbox[3] + m) / grid.cell));
    for (let y = y0; y <= y1; y++) mask.fill(1, y * grid.width + x0, y * grid.width + x1 + 1);
  }
  return mask;
}

/** Median text-layer line height in cells, or 10 pt when the layer has no lines. */
function emCells(lines: readonly TextLayerLine[], grid: Grid, dpi: number): number {
  const heights = lines.map((l) => l.bbox[3] - l.bbox[1]).sort((a, b) => a - b);
  const px = heights.length > 0 ? (heights[heights.length >> 1] ?? 0) : (dpi * 10) / 72;
  return Math.max(2, px / grid.cell);
}

/**
 * A mark is text-sized when it is no taller than a few lines and not a ruling, a filled band or a frame
 * (tables, seals): those are tall, long and thin, or wide and solid.
 */
function textSized(w: number, h: number, cells: number, em: number): boolean {
  if (h > 3 * em) return false;
  // A filled band or header cell (light text on it leaves no holes at this resolution).
  if (w >= 3 * em && cells >= 0.7 * w * h) return false;
  // A frame around a row or a cell, its text inside but not touching it.
  if (w >= 4 * em && cells < 0.25 * w * h) return false;
  if (h <= 2 && w >= 4 * em) return false;
  if (w <= 2 && h >= 2 * em) return false;
  return true;
}

export function textCoverage(image: PageImage, lines: readonly TextLayerLine[]): TextCoverage {
  const grid = inkGrid(image);
  const cover = coverMask(grid, lines);
  const em = emCells(lines, grid, image.dpi);
  const seen = new Uint8Array(grid.ink.length);
  const stack: number[] = [];
  let covered = 0;
  let uncovered = 0;
  for (let start = 0; start < grid.ink.length; start++) {
    if (!grid.ink[start] || seen[start]) continue;
    // One 8-connected mark: its size, and how much of it lies under text boxes.
    seen[start] = 1;
    stack.push(start);
    let cells = 0;
    let under = 0;
    let minX = grid.width;
    let maxX = 0;
    let minY = grid.height;
    let maxY = 0;
    while (stack.length > 0) {
      const i = stack.pop() ?? 0;
      const x = i % grid.width;
      const y = (i / grid.width) | 0;
      cells++;
      under += cover[i] ?? 0;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= grid.height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= grid.width) continue;
          const j = ny * grid.width + nx;
          if (grid.ink[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
    }
    if (under / cells >= COVERED) covered += cells;
    else if (textSized(maxX - minX + 1, maxY - minY + 1, cells, em)) uncovered += cells;
  }
  const total = covered + uncovered;
  return { covered, uncovered, uncoveredShare: total > 0 ? uncovered / total : 1, em };
}
