import type { OcrLine, OcrWord } from "../../src/domain/ocr.ts";

/** An OCR line from "|"-separated words (" " = a 40 px column gap): CJK characters `cjk` px wide and tall, Latin
 * ones 13 px, `gap` px between words (tesseract splits with small gaps; PP-OCR glues words). */
export function ocrLine(spec: string, { cjk = 24, gap = 4 }: { cjk?: number; gap?: number } = {}): OcrLine {
  let x = 100;
  const words: OcrWord[] = [];
  for (const w of spec.split("|")) {
    if (w === " ") {
      x += 40;
      continue;
    }
    const n = Array.from(w).reduce((a, ch) => a + ((ch.codePointAt(0) ?? 0) < 0x2e80 ? 13 : cjk), 0);
    words.push({ text: w, bbox: [x, 100, x + n, 100 + cjk], confidence: 0.8 });
    x += n + gap;
  }
  return { text: words.map((w) => w.text).join(""), bbox: [100, 100, x, 100 + cjk], confidence: 0.8, words };
}
