/** Time limits: per page (PAGE_TIMEOUT) and per document (DOCUMENT_TIMEOUT); pixel limits on PDF pages. */
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { HOSTILE_FILES_DIR, pagePng } from "../../fixtures/hostile/generate.ts";
import { loadConfig } from "../../src/config/load.ts";
import { ERROR_CODES } from "../../src/domain/errors.ts";
import type { PageImage } from "../../src/domain/page.ts";
import { openDocument } from "../../src/ingest/index.ts";
import type { EngineResult, OcrEngine } from "../../src/ocr/engine.ts";
import { runIngest } from "../../src/pipeline/runner.ts";
import { ScriptedEngine } from "../helpers/fake-engines.ts";
import { REPORT_LINES } from "./helpers.ts";

/** Takes `ms` per page (or until aborted), then answers like the ScriptedEngine. */
class SlowEngine implements OcrEngine {
  readonly name = "slow";
  private readonly inner = new ScriptedEngine(REPORT_LINES);
  started = 0;
  constructor(private readonly ms: number) {}
  async recognize(image: PageImage, signal?: AbortSignal): Promise<EngineResult> {
    this.started++;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(resolve, this.ms);
      signal?.addEventListener("abort", () => {
        clearTimeout(t);
        reject(new Error("aborted"));
      });
    });
    return this.inner.recognize(image);
  }
  async close(): Promise<void> {}
}

async function fivePagePdf(dir: string): Promise<string> {
  const doc = await PDFDocument.create();
  const png = await doc.embedPng(await pagePng(210, 297, 25));
  for (let i = 0; i < 5; i++) {
    doc.addPage([595.28, 841.89]).drawImage(png, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  const file = path.join(dir, "five.pdf");
  await writeFile(file, await doc.save());
  // PDFs are read in a separate process that takes a moment to start; start it now (it is kept for the next
  // document), so the limits below measure pages, not that start.
  await (await openDocument(file)).close();
  return file;
}

const configWith = (limits: Record<string, number>) =>
  loadConfig({ env: {}, flags: { ocr: { workers: 1, dpi: 72 }, savePageImages: false, limits } });

describe("time limits", () => {
  it("DOCUMENT_TIMEOUT is a known error code", () => {
    expect(ERROR_CODES.DOCUMENT_TIMEOUT).toBeTruthy();
  });

  it("a page over pageTimeoutMs becomes a PAGE_TIMEOUT page error; the document goes on", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-limits-"));
    const file = await fivePagePdf(dir);
    const config = configWith({ pageTimeoutMs: 100, documentTimeoutMs: 60_000 });
    const result = await runIngest({
      inputs: [file],
      out: path.join(dir, "out"),
      config,
      engine: new SlowEngine(400),
    });
    const doc = result.records[0]!.document;
    expect(doc.status).toBe("failed");
    expect(doc.errors.filter((e) => e.code === "PAGE_TIMEOUT").map((e) => e.page)).toEqual([1, 2, 3, 4, 5]);
  });

  it("enforces documentTimeoutMs: pages not finished in time are DOCUMENT_TIMEOUT, not started after", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-limits-"));
    const file = await fivePagePdf(dir);
    // workers 1 -> 2 pages in flight; each page takes ~300 ms of OCR; the document gets 500 ms.
    const config = configWith({ pageTimeoutMs: 60_000, documentTimeoutMs: 500 });
    const engine = new SlowEngine(300);
    const t0 = Date.now();
    const result = await runIngest({ inputs: [file], out: path.join(dir, "out"), config, engine });
    const elapsed = Date.now() - t0;
    const doc = result.records[0]!.document;
    expect(doc.pages).toBe(5);
    const timedOut = doc.errors.filter((e) => e.code === "DOCUMENT_TIMEOUT").map((e) => e.page);
    expect(timedOut.length).toBeGreaterThan(0);
    expect(timedOut).toContain(5);
    expect(doc.errors.some((e) => e.code === "PAGE_TIMEOUT")).toBe(false);
    expect(engine.started).toBeLessThan(5);
    expect(elapsed).toBeLessThan(5 * 300);
    expect(["partial", "failed"]).toContain(doc.status);
  });
});

describe("pixel limits on PDF pages", () => {
  it("a huge MediaBox is refused, not rasterised; a large one is rendered at a lower DPI", async () => {
    const limits = { maxPixelsPerPage: 4_000_000 };
    const huge = await openDocument(path.join(HOSTILE_FILES_DIR, "huge-mediabox.pdf"), limits, {
      renderDpi: 100,
    });
    await expect(huge.getPage(1)).rejects.toMatchObject({ code: "IMAGE_TOO_LARGE" });
    await huge.close();
    const poster = await openDocument(path.join(HOSTILE_FILES_DIR, "poster.pdf"), limits, { renderDpi: 100 });
    const page = await poster.getPage(1);
    await poster.close();
    expect(page.kind).toBe("raster");
    if (page.kind !== "raster") return;
    expect(page.image.width * page.image.height).toBeLessThanOrEqual(4_000_000);
    expect(page.image.dpi).toBeLessThan(100);
  });

  it("image headers over the limit are refused before decoding (PNG, JPEG, TIFF bombs)", async () => {
    for (const name of ["bomb-100k.png", "bomb.jpg", "bomb.tif"]) {
      const before = process.memoryUsage().rss;
      await expect(openDocument(path.join(HOSTILE_FILES_DIR, name))).rejects.toMatchObject({
        code: "IMAGE_TOO_LARGE",
      });
      // 100k x 100k grey would be 10 GB; nothing near that was allocated.
      expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    }
  });

  it("lets a page's strips and crops queue at once on its time-limit signal without Node's listener-leak warning", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-limits-"));
    const file = await fivePagePdf(dir);
    const inner = new ScriptedEngine(REPORT_LINES);
    // Like a page's 8 strips and 24 second-look crops waiting in the worker queues, each listening for the abort.
    const queued: OcrEngine = {
      name: "queued",
      async recognize(image, signal) {
        const listeners = Array.from({ length: 32 }, () => () => undefined);
        for (const l of listeners) signal?.addEventListener("abort", l);
        await new Promise((resolve) => setTimeout(resolve, 5));
        for (const l of listeners) signal?.removeEventListener("abort", l);
        return inner.recognize(image);
      },
      close: async () => {},
    };
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const config = configWith({ pageTimeoutMs: 60_000, documentTimeoutMs: 60_000 });
      await runIngest({ inputs: [file], out: path.join(dir, "out"), config, engine: queued });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });
});
