/**
 * PP-OCRv4 on one thread: detection (DB) on the page scaled to `detMaxSide`, crops of every box from the
 * full-resolution page (sharp), recognition in width-sorted batches, greedy CTC decoding. The sessions are
 * made once and reused for every page. Runs inside an engine worker thread (see engine.ts).
 */
import ort from "onnxruntime-node";
import sharp from "sharp";
import { EnvironmentError } from "../../domain/errors.ts";
import type { PageImage } from "../../domain/page.ts";
import type { EngineResult } from "../engine.ts";
import { toGrey } from "../pixels.ts";
import { ctcGreedy } from "./ctc.ts";
import { boxesFromMap, type DbOptions, type DetectedBox } from "./db.ts";
import { type RecognisedBox, resultFromBoxes } from "./layout.ts";
import { assertModelFiles, ctcAlphabet, type PaddleModelFiles, readDictionary } from "./models.ts";

export interface PaddleReaderOptions {
  /** Longest side of the image the detector sees; larger pages are scaled down (never up). */
  detMaxSide: number;
  /** Threads each ONNX session may use for one run (intra-op). */
  threads: number;
  /** Crops per recognition run. */
  recBatch: number;
  /** Width (px at height 48) a recognition input is padded to at least: 320, PaddleOCR's training width, for
   * text lines of a page. */
  recMinWidth: number;
  /** Blank (px at height 48) added after a crop's text, whatever its width. */
  recEndPad: number;
  /** Keep ONNX Runtime's memory arena between runs: faster, but the peak stays allocated. */
  memoryArena: boolean;
  /** Boxes read below this mean confidence are left out of the text (PaddleOCR drop_score). */
  dropScore: number;
  /** Load the recogniser only: the reader then reads line crops (`readLine`), never whole pages. */
  lineOnly: boolean;
  db?: Partial<DbOptions>;
  models?: PaddleModelFiles;
}

/** Measured on this project's 2-core machine (README "OCR engines"): two workers with one thread each beat one
 * worker with two; one crop per recognition run beats batches (no padding to the widest crop); the detector reads
 * as well at 960 px as at 1600, faster and in less memory. */
export const READER_DEFAULTS: PaddleReaderOptions = {
  detMaxSide: 960,
  threads: 1,
  recBatch: 1,
  recMinWidth: 320,
  recEndPad: 0,
  memoryArena: true,
  dropScore: 0.5,
  lineOnly: false,
};

const REC_HEIGHT = 48;
const REC_MAX_WIDTH = 3200;
const DET_MEAN = [0.485, 0.456, 0.406];
const DET_STD = [0.229, 0.224, 0.225];

interface Crop {
  box: DetectedBox;
  /** Width of the resized crop (height REC_HEIGHT) before padding. */
  width: number;
  pixels: Buffer;
}

/** Width of one recognition run's input: its widest crop plus the end padding, at least the minimum width. */
export function recInputWidth(
  cropWidths: readonly number[],
  options: Pick<PaddleReaderOptions, "recMinWidth" | "recEndPad">,
): number {
  return Math.max(options.recMinWidth, ...cropWidths.map((w) => w + options.recEndPad));
}

const round32 = (v: number) => Math.max(32, Math.round(v / 32) * 32);

export class PaddleReader {
  private constructor(
    private readonly det: ort.InferenceSession | null,
    private readonly rec: ort.InferenceSession,
    private readonly alphabet: readonly string[],
    private readonly options: PaddleReaderOptions,
  ) {}

  static async create(options: Partial<PaddleReaderOptions> = {}): Promise<PaddleReader> {
    const o = { ...READER_DEFAULTS, ...options };
    const files = await assertModelFiles(o.models);
    const sessionOptions: ort.InferenceSession.SessionOptions = {
      executionProviders: ["cpu"],
      intraOpNumThreads: Math.max(1, Math.floor(o.threads)),
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
      enableCpuMemArena: o.memoryArena,
      enableMemPattern: false,
    };
    let det: ort.InferenceSession | null = null;
    let rec: ort.InferenceSession;
    try {
      if (!o.lineOnly) det = await ort.InferenceSession.create(files.detection, sessionOptions);
      rec = await ort.InferenceSession.create(files.recognition, sessionOptions);
    } catch (cause) {
      throw new EnvironmentError(
        "OCR_LANG_MISSING",
        `ONNX Runtime could not load the PP-OCR models: ${String(cause)}`,
        "run npm ci (onnxruntime-node ships its CPU runtime for linux x64 in the npm package)",
        { cause },
      );
    }
    const outShape = rec.outputMetadata[0];
    const classes = outShape?.isTensor ? Number(outShape.shape.at(-1)) : Number.NaN;
    const alphabet = ctcAlphabet(await readDictionary(files.dictionary), classes);
    return new PaddleReader(det, rec, alphabet, o);
  }

  async read(input: PageImage): Promise<EngineResult> {
    const image = toGrey(input);
    const boxes = await this.detect(image);
    const read = await this.recognize(image, boxes);
    const kept = read.filter((b) => meanConfidence(b) >= this.options.dropScore);
    const result = resultFromBoxes(kept);
    // Readability counts what was dropped too: an upside-down strip yields many low-confidence boxes.
    const all = read.flatMap((b) => b.chars.filter((c) => c.ch.trim() !== ""));
    const meanAll = all.length ? all.reduce((s, c) => s + c.confidence, 0) / all.length : 0;
    return { ...result, meanConfidence: Math.min(result.meanConfidence, meanAll) };
  }

  /** A crop holding one line of text (a second look at a few words), read whole without detection. */
  async readLine(input: PageImage): Promise<EngineResult> {
    const image = toGrey(input);
    const box: DetectedBox = { score: 1, bbox: [0, 0, image.width, image.height] };
    return resultFromBoxes(await this.recognize(image, [box]));
  }

