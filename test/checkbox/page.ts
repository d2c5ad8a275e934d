import type { OcrPage } from "../../src/domain/ocr.ts";
import { detectMarks } from "../../src/parse/checkbox/detect.ts";
import { type DrawOptions, drawPage, type Row } from "./draw.ts";

/** Draws rows, runs detectMarks, and wraps the result as the OcrPage the parser receives. */
export async function ocrPageOf(rows: Row[], page = 1, o: DrawOptions = {}): Promise<OcrPage> {
  const d = await drawPage(rows, o);
  return {
    page,
    source: "ocr",
    width: d.image.width,
    height: d.image.height,
    dpi: d.image.dpi,
    rotation: 0,
    skew: 0,
    text: d.lines.map((l) => l.text).join("\n"),
    lines: d.lines,
    meanConfidence: 0.85,
    marks: detectMarks(d.image, d.lines),
    error: null,
  };
}
