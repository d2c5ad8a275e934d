/**
 * Tick boxes from the page pixels, whatever OCR printed for them: square outlines of box size found among the
 * page's ink blobs (sharp thresholds the page; blobs are labelled run by run), each checked for four drawn sides
 * and its state read from its interior. Then option rows: boxes on one printed row, each box's option text running
 * from the box to the next box, the cell's edge or the line's end (OCR words).
 */
import sharp from "sharp";
import type { Bbox } from "../domain/geometry.ts";
import type { LayoutTable, OptionBox, OptionRow } from "../domain/layout.ts";
import type { OcrLine } from "../domain/ocr.ts";
import type { PageImage } from "../domain/page.ts";
import { mayBeBoxReading } from "../noise/option-readings.ts";
import { toGrey } from "../ocr/pixels.ts";
import { lineChars, type PosChar, textHeight } from "../parse/checkbox/chars.ts";
import { frameIn, straightInside } from "../parse/checkbox/probe.ts";

/** Printed tick boxes measure 2.2–6 mm a side: larger than a stroke or a punctuation mark, smaller than a cell. */
const MIN_BOX_MM = 2.2;
const MAX_BOX_MM = 6;
/** Grey level under which a pixel is ink (full resolution: a box's 1–2 px sides must stay whole). */
const INK_LEVEL = 150;

interface Blob {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Bounding boxes of the 8-connected ink blobs whose size could hold a box (a tick overshooting its box included).
 * Runs of a row join the runs of the row above that touch them; a union-find merges labels. Runs and boxes are kept
 * in flat arrays: a page has tens of thousands of runs. */
function blobs(mask: Uint8Array, w: number, h: number, minS: number, maxS: number): Blob[] {
  const parent: number[] = [];
  // Box of each label: x0, y0, x1, y1.
  const bx0: number[] = [];
  const by0: number[] = [];
  const bx1: number[] = [];
  const by1: number[] = [];
  const find = (a: number): number => {
    let r = a;
    while (parent[r] !== r) r = parent[r] ?? r;
    while (parent[a] !== r) {
      const next = parent[a] ?? r;
      parent[a] = r;
      a = next;
    }
    return r;
  };
  // Runs of the previous and the current row: start, end, label, three numbers a run.
  let prev = new Int32Array(3 * (Math.ceil(w / 2) + 1));
  let cur = new Int32Array(prev.length);
  let prevCount = 0;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let curCount = 0;
    // Both rows' runs go left to right: a run of the row above that ends left of this run ends left of the next
    // ones too, and one that starts right of it starts right of every earlier run.
    let first = 0;
    for (let x = 0; x < w; x++) {
      if (mask[row + x] !== 0) continue;
      const s = x;
      while (x < w && mask[row + x] === 0) x++;
      const e = x - 1;
      let label = -1;
      while (first < prevCount && (prev[3 * first + 1] ?? 0) < s - 1) first++;
      for (let k = first; k < prevCount; k++) {
        const ps = prev[3 * k] ?? 0;
        if (ps > e + 1) break;
        const r = find(prev[3 * k + 2] ?? 0);
        if (label < 0) label = r;
        else if (r !== label) {
          parent[r] = label;
          bx0[label] = Math.min(bx0[label] ?? 0, bx0[r] ?? 0);
          by0[label] = Math.min(by0[label] ?? 0, by0[r] ?? 0);
          bx1[label] = Math.max(bx1[label] ?? 0, bx1[r] ?? 0);
          by1[label] = Math.max(by1[label] ?? 0, by1[r] ?? 0);
        }
      }
      if (label < 0) {
        label = parent.length;
        parent.push(label);
        bx0.push(s);
        by0.push(y);
        bx1.push(e);
        by1.push(y);
      } else {
        bx0[label] = Math.min(bx0[label] ?? 0, s);
        bx1[label] = Math.max(bx1[label] ?? 0, e);
        by1[label] = y;
      }
      cur[3 * curCount] = s;
      cur[3 * curCount + 1] = e;
      cur[3 * curCount + 2] = label;
      curCount++;
    }
    [prev, cur] = [cur, prev];
    prevCount = curCount;
  }
  const out: Blob[] = [];
  for (let i = 0; i < parent.length; i++) {
    if (find(i) !== i) continue;
    const b = { x0: bx0[i] ?? 0, y0: by0[i] ?? 0, x1: bx1[i] ?? 0, y1: by1[i] ?? 0 };
    const bw = b.x1 - b.x0 + 1;
    const bh = b.y1 - b.y0 + 1;
    if (Math.min(bw, bh) < minS || Math.max(bw, bh) > 1.8 * maxS) continue;
    out.push(b);
  }
  return out;
}

