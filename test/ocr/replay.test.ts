/** Golden OCR replay: first readings and each second reader's readings are recorded and replayed apart. */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PageImage } from "../../src/domain/page.ts";
import type { EngineResult, OcrEngine, SecondReader, SecondReadings } from "../../src/ocr/engine.ts";
import { ReplayEngine } from "../../src/ocr/replay.ts";

const BOTH = ["best", "ppocr"] as const;
const crop: PageImage = { width: 40, height: 20, channels: 1, dpi: 200, data: new Uint8Array(800).fill(200) };

const said = (text: string): EngineResult => ({
  text,
  lines: [
    { text, bbox: [0, 0, 40, 20], confidence: 0.9, words: [{ text, bbox: [0, 0, 40, 20], confidence: 0.9 }] },
  ],
  meanConfidence: 0.9,
});

/** An engine whose second readers answer as told, counting the crops it was asked about. */
class Readers implements OcrEngine {
  readonly name = "fake";
  asked = 0;
  constructor(private readonly answer: SecondReadings) {}
  async recognize(): Promise<EngineResult> {
    return said("page");
  }
  async reread(_: PageImage, readers: readonly SecondReader[]): Promise<SecondReadings> {
    this.asked++;
    return Object.fromEntries(
      Object.entries(this.answer).filter(([r]) => readers.includes(r as SecondReader)),
    );
  }
  async close(): Promise<void> {}
}

describe("ReplayEngine second readings", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "ae-replay-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("records each reader's reading in its own file and replays both without the engine", async () => {
    const real = new Readers({ best: said("濑北区"), ppocr: said("渝北区") });
    const recording = new ReplayEngine(dir, real);
    const first = await recording.reread(crop, BOTH);
    expect(first.best?.text).toBe("濑北区");
    expect(first.ppocr?.text).toBe("渝北区");
    const files = (await readdir(dir)).sort();
    expect(files.map((f) => f.replace(/^[0-9a-f]{64}/, "<key>"))).toEqual([
      "<key>.reread-ppocr.json.gz",
      "<key>.reread.json.gz",
    ]);
    const replay = new ReplayEngine(dir);
    expect(await replay.reread(crop, BOTH)).toEqual(first);
  });

  it("asks the engine only for a reader not yet recorded, and keeps what was recorded before", async () => {
    await new ReplayEngine(dir, new Readers({ best: said("recorded earlier") })).reread(crop, BOTH);
    const real = new Readers({ best: said("read again"), ppocr: said("渝北区") });
    const out = await new ReplayEngine(dir, real).reread(crop, BOTH);
    expect(real.asked).toBe(1);
    expect(out.best?.text).toBe("recorded earlier");
    expect(out.ppocr?.text).toBe("渝北区");
    const again = new Readers({});
    await new ReplayEngine(dir, again).reread(crop, BOTH);
    expect(again.asked).toBe(0);
  });

  it("answers for the readers asked only, asking the engine for no other", async () => {
    const real = new Readers({ best: said("濑北区"), ppocr: said("渝北区") });
    expect(await new ReplayEngine(dir, real).reread(crop, ["ppocr"])).toEqual({ ppocr: said("渝北区") });
    expect((await readdir(dir)).map((f) => f.replace(/^[0-9a-f]{64}/, "<key>"))).toEqual([
      "<key>.reread-ppocr.json.gz",
    ]);
  });

  it("answers with no readers where nothing was recorded and there is no engine to ask", async () => {
    expect(await new ReplayEngine(dir).reread(crop, BOTH)).toEqual({});
  });
});
