/**
 * Real OCR on three synthetic pages (seed report text, 200 DPI, blur + noise + skew), one of them
 * upside down, with every network entry point trapped in the main thread and in the worker threads.
 */
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { distance } from "fastest-levenshtein";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSyntheticPage, seedLines } from "../../bench/synthetic-page.ts";
import { OcrPage } from "../../src/domain/ocr.ts";
import { ocrPage } from "../../src/ocr/page.ts";
import { createTesseractEngine, type TesseractEngine } from "../../src/ocr/tesseract.ts";

const normalise = (s: string) => s.normalize("NFKC").replace(/\s/gu, "");
function cer(reference: string, hypothesis: string): number {
  const ref = normalise(reference);
  return distance(ref, normalise(hypothesis)) / ref.length;
}

const guardLog = join(tmpdir(), `network-guard-${process.pid}-${Date.now()}.log`);
const networkCalls: string[] = [];
const originals = {
  fetch: globalThis.fetch,
  httpRequest: http.request,
  httpGet: http.get,
  httpsRequest: https.request,
  httpsGet: https.get,
  netConnect: net.connect,
  netCreateConnection: net.createConnection,
};

function trapMainThreadNetwork(): void {
  const trap = (what: string) => (): never => {
    networkCalls.push(what);
    throw new Error(`network access attempted: ${what}`);
  };
  globalThis.fetch = trap("fetch") as typeof fetch;
  http.request = trap("http.request") as typeof http.request;
  http.get = trap("http.get") as typeof http.get;
  https.request = trap("https.request") as typeof https.request;
  https.get = trap("https.get") as typeof https.get;
  net.connect = trap("net.connect") as typeof net.connect;
  net.createConnection = trap("net.createConnection") as typeof net.createConnection;
}

function restoreNetwork(): void {
  globalThis.fetch = originals.fetch;
  http.request = originals.httpRequest;
  http.get = originals.httpGet;
  https.request = originals.httpsRequest;
  https.get = originals.httpsGet;
  net.connect = originals.netConnect;
  net.createConnection = originals.netCreateConnection;
}

describe("tesseract.js OCR of synthetic report pages", () => {
  let engine: TesseractEngine;
  const lines = seedLines();

  beforeAll(async () => {
    process.env.NETWORK_GUARD_LOG = guardLog;
    trapMainThreadNetwork();
    engine = await createTesseractEngine({
      workers: 2,
      workerPath: fileURLToPath(new URL("./network-guard.cjs", import.meta.url)),
    });
  });

  afterAll(async () => {
    await engine?.close();
    restoreNetwork();
    delete process.env.NETWORK_GUARD_LOG;
  });

  it("reads pages at CER <= 5%, an upside-down page within 1 point of upright, with no network use", async () => {
    const pageA = await renderSyntheticPage({
      lines: lines.slice(20, 32),
      blur: 0.7,
      noise: 0.003,
      skewDeg: 0.8,
    });
    const spec = { lines: lines.slice(120, 129), blur: 0.7, noise: 0.003, skewDeg: -1.2, seed: 7 };
    const pageB = await renderSyntheticPage(spec);
    const pageBFlipped = await renderSyntheticPage({ ...spec, quarterTurns: 2 });

    const results = await Promise.all(
      [pageA, pageB, pageBFlipped].map((p, i) =>
        ocrPage({ page: i + 1, kind: "raster", image: p.image }, engine),
      ),
    );
    const [a, b, bFlipped] = results;
    for (const r of results) {
      expect(r.page.error).toBeNull();
      expect(() => OcrPage.parse(r.page)).not.toThrow();
    }
    const cerA = cer(pageA.drawnLines.join(""), a!.page.text);
    const cerB = cer(pageB.drawnLines.join(""), b!.page.text);
    const cerFlipped = cer(pageB.drawnLines.join(""), bFlipped!.page.text);
    console.info(
      `CER upright ${(cerA * 100).toFixed(2)}% / ${(cerB * 100).toFixed(2)}%, flipped ${(cerFlipped * 100).toFixed(2)}%`,
    );
    expect(cerA).toBeLessThanOrEqual(0.05);
    expect(cerB).toBeLessThanOrEqual(0.05);
    expect(Math.abs(cerFlipped - cerB)).toBeLessThanOrEqual(0.01);

    expect(bFlipped!.page.rotation).toBe(180);
    expect(Math.abs(b!.page.skew - 1.2)).toBeLessThan(0.3);
    expect(a!.page.source).toBe("ocr");
    const line = a!.page.lines[0]!;
    expect(line.words.length).toBeGreaterThan(0);
    expect(line.bbox[2]).toBeGreaterThan(line.bbox[0]);
    expect(a!.page.meanConfidence).toBeGreaterThan(0.6);

    expect(networkCalls).toEqual([]);
    expect(existsSync(guardLog) ? readFileSync(guardLog, "utf8") : "").toBe("");
  }, 240_000);

  it("turns an unreadable page into an error page instead of throwing", async () => {
    const broken = { width: 10, height: 10, channels: 1 as const, data: new Uint8Array(3), dpi: 200 };
    const result = await ocrPage({ page: 4, kind: "raster", image: broken }, engine);
    expect(result.page.error?.code).toBeTruthy();
    expect(result.page.text).toBe("");
  });
});
