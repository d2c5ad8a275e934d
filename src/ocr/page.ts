/** One page → OcrPage: text-layer pages are taken as they are; raster pages are prepared and read. */
import { EnvironmentError, InputError, isAuditExtractError } from "../domain/errors.ts";
import type { OcrLine, OcrPage } from "../domain/ocr.ts";
import type { PageImage, PageInput } from "../domain/page.ts";
import type { OcrEngine } from "./engine.ts";
import { uprightReading } from "./orientation.ts";
import { prepareImage, type ReadabilityScore, readingScore } from "./prepare.ts";
import { recoverMissedLines } from "./recover-lines.ts";
import { secondLook } from "./second-look.ts";

export interface OcrPageOptions {
  signal?: AbortSignal;
  /** Decide 0° vs 180° (default true): from the page's own reading, read again turned over only when it reads
   * poorly (src/ocr/orientation.ts). */
  detectUpsideDown?: boolean;
  maxSkewDeg?: number;
  /** Read again the rows of ink the engine skipped (default true; costs one strip OCR per skipped region). */
  recoverMissedLines?: boolean;
  /** Read doubtful words again with the engine's second reader, where it has one (default true). */
  secondLook?: boolean;
  /** Invert dark filled bands so their light text reads dark on light (default false: config ocr.invertBands). */
  invertBands?: boolean;
}

export interface OcrPageResult {
  page: OcrPage;
  /** The image the boxes refer to (prepared for OCR pages, the render for text-layer pages). */
  image: PageImage | null;
}

/** Reads a strip with the engine and scores the reading (readingScore). */
export function engineReadability(engine: OcrEngine, signal?: AbortSignal): ReadabilityScore {
  return async (strip) => {
    const result = await engine.recognize(strip, signal);
    return readingScore(result.text, result.meanConfidence);
  };
}

function emptyPage(
  page: number,
  source: OcrPage["source"],
  width: number,
  height: number,
  dpi: number,
): OcrPage {
  return {
    page,
    source,
    width,
    height,
    dpi,
    rotation: 0,
    skew: 0,
    text: "",
    lines: [],
    meanConfidence: 0,
    marks: [],
    error: null,
  };
}

function fromTextLayer(input: Extract<PageInput, { kind: "text-layer" }>): OcrPage {
  const lines: OcrLine[] = input.lines.map((line) => ({
    text: line.text,
    bbox: line.bbox,
    confidence: 1,
    // The PDF's text runs are the words (a run may hold several; readers apportion its box by character).
    words: (line.words && line.words.length > 0 ? line.words : [line]).map((w) => ({
      text: w.text,
      bbox: w.bbox,
      confidence: 1,
    })),
  }));
  return {
    ...emptyPage(input.page, "text-layer", Math.round(input.width), Math.round(input.height), input.dpi),
    text: lines.map((l) => l.text).join("\n"),
    lines,
    meanConfidence: lines.length > 0 ? 1 : 0,
  };
}

function turnedOver(rotation: 0 | 90 | 180 | 270): 0 | 90 | 180 | 270 {
  return ((rotation + 180) % 360) as 0 | 90 | 180 | 270;
}

/**
 * Never throws for bad data: a page that cannot be read comes back with `error` set and empty text.
 * Environment failures (missing language data) do throw, since every later page would fail too.
 */
export async function ocrPage(
  input: PageInput,
  engine: OcrEngine,
  opts: OcrPageOptions = {},
): Promise<OcrPageResult> {
  if (input.kind === "text-layer") return { page: fromTextLayer(input), image: input.image };

  const { image } = input;
  try {
    if (
      image.width < 1 ||
      image.height < 1 ||
      image.data.length < image.width * image.height * image.channels
    ) {
      throw new InputError("IMAGE_CORRUPT", `page image ${image.width}x${image.height} has too few pixels`);
    }
    const prepared = await prepareImage(image, {
      // Still used for a page that looks sideways: it is turned only when it does not already read well.
      readability: engineReadability(engine, opts.signal),
      probeUpsideDown: false,
      maxSkewDeg: opts.maxSkewDeg,
      invertBands: opts.invertBands ?? false,
    });
    const read = await engine.recognize(prepared.image, opts.signal);
    const oriented =
      (opts.detectUpsideDown ?? true)
        ? await uprightReading(prepared.image, read, engine, opts.signal)
        : { image: prepared.image, result: read, turned: false };
    const { image: upright, result: first } = oriented;
    const rotation = oriented.turned ? turnedOver(prepared.rotation) : prepared.rotation;
    const recovered =
      (opts.recoverMissedLines ?? true)
        ? await recoverMissedLines(upright, first, engine, opts.signal)
        : first;
    const result =
      (opts.secondLook ?? true) ? await secondLook(upright, recovered, engine, opts.signal) : recovered;
    return {
      page: {
        ...emptyPage(input.page, "ocr", upright.width, upright.height, upright.dpi),
        rotation,
        skew: prepared.skew,
        text: result.text,
        lines: result.lines,
        meanConfidence: result.meanConfidence,
      },
      image: upright,
    };
  } catch (error) {
    if (error instanceof EnvironmentError) throw error;
    const code = isAuditExtractError(error) ? error.code : "OCR_FAILED";
    const message = error instanceof Error ? error.message : String(error);
    return {
      page: {
        ...emptyPage(input.page, "ocr", image.width, image.height, image.dpi),
        error: { code, message },
      },
      image: null,
    };
  }
}
