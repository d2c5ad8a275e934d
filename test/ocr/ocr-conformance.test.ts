/**
 * The same OCR conformance suite for every engine: synthetic report pages (seed text, blur + noise) at 200
 * and 150 DPI, skewed, upside down and sideways, read through page preparation with every network entry point
 * trapped in the main thread and in the engines' worker threads. Checks CER, the rotation and skew found, and
 * that line and word boxes are where the text was drawn, in the prepared page's pixels.
 */
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createCanvas } from "@napi-rs/canvas";
import { distance } from "fastest-levenshtein";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderSyntheticPage, type SyntheticPage, seedLines } from "../../bench/synthetic-page.ts";
import { OcrPage } from "../../src/domain/ocr.ts";
import { characterErrorRate } from "../../src/eval/cer.ts";
import { loadTruth } from "../../src/eval/load.ts";
import { openDocument } from "../../src/ingest/index.ts";
import type { OcrEngine } from "../../src/ocr/engine.ts";
import { createPaddleEngine } from "../../src/ocr/paddle/engine.ts";
import { ocrPage } from "../../src/ocr/page.ts";
import { createTesseractEngine } from "../../src/ocr/tesseract.ts";

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

interface EngineCase {
  engine: "tesseract" | "paddle";
  create: () => Promise<OcrEngine>;
  /** Highest CER accepted on the synthetic pages (seed text with Markdown left in, e.g. "$\\geq 95\\%$"). */
  maxCer: number;
  /** Highest CER accepted on a degraded page of the fixture set, scored like eval does. */
  maxFixtureCer: number;
}

const SET = fileURLToPath(new URL("../../fixtures/set/", import.meta.url));
const FIXTURE = {
  file: "report-002-table-nc-count-mismatch.pdf",
  truth: "report-002-table-nc-count-mismatch.truth.json",
  page: 2,
};
const guard = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const cases: EngineCase[] = [
  {
    engine: "tesseract",
    create: () =>
      createTesseractEngine({
        workers: 2,
        workerPath: guard("./network-guard.cjs"),
        paddleWorkerScript: guard("./paddle-network-guard.mjs"),
      }),
    maxCer: 0.05,
    maxFixtureCer: 0.05,
  },
  {
    engine: "paddle",
    create: () => createPaddleEngine({ workers: 2, workerScript: guard("./paddle-network-guard.mjs") }),
    maxCer: 0.025,
    maxFixtureCer: 0.02,
  },
];

/** Layout of renderSyntheticPage (A4, 0.9 in margins, 10.5 pt, 1.7 line pitch, text drawn from the top). */
function layout(dpi: number) {
  const fontPx = Math.round((10.5 / 72) * dpi);
  return { margin: Math.round(0.9 * dpi), fontPx, lineStep: Math.round(fontPx * 1.7) };
}

/**
 * Share of words whose box centre lies within half an em of where their text was drawn, and how many words
 * could be placed (found in the drawn line the box sits on). Positions come from measuring the drawn text
 * with the font the page was rendered with (registered by renderSyntheticPage as "SyntheticCJK").
 */
function wordPlacement(page: OcrPage, drawn: readonly string[], dpi: number) {
  const { margin, fontPx, lineStep } = layout(dpi);
  const ctx = createCanvas(8, 8).getContext("2d");
  ctx.font = `${fontPx}px SyntheticCJK`;
  let placed = 0;
  let good = 0;
  for (const line of page.lines) {
    for (const word of line.words) {
      const cy = (word.bbox[1] + word.bbox[3]) / 2;
      const row = Math.round((cy - margin - fontPx / 2) / lineStep);
      const text = drawn[row];
      const at = text?.indexOf(word.text) ?? -1;
      if (!text || at < 0 || text.indexOf(word.text, at + 1) >= 0) continue; // not found, or ambiguous
      placed++;
      const x0 = margin + ctx.measureText(text.slice(0, at)).width;
      const x1 = margin + ctx.measureText(text.slice(0, at + word.text.length)).width;
      const dx = Math.abs((word.bbox[0] + word.bbox[2]) / 2 - (x0 + x1) / 2);
      const dy = Math.abs(cy - (margin + row * lineStep + fontPx / 2));
      if (dx <= fontPx / 2 && dy <= fontPx / 2) good++;
    }
  }
  return { placed, share: placed ? good / placed : 0 };
}

