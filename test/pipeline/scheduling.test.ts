/** How the in-process runner keeps the OCR workers fed: pages of several documents in flight at once. */
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.ts";
import type { PageImage } from "../../src/domain/page.ts";
import type { EngineResult, OcrEngine } from "../../src/ocr/engine.ts";
import { runIngest } from "../../src/pipeline/runner.ts";

/** A one-page scan, different for each `n` (identical files are read once). */
async function pagePng(dir: string, n: number): Promise<string> {
  const file = path.join(dir, `p${n}.png`);
  const w = 827;
  const h = 1169;
  const data = Buffer.alloc(w * h, 255);
  for (let y = 200 + 40 * n; y < 230 + 40 * n; y++) data.fill(0, y * w + 100, y * w + 700);
  await sharp(data, { raw: { width: w, height: h, channels: 1 } })
    .png()
    .withMetadata({ density: 100 })
    .toFile(file);
  return file;
}

/** Holds every page read until `want` are waiting at once (or a time limit), and notes the most ever waiting. */
class GateEngine implements OcrEngine {
  readonly name = "gate";
  waiting = 0;
  most = 0;
  private readonly release: (() => void)[] = [];
  constructor(
    private readonly want: number,
    private readonly limitMs: number,
  ) {}
  async recognize(image: PageImage): Promise<EngineResult> {
    this.waiting++;
    this.most = Math.max(this.most, this.waiting);
    if (image.width * image.height > 500_000) {
      await new Promise<void>((resolve) => {
        this.release.push(resolve);
        if (this.waiting >= this.want) for (const r of this.release.splice(0)) r();
        else setTimeout(resolve, this.limitMs);
      });
    }
    this.waiting--;
    return { text: "", lines: [], meanConfidence: 0 };
  }
  async close(): Promise<void> {}
}

describe("in-process runner scheduling", () => {
  it("reads pages of more than two documents at once, so one-page documents fill every page slot", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-sched-"));
    const inputs = await Promise.all([0, 1, 2, 3, 4, 5].map((n) => pagePng(dir, n)));
    const config = loadConfig({ env: {}, flags: { ocr: { workers: 2 }, savePageImages: false } });
    const engine = new GateEngine(4, 1_500);
    const result = await runIngest({ inputs, out: path.join(dir, "out"), config, engine });
    expect(result.records).toHaveLength(6);
    // Two workers, two pages in flight per worker: four one-page documents open at once (two before).
    expect(engine.most).toBe(4);
  }, 60_000);
});
