import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { AuditExtractError } from "../domain/errors.ts";
import type { PageImage } from "../domain/page.ts";
import type { EngineResult, OcrEngine, SecondReader, SecondReadings } from "./engine.ts";

/** Key of a prepared page image: same pixels, same recorded OCR. */
export function imageKey(image: PageImage): string {
  return createHash("sha256")
    .update(`${image.width}x${image.height}x${image.channels}:`)
    .update(image.data)
    .digest("hex");
}

/** Golden OCR: replays results recorded earlier for the same page pixels, so parser, rule and runner tests
 * run in milliseconds. With `record`, misses go to the real engine and are stored. */
export class ReplayEngine implements OcrEngine {
  readonly name: string;
  constructor(
    private readonly dir: string,
    private readonly record: OcrEngine | null = null,
    name?: string,
  ) {
    this.name = name ?? record?.name ?? "replay";
  }

  private async recorded(file: string): Promise<EngineResult | null> {
    try {
      return JSON.parse(gunzipSync(await readFile(file)).toString("utf8")) as EngineResult;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      return null;
    }
  }

  private async store(file: string, result: EngineResult): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(file, gzipSync(JSON.stringify(result)));
  }

  async recognize(image: PageImage, signal?: AbortSignal): Promise<EngineResult> {
    const file = path.join(this.dir, `${imageKey(image)}.json.gz`);
    const known = await this.recorded(file);
    if (known) return known;
    if (!this.record) {
      throw new AuditExtractError("OCR_FAILED", `no recorded OCR for this page image in ${this.dir}`);
    }
    const result = await this.record.recognize(image, signal);
    await this.store(file, result);
    return result;
  }

  /** Second looks are recorded apart from first readings (the same crop may be read by both), one file per
   * second reader (`best` keeps the name it had when it was the only one). A reader without a recording, and
   * without a recording engine to ask, is absent: the second look then goes on with the readers it has. */
  async reread(
    image: PageImage,
    readers: readonly SecondReader[],
    signal?: AbortSignal,
  ): Promise<SecondReadings> {
    const key = imageKey(image);
    const file = (reader: SecondReader) =>
      path.join(this.dir, `${key}.reread${reader === "best" ? "" : `-${reader}`}.json.gz`);
    const readings: SecondReadings = {};
    for (const reader of readers) {
      const known = await this.recorded(file(reader));
      if (known) readings[reader] = known;
    }
    const missing = readers.filter((r) => !readings[r]);
    if (missing.length === 0 || !this.record?.reread) return readings;
    const fresh = await this.record.reread(image, missing, signal);
    for (const reader of missing) {
      const result = fresh[reader];
      if (!result) continue;
      await this.store(file(reader), result);
      readings[reader] = result;
    }
    return readings;
  }

  async close(): Promise<void> {
    await this.record?.close();
  }
}