describe("OCR conformance on synthetic report pages", () => {
  const lines = seedLines();
  let skewed: SyntheticPage;
  let upright: SyntheticPage;
  let flipped: SyntheticPage;
  let sideways: SyntheticPage;

  beforeAll(async () => {
    skewed = await renderSyntheticPage({ lines: lines.slice(20, 32), blur: 0.7, noise: 0.003, skewDeg: 0.8 });
    const spec = { lines: lines.slice(120, 129), dpi: 150, blur: 0.6, noise: 0.003, seed: 7 };
    upright = await renderSyntheticPage(spec);
    flipped = await renderSyntheticPage({ ...spec, quarterTurns: 2 });
    sideways = await renderSyntheticPage({ ...spec, lines: lines.slice(60, 68), quarterTurns: 3 });
  });

  describe.each(cases)("$engine", ({ create, maxCer, maxFixtureCer, engine: name }) => {
    let engine: OcrEngine;

    beforeAll(async () => {
      process.env.NETWORK_GUARD_LOG = guardLog;
      trapMainThreadNetwork();
      engine = await create();
    });

    afterAll(async () => {
      await engine?.close();
      restoreNetwork();
      delete process.env.NETWORK_GUARD_LOG;
    });

    it("reads skewed, 150 DPI, upside-down and sideways pages with boxes in page pixels, offline", async () => {
      const pages = [skewed, upright, flipped, sideways];
      const results = await Promise.all(
        pages.map((p, i) => ocrPage({ page: i + 1, kind: "raster", image: p.image }, engine)),
      );
      const [a, b, bFlipped, c] = results.map((r) => r.page);
      for (const page of [a, b, bFlipped, c]) {
        expect(page!.error).toBeNull();
        expect(() => OcrPage.parse(page)).not.toThrow();
      }
      const cers = pages.map((p, i) => cer(p.drawnLines.join(""), results[i]!.page.text));
      console.info(`${name}: CER ${cers.map((v) => `${(v * 100).toFixed(2)}%`).join(" / ")}`);
      for (const v of cers) expect(v).toBeLessThanOrEqual(maxCer);
      expect(Math.abs(cers[2]! - cers[1]!)).toBeLessThanOrEqual(0.01);

      expect(a!.rotation).toBe(0);
      expect(Math.abs(a!.skew + 0.8)).toBeLessThan(0.3);
      expect(b!.rotation).toBe(0);
      expect(bFlipped!.rotation).toBe(180);
      expect(c!.rotation).toBe(90);
      expect(a!.meanConfidence).toBeGreaterThan(0.6);

      // Upright, turned back from upside down and from sideways: the same page pixels, the same boxes.
      for (const [page, drawn] of [
        [b!, upright.drawnLines],
        [bFlipped!, flipped.drawnLines],
        [c!, sideways.drawnLines],
      ] as const) {
        expect([page.width, page.height]).toEqual([upright.image.width, upright.image.height]);
        const placement = wordPlacement(page, drawn, 150);
        console.info(
          `${name}: ${placement.placed} words placed, ${(placement.share * 100).toFixed(0)}% in place`,
        );
        expect(placement.placed).toBeGreaterThan(40);
        expect(placement.share).toBeGreaterThan(0.7);
        for (const line of page.lines) {
          expect(line.bbox[0]).toBeGreaterThanOrEqual(0);
          expect(line.bbox[2]).toBeLessThanOrEqual(page.width);
          expect(line.bbox[3]).toBeLessThanOrEqual(page.height);
        }
      }

      expect(networkCalls).toEqual([]);
      expect(existsSync(guardLog) ? readFileSync(guardLog, "utf8") : "").toBe("");
    }, 240_000);

    it("reads a degraded fixture page (150 DPI JPEG scan, table layout) within its CER bound", async () => {
      const doc = await openDocument(join(SET, FIXTURE.file), {}, { renderDpi: 200 });
      try {
        const { page } = await ocrPage(await doc.getPage(FIXTURE.page), engine);
        const truth = loadTruth(join(SET, FIXTURE.truth)).pages[FIXTURE.page - 1]!.text;
        const { value } = characterErrorRate(truth, page.text);
        console.info(`${name}: fixture page CER ${(value * 100).toFixed(2)}%`);
        expect(value).toBeLessThanOrEqual(maxFixtureCer);
      } finally {
        await doc.close();
      }
    }, 120_000);

    it("turns an unreadable page into an error page instead of throwing", async () => {
      const broken = { width: 10, height: 10, channels: 1 as const, data: new Uint8Array(3), dpi: 200 };
      const result = await ocrPage({ page: 5, kind: "raster", image: broken }, engine);
      expect(result.page.error?.code).toBeTruthy();
      expect(result.page.text).toBe("");
    });
  });
});
