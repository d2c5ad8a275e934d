import type { Bbox } from "../../../src/domain/geometry.ts";
import type { OcrLine, OcrPage } from "../../../src/domain/ocr.ts";

/** Native `tesseract … tsv` output of one page -> an OcrPage (words grouped into the engine's lines). Used to
 * replay recorded OCR of the fixture PDFs through the parser without running OCR in tests. */
export function pageFromTsv(tsv: string, page: number, dpi = 300): OcrPage {
  const rows = tsv
    .split("\n")
    .slice(1)
    .map((r) => r.split("\t"));
  const lines = new Map<string, OcrLine>();
  let width = 0;
  let height = 0;
  for (const r of rows) {
    if (r.length < 12) continue;
    const [level, , block, par, line, , left, top, w, h, conf, ...textParts] = r;
    const text = textParts.join("\t");
    if (level === "1") {
      width = Number(w);
      height = Number(h);
    }
    if (level !== "5" || text.trim() === "") continue;
    const bbox: Bbox = [Number(left), Number(top), Number(left) + Number(w), Number(top) + Number(h)];
    const key = `${block}.${par}.${line}`;
    const word = { text, bbox, confidence: Math.max(0, Math.min(1, Number(conf) / 100)) };
    const existing = lines.get(key);
    if (existing) {
      existing.words.push(word);
      existing.bbox = [
        Math.min(existing.bbox[0], bbox[0]),
        Math.min(existing.bbox[1], bbox[1]),
        Math.max(existing.bbox[2], bbox[2]),
        Math.max(existing.bbox[3], bbox[3]),
      ];
    } else lines.set(key, { text: "", bbox, confidence: 0, words: [word] });
  }
  const out = [...lines.values()].map((l) => ({
    ...l,
    text: l.words.map((w) => w.text).join(" "),
    confidence: l.words.reduce((s, w) => s + w.confidence, 0) / l.words.length,
  }));
  return {
    page,
    source: "ocr",
    width,
    height,
    dpi,
    rotation: 0,
    skew: 0,
    text: out.map((l) => l.text).join("\n"),
    lines: out,
    meanConfidence: out.length ? out.reduce((s, l) => s + l.confidence, 0) / out.length : 0,
    marks: [],
    error: null,
  };
}
