/** Turns tesseract.js block output into the engine-neutral OcrLine shape. */
import type { Block } from "tesseract.js";
import type { Bbox } from "../domain/geometry.ts";
import type { OcrLine, OcrWord } from "../domain/ocr.ts";
import type { EngineResult } from "./engine.ts";

interface TessBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const toBbox = (b: TessBox): Bbox => [b.x0, b.y0, b.x1, b.y1];

/** Tesseract reports 0..100 (sometimes slightly outside); the contract wants 0..1. */
export function unitConfidence(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(1, Math.max(0, percent / 100));
}

/**
 * Lines in Tesseract's reading order (block → paragraph → line). Text is trimmed; empty lines and
 * empty words (Tesseract emits some for specks) are dropped.
 */
export function linesFromBlocks(blocks: readonly Block[] | null): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = line.text.replace(/\s+$/u, "").replace(/^\s+/u, "");
        if (text.length === 0) continue;
        const words: OcrWord[] = [];
        for (const word of line.words) {
          const wordText = word.text.trim();
          if (wordText.length === 0) continue;
          words.push({
            text: wordText,
            bbox: toBbox(word.bbox),
            confidence: unitConfidence(word.confidence),
          });
        }
        lines.push({ text, bbox: toBbox(line.bbox), confidence: unitConfidence(line.confidence), words });
      }
    }
  }
  return lines;
}

/** Mean of line confidences weighted by characters, so a long line counts more than a speck. */
export function weightedConfidence(lines: readonly OcrLine[]): number {
  let sum = 0;
  let chars = 0;
  for (const line of lines) {
    const n = line.text.replace(/\s/gu, "").length;
    sum += line.confidence * n;
    chars += n;
  }
  return chars === 0 ? 0 : sum / chars;
}

export function engineResultFromBlocks(blocks: readonly Block[] | null): EngineResult {
  const lines = linesFromBlocks(blocks);
  return { text: lines.map((l) => l.text).join("\n"), lines, meanConfidence: weightedConfidence(lines) };
}