export interface FoundBox {
  bbox: Bbox;
  state: OptionBox["state"];
  confidence: number;
}

/** Square outlines of box size on the page, with their state. A box OCR read as a character of running text (中国's
 * 国 is a square too) is dropped: its word holds a character that is not a box reading. */
export async function findBoxes(image: PageImage, lines: readonly OcrLine[]): Promise<FoundBox[]> {
  const grey = toGrey(image);
  const mask = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: 1 } })
    .threshold(INK_LEVEL)
    .toColourspace("b-w")
    .raw()
    .toBuffer();
  const mm = image.dpi / 25.4;
  const minS = Math.round(MIN_BOX_MM * mm);
  const maxS = Math.round(MAX_BOX_MM * mm);
  const chars = lines.flatMap((l) => lineChars(l));
  const out: FoundBox[] = [];
  for (const b of blobs(new Uint8Array(mask), grey.width, grey.height, minS, maxS)) {
    const pad = 3;
    const f = frameIn(image, b.x0 - pad, b.y0 - pad, b.x1 + 1 + pad, b.y1 + 1 + pad, minS, maxS);
    if (!f) continue;
    const side = Math.min(f.bbox[2] - f.bbox[0], f.bbox[3] - f.bbox[1]);
    // The frame is the blob, or the blob is the frame with a tick overshooting it: not a square inside a character.
    if (side < 0.55 * Math.min(b.x1 - b.x0 + 1, b.y1 - b.y0 + 1)) continue;
    if (f.state !== "unchecked" && straightInside(image, f.bbox)) continue;
    if (readAsText(f.bbox, chars) || smallerThanText(f.bbox, lines)) continue;
    if (out.some((o) => overlap(o.bbox, f.bbox) > 0.5)) continue;
    out.push({ bbox: f.bbox, state: f.state, confidence: f.confidence });
  }
  return out;
}

function overlap(a: Bbox, b: Bbox): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const small = Math.min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]));
  return small > 0 ? (ix * iy) / small : 0;
}

/** OCR read the square as one ordinary character of a word (not a box reading): printed text. */
function readAsText(b: Bbox, chars: readonly PosChar[]): boolean {
  const cx = (b[0] + b[2]) / 2;
  const cy = (b[1] + b[3]) / 2;
  const hit = chars.find((c) => cx >= c.x0 && cx <= c.x1 && cy >= c.y0 && cy <= c.y1);
  if (!hit) return false;
  // A character box much wider than the square is a word's interpolation, not a reading of this square.
  const w = hit.x1 - hit.x0;
  if (w > 1.6 * (b[2] - b[0])) return false;
  return /[\p{Script=Han}A-Za-z0-9]/u.test(hit.ch) && !mayBeBoxReading(hit.ch);
}

/** A square smaller than the characters of the line it stands in is part of a character (申 holds a 日): a printed
 * box is at least about as tall as the text beside it. */
function smallerThanText(b: Bbox, lines: readonly OcrLine[]): boolean {
  const s = Math.min(b[2] - b[0], b[3] - b[1]);
  const y = (b[1] + b[3]) / 2;
  const line = lines.find(
    (l) => y >= l.bbox[1] && y <= l.bbox[3] && b[2] >= l.bbox[0] - s && b[0] <= l.bbox[2] + s,
  );
  return line !== undefined && s < 0.85 * textHeight(line);
}

const cy = (b: Bbox) => (b[1] + b[3]) / 2;
const side = (b: Bbox) => Math.max(1, b[3] - b[1]);

/** The boxes grouped into printed rows, each box with the OCR text that belongs to it. */
export function optionRows(
  boxes: readonly FoundBox[],
  lines: readonly OcrLine[],
  tables: readonly LayoutTable[],
): OptionRow[] {
  const sorted = [...boxes].sort((a, b) => cy(a.bbox) - cy(b.bbox) || a.bbox[0] - b.bbox[0]);
  const rows: FoundBox[][] = [];
  for (const b of sorted) {
    const row = rows.find((r) => Math.abs(cy(r[0]!.bbox) - cy(b.bbox)) <= 0.5 * side(b.bbox));
    if (row) row.push(b);
    else rows.push([b]);
  }
  return rows.map((r) =>
    rowOf(
      r.sort((a, b) => a.bbox[0] - b.bbox[0]),
      lines,
      tables,
    ),
  );
}

