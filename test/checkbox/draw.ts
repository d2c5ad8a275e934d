import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import sharp from "sharp";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { OcrLine, OcrWord } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";

/** How the box beside an option is drawn. "hand" = a pen √ with no box; "none" = no box, no mark. */
export type BoxKind = "empty" | "tick" | "filled" | "cross" | "overshoot" | "hand" | "none";

export interface Opt {
  label: string;
  box: BoxKind;
  /** OCR glued the box into the word as 口 (its word bbox covers box and label). */
  glue?: boolean;
  /** Box drawn touching the label's first character. */
  touch?: boolean;
  /** Box printed after the label instead of before. */
  after?: boolean;
  /** OCR's word box for the label also covers the box (no glyph in the text). */
  wordIncludesBox?: boolean;
  /** Box side relative to the usual 0.95 x font size. */
  boxScale?: number;
}

export interface Row {
  prefix?: string;
  options: Opt[];
  /** Distance between options in character cells (default 1). */
  spacing?: number;
}

export interface Expected {
  label: string;
  labelBbox: Bbox;
  state: "checked" | "unchecked";
  /** No box drawn: a mark is optional (hand-tick layouts may report the option unchecked). */
  optional: boolean;
}

export interface Drawn {
  image: PageImage;
  lines: OcrLine[];
  expected: Expected[];
}

export interface DrawOptions {
  dpi?: number;
  skewDeg?: number;
  noise?: number;
  jpeg?: number;
  colour?: boolean;
  /** Red seal centred on the n-th box of the page (0-based). */
  sealOnBox?: number;
  width?: number;
  /** Extra text lines (narrative) drawn below the rows, OCR'd as whole lines. */
  narrative?: string[];
  /** Table cell borders around rows and between options. */
  grid?: boolean;
  /** Shift OCR word boxes by up to this many pixels (deterministic), as engines do. */
  jitter?: number;
  /** Colour of tick strokes (a light pencil is "#999"). */
  tickColour?: string;
}

const FONT = "Noto Sans CJK SC";

