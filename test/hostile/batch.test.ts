/** 50 inputs, 10 of them hostile, in one batch: the 40 good ones come out exactly as when run on their own. */

import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { HOSTILE_CASES, HOSTILE_FILES_DIR } from "../../fixtures/hostile/generate.ts";
import { loadConfig } from "../../src/config/load.ts";
import type { PageImage } from "../../src/domain/page.ts";
import type { EngineResult, OcrEngine } from "../../src/ocr/engine.ts";
import { runIngest } from "../../src/pipeline/runner.ts";
import { ScriptedEngine } from "../helpers/fake-engines.ts";
import { REPORT_LINES, stable } from "./helpers.ts";

const HOSTILE = [
  "encrypted.pdf",
  "truncated.pdf",
  "page-tree-loop.pdf",
  "stray-rejection.pdf",
  "huge-mediabox.pdf",
  "bomb-100k.png",
  "bomb.tif",
  "zero-size.png",
  "docx-renamed.pdf",
  "empty.pdf",
];

const config = loadConfig({
  env: {},
  flags: {
    ocr: { workers: 1, dpi: 72 },
    savePageImages: false,
    limits: { maxPixelsPerPage: 4_000_000, maxPages: 20 },
  },
});

/**
 * The ScriptedEngine's report, with a project number taken from the page's pixels: every input is its own
 * report, so no cross-document duplicate flag ties the good records to whatever else is in the batch.
 */
class PerPageEngine implements OcrEngine {
  readonly name = "scripted";
  async recognize(image: PageImage): Promise<EngineResult> {
    const n = createHash("sha256").update(image.data).digest().readUInt32BE(0) % 90_000;
    const lines = REPORT_LINES.map((l) => (l.startsWith("项目编号") ? `项目编号：${10_000 + n}-2023-Q` : l));
    return new ScriptedEngine(lines).recognize(image);
  }
  async close(): Promise<void> {}
}

/** A small page PNG, distinct per index (bar position and width), A4-shaped at 50 DPI. */
async function goodPage(file: string, i: number): Promise<void> {
  const w = 414;
  const h = 585;
  const data = Buffer.alloc(w * h, 255);
  const y0 = 60 + (i % 20) * 20;
  for (let y = y0; y < y0 + 8; y++) data.fill(0, y * w + 40, y * w + 120 + i * 5);
  await writeFile(
    file,
    await sharp(data, { raw: { width: w, height: h, channels: 1 } })
      .png()
      .withMetadata({ density: 50 })
      .toBuffer(),
  );
}

describe("a batch with hostile inputs mixed in", () => {
  it("gives the 40 good inputs the same records as a clean batch", async () => {
    expect(HOSTILE.every((n) => HOSTILE_CASES.some((c) => c.name === n && c.committed))).toBe(true);
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-batch-"));
    await mkdir(path.join(dir, "in"));
    const good: string[] = [];
    for (let i = 0; i < 40; i++) {
      const file = path.join(dir, "in", `page-${String(i).padStart(2, "0")}.png`);
      await goodPage(file, i);
      good.push(file);
    }
    const bad: string[] = [];
    for (const name of HOSTILE) {
      const to = path.join(dir, "in", `hostile-${name}`);
      await copyFile(path.join(HOSTILE_FILES_DIR, name), to);
      bad.push(to);
    }
    // Hostile files spread through the batch, not bunched at one end.
    const mixed = [...good];
    for (const [k, b] of bad.entries()) mixed.splice(k * 5 + 2, 0, b);
    expect(mixed).toHaveLength(50);

    const alone = await runIngest({
      inputs: good,
      out: path.join(dir, "alone"),
      config,
      engine: new PerPageEngine(),
    });
    const together = await runIngest({
      inputs: mixed,
      out: path.join(dir, "mixed"),
      config,
      engine: new PerPageEngine(),
    });

    expect(alone.records).toHaveLength(40);
    expect(together.records).toHaveLength(50);
    const expectedOf = (file: string) => HOSTILE_CASES.find((c) => `hostile-${c.name}` === file)?.expected;
    expect(together.rejected).toBe(HOSTILE.filter((n) => expectedOf(`hostile-${n}`) !== "ok").length);
    const byFile = (rs: typeof alone.records) =>
      Object.fromEntries(rs.map((r) => [r.document.file, stable(r)]));
    const mixedGood = byFile(together.records.filter((r) => !r.document.file.startsWith("hostile-")));
    expect(mixedGood).toEqual(byFile(alone.records));
    expect(alone.records.every((r) => r.document.status === "ok")).toBe(true);
    expect(alone.records.flatMap((r) => r.flags).filter((f) => f.rule.startsWith("XDOC-"))).toEqual([]);
    // Each hostile input has its corpus outcome (stray-rejection.pdf is read: pdf.js recovers a blank page).
    for (const r of together.records.filter((x) => x.document.file.startsWith("hostile-"))) {
      const got = r.document.status === "failed" ? r.document.errors[0]?.code : "ok";
      expect(got, r.document.file).toBe(expectedOf(r.document.file));
    }
  });
});