interface Piece {
  ch: string;
  c: PosChar;
}

function rowOf(
  boxes: readonly FoundBox[],
  lines: readonly OcrLine[],
  tables: readonly LayoutTable[],
): OptionRow {
  const first = boxes[0]!.bbox;
  const top = Math.min(...boxes.map((b) => b.bbox[1]));
  const bottom = Math.max(...boxes.map((b) => b.bbox[3]));
  const mid = (top + bottom) / 2;
  // Characters of the lines crossing the row's middle, in reading order.
  const chars: Piece[] = [];
  for (const line of lines) {
    if (line.bbox[1] > mid || line.bbox[3] < mid) continue;
    for (const c of lineChars(line)) {
      if (/\s/.test(c.ch)) continue;
      const ccy = (c.y0 + c.y1) / 2;
      if (Math.abs(ccy - mid) > 0.9 * (bottom - top)) continue;
      // A box OCR read as a glyph is the box, not text.
      if (boxes.some((b) => (c.x0 + c.x1) / 2 >= b.bbox[0] && (c.x0 + c.x1) / 2 <= b.bbox[2])) continue;
      chars.push({ ch: c.ch, c });
    }
  }
  chars.sort((a, b) => a.c.x0 - b.c.x0);
  const cell = cellAround(first, tables);
  const lastBox = boxes[boxes.length - 1]!.bbox;
  const right = cellAround(lastBox, tables)?.[2] ?? Number.POSITIVE_INFINITY;
  const left = cell?.[0] ?? Number.NEGATIVE_INFINITY;
  const textIn = (x0: number, x1: number) =>
    chars.filter((p) => (p.c.x0 + p.c.x1) / 2 > x0 && (p.c.x0 + p.c.x1) / 2 < x1);
  const after = textIn(lastBox[2], right);
  const before = textIn(left, first[0]);
  // Options after their boxes unless nothing follows the last box while words stand before the first.
  const labelFirst = after.length === 0 && before.length > 0 && boxes.length > 1;
  const gapStop = (ps: Piece[], dir: 1 | -1): Piece[] => {
    // Text of one option stops at a gap wider than three characters (the next column of a form).
    const out: Piece[] = [];
    const seq = dir === 1 ? ps : [...ps].reverse();
    for (const p of seq) {
      const last = out[out.length - 1];
      const h = Math.max(4, p.c.y1 - p.c.y0);
      if (last && (dir === 1 ? p.c.x0 - last.c.x1 : last.c.x0 - p.c.x1) > 3 * h) break;
      out.push(p);
    }
    return dir === 1 ? out : out.reverse();
  };
  const found: OptionBox[] = boxes.map((b, i) => {
    const next = boxes[i + 1]?.bbox[0] ?? right;
    const prev = boxes[i - 1]?.bbox[2] ?? left;
    const own = labelFirst ? gapStop(textIn(prev, b.bbox[0]), -1) : gapStop(textIn(b.bbox[2], next), 1);
    return { ...b, text: join(own), textBbox: own.length ? bboxOf(own) : null };
  });
  const leadChars = labelFirst ? [] : before;
  return {
    bbox: [first[0], top, lastBox[2], bottom],
    boxes: found,
    labelFirst,
    lead: join(leadChars),
  };
}

/** The cell of a ruled table holding the box, if any. */
function cellAround(b: Bbox, tables: readonly LayoutTable[]): Bbox | null {
  const x = (b[0] + b[2]) / 2;
  const y = (b[1] + b[3]) / 2;
  for (const t of tables) {
    for (const c of t.cells)
      if (x >= c.bbox[0] && x <= c.bbox[2] && y >= c.bbox[1] && y <= c.bbox[3]) return c.bbox;
  }
  return null;
}

function join(ps: readonly Piece[]): string {
  let s = "";
  for (const [i, p] of ps.entries()) {
    const prev = ps[i - 1];
    // A space between Latin words where OCR left a gap; none between Chinese characters.
    if (prev && /[A-Za-z0-9)]/.test(prev.ch) && /[A-Za-z(]/.test(p.ch) && p.c.x0 - prev.c.x1 > 2) s += " ";
    s += p.ch;
  }
  return s;
}

function bboxOf(ps: readonly Piece[]): Bbox {
  return [
    Math.round(Math.min(...ps.map((p) => p.c.x0))),
    Math.round(Math.min(...ps.map((p) => p.c.y0))),
    Math.round(Math.max(...ps.map((p) => p.c.x1))),
    Math.round(Math.max(...ps.map((p) => p.c.y1))),
  ];
}