/** Draws option rows like a scanned form, and the OCR lines tesseract would give for them. */
export async function drawPage(rows: Row[], o: DrawOptions = {}): Promise<Drawn> {
  const scale = (o.dpi ?? 300) / 300;
  const fs = Math.round(42 * scale);
  const W = o.width ?? Math.round(2480 * scale * 0.6);
  const lineGap = Math.round(fs * 2.2);
  const H = Math.round((rows.length + (o.narrative?.length ?? 0) + 2) * lineGap + W * 0.08);
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, W, H);
  const angle = ((o.skewDeg ?? 0) * Math.PI) / 180;
  const cx = W / 2;
  const cy = H / 2;
  ctx.translate(cx, cy);
  ctx.rotate(angle);
  ctx.translate(-cx, -cy);
  const tr = (x: number, y: number): [number, number] => {
    const dx = x - cx;
    const dy = y - cy;
    return [
      cx + dx * Math.cos(angle) - dy * Math.sin(angle),
      cy + dx * Math.sin(angle) + dy * Math.cos(angle),
    ];
  };
  const box = (b: Bbox): Bbox => {
    const pts = [tr(b[0], b[1]), tr(b[2], b[1]), tr(b[0], b[3]), tr(b[2], b[3])];
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].map(Math.round) as Bbox;
  };
  ctx.font = `${fs}px "${FONT}"`;
  ctx.fillStyle = "#000";
  ctx.strokeStyle = "#000";
  const lines: OcrLine[] = [];
  const expected: Expected[] = [];
  const boxes: Bbox[] = [];
  // Leave room for the skew to turn the first row without pushing it off the page.
  let y = lineGap + Math.round(Math.abs(Math.sin(angle)) * W * 0.5);
  const text = (s: string, x: number): Bbox => {
    ctx.fillText(s, x, y);
    const m = ctx.measureText(s);
    return [x, y - fs * 0.88, x + m.width, y + fs * 0.12];
  };
  let j = 7;
  const jit = (b: Bbox): Bbox => {
    if (!o.jitter) return b;
    return b.map((v) => {
      j = (j * 31 + 17) % 101;
      return v + Math.round(((j / 100) * 2 - 1) * o.jitter!);
    }) as Bbox;
  };
  const hline = (x0: number, x1: number, yy: number) => ctx.fillRect(x0, yy, x1 - x0, Math.max(1, 2 * scale));
  const vline = (xx: number, y0: number, y1: number) => ctx.fillRect(xx, y0, Math.max(1, 2 * scale), y1 - y0);
  for (const row of rows) {
    const words: OcrWord[] = [];
    let x = Math.round(fs * 2);
    const rowTop = y - fs * 0.88 - (lineGap - fs) / 2;
    const rowBottom = rowTop + lineGap;
    if (o.grid) {
      hline(fs, W - fs, rowTop);
      hline(fs, W - fs, rowBottom);
      vline(fs, rowTop, rowBottom);
      vline(W - fs, rowTop, rowBottom);
    }
    if (row.prefix) {
      const b = text(row.prefix, x);
      words.push({ text: row.prefix, bbox: jit(box(b)), confidence: 0.9 });
      x = b[2] + fs * 1.5;
      if (o.grid) vline(b[2] + fs * 0.75, rowTop, rowBottom);
    }
    for (const opt of row.options) {
      const s = Math.round(fs * 0.95 * (opt.boxScale ?? 1));
      const top = y - fs * 0.88 + (fs - s) / 2;
      const gapToLabel = opt.touch ? 0 : Math.round(fs * 0.2);
      let bx = x;
      let lx = x + s + gapToLabel;
      if (opt.after) {
        lx = x;
        bx = x + ctx.measureText(opt.label).width + gapToLabel;
      }
      const lb = text(opt.label, lx);
      const bb: Bbox = [bx, top, bx + s, top + s];
      drawBox(ctx, opt.box, bb, scale, o.tickColour ?? "#000");
      if (opt.box !== "none") boxes.push(bb);
      words.push({
        text: opt.glue ? `口${opt.label}` : opt.label,
        bbox: jit(
          box(
            opt.glue || opt.wordIncludesBox
              ? [bb[0], Math.min(bb[1], lb[1]), lb[2], Math.max(bb[3], lb[3])]
              : lb,
          ),
        ),
        confidence: 0.8,
      });
      const checked = opt.box !== "empty" && opt.box !== "none";
      expected.push({
        label: opt.label,
        labelBbox: box(lb),
        state: checked ? "checked" : "unchecked",
        optional: opt.box === "none",
      });
      if (o.grid) vline(Math.max(lb[2], bb[2]) + fs * 0.5, rowTop, rowBottom);
      x = Math.max(lb[2], bb[2]) + fs * (row.spacing ?? 1.2);
    }
    lines.push(lineOf(words));
    y += lineGap;
  }
  for (const para of o.narrative ?? []) {
    const b = text(para, fs * 2);
    lines.push(lineOf([{ text: para, bbox: box(b), confidence: 0.9 }]));
    y += lineGap;
  }
  if (o.sealOnBox !== undefined && boxes[o.sealOnBox]) drawSeal(ctx, boxes[o.sealOnBox]!, fs);
  const rgba = ctx.getImageData(0, 0, W, H).data;
  const channels = o.colour ? 3 : 1;
  const data = new Uint8Array(W * H * channels);
  for (let i = 0; i < W * H; i++) {
    for (let k = 0; k < channels; k++) {
      const v =
        channels === 1
          ? 0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!
          : rgba[i * 4 + k]!;
      data[i * channels + k] = v;
    }
  }
  let image: PageImage = { width: W, height: H, channels, data, dpi: o.dpi ?? 300 };
  if (o.noise) image = addNoise(image, o.noise);
  if (o.jpeg) image = await jpegRoundTrip(image, o.jpeg);
  return { image, lines, expected };
}

