import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { AuditExtractError } from "../domain/errors.ts";
import type { PageImage } from "../domain/page.ts";
import type { EngineResult, OcrEngine } from "./engine.ts";

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

  async recognize(image: PageImage, signal?: AbortSignal): Promise<EngineResult> {
    const file = path.join(this.dir, `${imageKey(image)}.json.gz`);
    try {
      return JSON.parse(gunzipSync(await readFile(file)).toString("utf8")) as EngineResult;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
    if (!this.record) {
      throw new AuditExtractError("OCR_FAILED", `no recorded OCR for this page image in ${this.dir}`);
    }
    const result = await this.record.recognize(image, signal);
    await mkdir(this.dir, { recursive: true });
    await writeFile(file, gzipSync(JSON.stringify(result)));
    return result;
  }

  async close(): Promise<void> {
    await this.record?.close();
  }
}
