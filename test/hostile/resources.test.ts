/**
 * PDFs small on disk and huge to parse (built here, never committed): flate bombs and a page of millions of
 * operators. Each is refused with PDF_RESOURCE_LIMIT (or stopped at the page time limit) quickly and with
 * bounded memory, and the batch goes on.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pagePng } from "../../fixtures/hostile/generate.ts";
import { flateBombPdf, nestedFlateBombPdf, operatorBombPdf } from "../../fixtures/hostile/resource-bombs.ts";
import { loadConfig } from "../../src/config/load.ts";
import { openDocument } from "../../src/ingest/index.ts";
import { runIngest } from "../../src/pipeline/runner.ts";
import { ScriptedEngine } from "../helpers/fake-engines.ts";
import { REPORT_LINES } from "./helpers.ts";

const GiB = 1024 ** 3;

async function fileOf(name: string, bytes: Uint8Array | Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ae-bomb-"));
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return file;
}

async function outcome(file: string, limits: Record<string, number> = {}): Promise<string> {
  try {
    const doc = await openDocument(file, limits, { renderDpi: 72 });
    try {
      for (let p = 1; p <= doc.pageCount; p++) await doc.getPage(p);
      return "ok";
    } finally {
      await doc.close();
    }
  } catch (error) {
    return (error as { code?: string }).code ?? `untyped: ${String(error)}`;
  }
}

describe("PDF resource limits", () => {
  it("refuses a 4 GiB flate bomb (4 MB on disk) before pdf.js inflates it", async () => {
    const file = await fileOf("bomb.pdf", flateBombPdf(4 * GiB));
    const t0 = Date.now();
    expect(await outcome(file)).toBe("PDF_RESOURCE_LIMIT");
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 60_000);

  it("counts streams together and follows zlib inside zlib", async () => {
    expect(await outcome(await fileOf("split.pdf", flateBombPdf(4 * GiB, 64)))).toBe("PDF_RESOURCE_LIMIT");
    expect(await outcome(await fileOf("nested.pdf", nestedFlateBombPdf(GiB)))).toBe("PDF_RESOURCE_LIMIT");
  }, 60_000);

  it("kills pdf.js past its memory cap when the decoded-size check lets a document through", async () => {
    // Stream caps raised past the bomb: only the PDF process's memory cap stands between it and the host.
    const file = await fileOf("bomb-1g.pdf", flateBombPdf(GiB));
    const limits = { maxStreamBytes: 2 * GiB, maxDecodedBytes: 2 * GiB, pdfMemoryMb: 300 };
    expect(await outcome(file, limits)).toBe("PDF_RESOURCE_LIMIT");
  }, 90_000);

  it("stops a page of 1.5 million text operators at the page time limit", async () => {
    const file = await fileOf("operators.pdf", operatorBombPdf(1_500_000));
    const doc = await openDocument(file, { pageTimeoutMs: 3_000 }, { renderDpi: 72 });
    const t0 = Date.now();
    const code = await doc.getPage(1).then(
      () => "ok",
      (error: { code?: string }) => error.code,
    );
    const elapsed = Date.now() - t0;
    await doc.close();
    expect(["PAGE_TIMEOUT", "PDF_RESOURCE_LIMIT"]).toContain(code);
    expect(elapsed).toBeLessThan(3_000 + 5_000);
  }, 60_000);

  it("a bomb in a batch is one failed record; the other documents are read", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-bomb-batch-"));
    await writeFile(path.join(dir, "bomb.pdf"), flateBombPdf(GiB));
    await writeFile(path.join(dir, "scan.png"), await pagePng(420, 594, 50));
    const config = loadConfig({ env: {}, flags: { ocr: { workers: 1, dpi: 72 }, savePageImages: false } });
    const result = await runIngest({
      inputs: [dir],
      out: path.join(dir, "out"),
      config,
      engine: new ScriptedEngine(REPORT_LINES),
    });
    const byFile = new Map(result.records.map((r) => [r.document.file, r.document]));
    expect(byFile.get("bomb.pdf")?.errors[0]?.code).toBe("PDF_RESOURCE_LIMIT");
    expect(byFile.get("scan.png")?.status).toBe("ok");
    expect(result.rejected).toBe(1);
  }, 60_000);
});
