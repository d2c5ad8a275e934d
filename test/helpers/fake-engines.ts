import { EnvironmentError } from "../../src/domain/errors.ts";
import type { OcrLine } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";
import type { EngineResult, OcrEngine } from "../../src/ocr/engine.ts";

/** Returns the given lines for every page, laid out top to bottom; counts its calls. */
export class ScriptedEngine implements OcrEngine {
  readonly name = "scripted";
  calls = 0;
  constructor(private readonly text: string[]) {}
  async recognize(image: PageImage): Promise<EngineResult> {
    this.calls++;
    const lineHeight = Math.max(10, Math.floor(image.height / (this.text.length + 2)));
    const lines: OcrLine[] = this.text.map((t, i) => {
      const bbox: [number, number, number, number] = [
        50,
        50 + i * lineHeight,
        50 + t.length * 20,
        40 + (i + 1) * lineHeight,
      ];
      return { text: t, bbox, confidence: 0.9, words: [{ text: t, bbox, confidence: 0.9 }] };
    });
    return { text: this.text.join("\n"), lines, meanConfidence: 0.9 };
  }
  async close(): Promise<void> {}
}

/** An engine that crashes on every page, as a broken OCR library would. */
export class CrashingEngine implements OcrEngine {
  readonly name = "crashing";
  async recognize(): Promise<EngineResult> {
    throw new Error("segfault-like engine crash");
  }
  async close(): Promise<void> {}
}

/** An engine whose language data is missing: the environment is broken, the run must stop. */
export class MissingLanguageEngine implements OcrEngine {
  readonly name = "missing-language";
  async recognize(): Promise<EngineResult> {
    throw new EnvironmentError("OCR_LANG_MISSING", "chi_sim traineddata not found", "run npm install");
  }
  async close(): Promise<void> {}
}