  async release(): Promise<void> {
    await this.det?.release();
    await this.rec.release();
  }

  /** Text boxes in page pixels. */
  private async detect(image: PageImage): Promise<DetectedBox[]> {
    const det = this.det;
    if (!det) throw new Error("this PP-OCR reader was made for line crops only (lineOnly)");
    const scale = Math.min(1, this.options.detMaxSide / Math.max(image.width, image.height));
    const w = round32(image.width * scale);
    const h = round32(image.height * scale);
    const grey = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
      .resize(w, h, { fit: "fill" })
      .toColourspace("b-w")
      .raw()
      .toBuffer();
    const plane = w * h;
    const data = new Float32Array(3 * plane);
    for (let c = 0; c < 3; c++) {
      const m = DET_MEAN[c]!;
      const s = DET_STD[c]!;
      for (let i = 0; i < plane; i++) data[c * plane + i] = (grey[i]! / 255 - m) / s;
    }
    const out = await det.run({
      [det.inputNames[0]!]: new ort.Tensor("float32", data, [1, 3, h, w]),
    });
    const map = out[det.outputNames[0]!]!;
    const probs = map.data as Float32Array;
    const sx = image.width / w;
    const sy = image.height / h;
    return boxesFromMap({ width: w, height: h, data: probs }, this.options.db).map((b) => ({
      score: b.score,
      bbox: [b.bbox[0] * sx, b.bbox[1] * sy, b.bbox[2] * sx, b.bbox[3] * sy],
    }));
  }

  private async crop(image: PageImage, box: DetectedBox): Promise<Crop> {
    const left = Math.max(0, Math.floor(box.bbox[0]));
    const top = Math.max(0, Math.floor(box.bbox[1]));
    const width = Math.max(1, Math.min(image.width, Math.ceil(box.bbox[2])) - left);
    const height = Math.max(1, Math.min(image.height, Math.ceil(box.bbox[3])) - top);
    const target = Math.max(1, Math.min(REC_MAX_WIDTH, Math.ceil((REC_HEIGHT * width) / height)));
    const pixels = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
      .extract({ left, top, width, height })
      .resize(target, REC_HEIGHT, { fit: "fill" })
      .toColourspace("b-w")
      .raw()
      .toBuffer();
    return { box: { ...box, bbox: [left, top, left + width, top + height] }, width: target, pixels };
  }

  private async recognize(image: PageImage, boxes: readonly DetectedBox[]): Promise<RecognisedBox[]> {
    const crops = await Promise.all(boxes.map((b) => this.crop(image, b)));
    crops.sort((a, b) => a.width - b.width);
    const out: RecognisedBox[] = [];
    for (let i = 0; i < crops.length; i += this.options.recBatch) {
      out.push(...(await this.recognizeBatch(crops.slice(i, i + this.options.recBatch))));
    }
    return out;
  }

  private async recognizeBatch(batch: readonly Crop[]): Promise<RecognisedBox[]> {
    const width = recInputWidth(
      batch.map((c) => c.width),
      this.options,
    );
    const plane = REC_HEIGHT * width;
    // Padding is 0 after normalisation (mid grey), as in PaddleOCR.
    const data = new Float32Array(batch.length * 3 * plane);
    batch.forEach((crop, n) => {
      for (let y = 0; y < REC_HEIGHT; y++) {
        for (let x = 0; x < crop.width; x++) {
          const v = crop.pixels[y * crop.width + x]! / 127.5 - 1;
          const at = n * 3 * plane + y * width + x;
          data[at] = v;
          data[at + plane] = v;
          data[at + 2 * plane] = v;
        }
      }
    });
    const input = new ort.Tensor("float32", data, [batch.length, 3, REC_HEIGHT, width]);
    const out = await this.rec.run({ [this.rec.inputNames[0]!]: input });
    const tensor = out[this.rec.outputNames[0]!]!;
    const [, frames, classes] = tensor.dims as readonly number[];
    const probs = tensor.data as Float32Array;
    const stride = width / frames!;
    return batch.map((crop, n) => {
      const decoded = ctcGreedy(probs, n, frames!, classes!, this.alphabet);
      const [x0, y0, x1, y1] = crop.box.bbox;
      const toPage = (x1 - x0) / crop.width;
      const [top, bottom] = inkRows(crop);
      const rowToPage = (y1 - y0) / REC_HEIGHT;
      return {
        bbox: crop.box.bbox,
        ink: [y0 + top * rowToPage, y0 + (bottom + 1) * rowToPage],
        chars: decoded.chars.map((c) => ({
          ch: c.ch,
          x: x0 + ((c.firstFrame + c.lastFrame + 1) / 2) * stride * toPage,
          confidence: c.confidence,
        })),
      };
    });
  }
}

/**
 * First and last row of the (48 px high) crop holding ink: a row counts when at least 2% of its pixels are
 * darker than mid grey, so scan specks do not stretch the glyph box. The whole crop when none does.
 */
function inkRows(crop: Crop): [number, number] {
  const min = Math.max(2, Math.ceil(crop.width * 0.02));
  let top = -1;
  let bottom = -1;
  for (let y = 0; y < REC_HEIGHT; y++) {
    let dark = 0;
    for (let x = 0; x < crop.width; x++) if (crop.pixels[y * crop.width + x]! < 128) dark++;
    if (dark >= min) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  return top < 0 ? [0, REC_HEIGHT - 1] : [top, bottom];
}

function meanConfidence(box: RecognisedBox): number {
  const chars = box.chars.filter((c) => c.ch.trim() !== "");
  return chars.length ? chars.reduce((s, c) => s + c.confidence, 0) / chars.length : 0;
}