/** An OCR line holding the words (its bbox their union). */
export function lineOf(words: OcrWord[]): OcrLine {
  const bbox: Bbox = [
    Math.min(...words.map((w) => w.bbox[0])),
    Math.min(...words.map((w) => w.bbox[1])),
    Math.max(...words.map((w) => w.bbox[2])),
    Math.max(...words.map((w) => w.bbox[3])),
  ];
  return { text: words.map((w) => w.text).join(" "), bbox, confidence: 0.85, words };
}

function drawBox(ctx: SKRSContext2D, kind: BoxKind, b: Bbox, scale: number, tick: string): void {
  const [l, t, r, bt] = b;
  const s = r - l;
  ctx.lineWidth = Math.max(1, 3 * scale);
  if (kind !== "hand" && kind !== "none") ctx.strokeRect(l, t, s, bt - t);
  if (kind === "filled") ctx.fillRect(l, t, s, bt - t);
  ctx.lineWidth = Math.max(1.5, 4 * scale);
  ctx.save();
  ctx.strokeStyle = tick;
  ctx.beginPath();
  if (kind === "tick") {
    ctx.moveTo(l + 0.2 * s, t + 0.5 * s);
    ctx.lineTo(l + 0.42 * s, t + 0.78 * s);
    ctx.lineTo(l + 0.82 * s, t + 0.22 * s);
  } else if (kind === "overshoot") {
    ctx.moveTo(l + 0.15 * s, t + 0.55 * s);
    ctx.lineTo(l + 0.4 * s, t + 0.85 * s);
    ctx.lineTo(l + 1.2 * s, t - 0.4 * s);
  } else if (kind === "hand") {
    ctx.moveTo(l + 0.05 * s, t + 0.45 * s);
    ctx.quadraticCurveTo(l + 0.25 * s, t + 0.75 * s, l + 0.35 * s, t + 0.95 * s);
    ctx.quadraticCurveTo(l + 0.6 * s, t + 0.3 * s, l + 0.95 * s, t - 0.05 * s);
  } else if (kind === "cross") {
    ctx.moveTo(l + 0.2 * s, t + 0.2 * s);
    ctx.lineTo(l + 0.8 * s, t + 0.8 * s);
    ctx.moveTo(l + 0.8 * s, t + 0.2 * s);
    ctx.lineTo(l + 0.2 * s, t + 0.8 * s);
  }
  ctx.stroke();
  ctx.restore();
}

/** A red company seal (ring, star, text) partly over a box, as stamped on signature pages. */
function drawSeal(ctx: SKRSContext2D, b: Bbox, fs: number): void {
  const cx = b[0] + fs * 1.2;
  const cy = b[1] + fs * 0.4;
  const r = fs * 2;
  ctx.save();
  ctx.globalAlpha = 0.75;
  ctx.strokeStyle = "rgb(215,30,35)";
  ctx.fillStyle = "rgb(215,30,35)";
  ctx.lineWidth = fs * 0.15;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.font = `${Math.round(fs * 0.8)}px "${FONT}"`;
  ctx.fillText("审核专用章", cx - fs * 2, cy + fs * 0.3);
  ctx.fillText("★", cx - fs * 0.4, cy - fs * 0.6);
  ctx.restore();
}

/** Deterministic Gaussian noise (Box–Muller on a small LCG) so failures reproduce. */
function addNoise(img: PageImage, sigma: number): PageImage {
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed + 1) / 0x80000001;
  };
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) {
    const g = Math.sqrt(-2 * Math.log(rnd())) * Math.cos(2 * Math.PI * rnd());
    data[i] = Math.max(0, Math.min(255, Math.round(img.data[i]! + g * sigma)));
  }
  return { ...img, data };
}

async function jpegRoundTrip(img: PageImage, quality: number): Promise<PageImage> {
  const raw = { width: img.width, height: img.height, channels: img.channels };
  const jpg = await sharp(img.data, { raw }).jpeg({ quality }).toBuffer();
  const out = await sharp(jpg).raw().toBuffer({ resolveWithObject: true });
  return { ...img, channels: out.info.channels as 1 | 3 | 4, data: new Uint8Array(out.data) };
}
