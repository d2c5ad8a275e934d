/**
 * Seeded mutations of small valid PDF/PNG/JPEG/TIFF files through openDocument + getPage (no OCR). The only
 * allowed outcomes are success or an AuditExtractError with a known code: never an untyped throw, a hang, or
 * an unhandled rejection.
 *
 *   FUZZ_CASES=5000 FUZZ_SECONDS=1800 FUZZ_SEED=7 npx vitest run test/hostile/fuzz.test.ts
 *
 * Defaults (500 cases, 45 s budget, whichever ends first; ~3 s on an idle machine) keep a normal run short.
 * FUZZ_KEEP=1 keeps the case files; the log line names the seed, case and mutations of any failure.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument, StandardFonts } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pagePng, smallScanPdf } from "../../fixtures/hostile/generate.ts";
import { AuditExtractError, ERROR_CODES } from "../../src/domain/errors.ts";
import { openDocument } from "../../src/ingest/index.ts";
import { isPdfjsWorkerError } from "../../src/ingest/pdfjs-guard.ts";

const CASES = Number(process.env.FUZZ_CASES ?? 500);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 45);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_127);
/** A case still running after this is a hang (a slow but finite parse of a mutated file takes well under). */
const CASE_TIMEOUT_MS = Number(process.env.FUZZ_CASE_TIMEOUT_MS ?? 15_000);
/** FUZZ_KEEP=1 keeps every case file (to replay one that caused an unhandled rejection). */
const KEEP = process.env.FUZZ_KEEP === "1";
const LIMITS = { maxFileBytes: 5_000_000, maxPages: 20, maxPixelsPerPage: 2_000_000 };

/** mulberry32: small, seedable, good enough for choosing mutations. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MAGIC: Record<string, number[]> = {
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  jpeg: [0xff, 0xd8, 0xff, 0xe0],
  tiff: [0x49, 0x49, 0x2a, 0x00],
};
const INTERESTING = [0x00, 0xff, 0x7f, 0x80, 0x01, 0xfe];

type Mutation = "bitflip" | "truncate" | "duplicate" | "header-swap" | "overwrite" | "zero-run" | "splice";
const MUTATIONS: Mutation[] = [
  "bitflip",
  "truncate",
  "duplicate",
  "header-swap",
  "overwrite",
  "zero-run",
  "splice",
];

function mutate(seed: Uint8Array, other: Uint8Array, rand: () => number): { bytes: Uint8Array; how: string } {
  const pick = (n: number) => Math.floor(rand() * n);
  let bytes = Buffer.from(seed);
  const steps: string[] = [];
  const rounds = 1 + pick(3);
  for (let r = 0; r < rounds; r++) {
    const m = MUTATIONS[pick(MUTATIONS.length)]!;
    const at = pick(Math.max(1, bytes.length));
    switch (m) {
      case "bitflip": {
        const flips = 1 + pick(16);
        for (let i = 0; i < flips; i++) {
          const p = pick(bytes.length);
          bytes[p] = bytes[p]! ^ (1 << pick(8));
        }
        steps.push(`bitflip x${flips}`);
        break;
      }
      case "truncate":
        bytes = bytes.subarray(0, at);
        steps.push(`truncate@${at}`);
        break;
      case "duplicate": {
        const len = 1 + pick(Math.min(4096, bytes.length - at));
        const chunk = bytes.subarray(at, at + len);
        const to = pick(bytes.length);
        bytes = Buffer.concat([bytes.subarray(0, to), chunk, chunk, bytes.subarray(to)]);
        steps.push(`duplicate ${len}@${at}->${to}`);
        break;
      }
      case "header-swap": {
        const kinds = Object.keys(MAGIC);
        const kind = kinds[pick(kinds.length)]!;
        bytes = Buffer.from(bytes);
        Buffer.from(MAGIC[kind]!).copy(bytes, 0);
        steps.push(`header->${kind}`);
        break;
      }
      case "overwrite": {
        const n = 1 + pick(8);
        for (let i = 0; i < n && at + i < bytes.length; i++)
          bytes[at + i] = INTERESTING[pick(INTERESTING.length)]!;
        steps.push(`overwrite ${n}@${at}`);
        break;
      }
      case "zero-run": {
        const len = pick(Math.min(2048, bytes.length - at) + 1);
        bytes.fill(0, at, at + len);
        steps.push(`zero ${len}@${at}`);
        break;
      }
      case "splice": {
        const from = pick(other.length);
        const len = pick(Math.min(2048, other.length - from) + 1);
        bytes = Buffer.concat([bytes.subarray(0, at), other.subarray(from, from + len), bytes.subarray(at)]);
        steps.push(`splice ${len} from other@${at}`);
        break;
      }
    }
  }
  return { bytes, how: steps.join(", ") };
}

type Outcome =
  | { kind: "ok"; pages: number }
  | { kind: "code"; code: string }
  | { kind: "bad"; detail: string };

async function runCase(file: string): Promise<Outcome> {
  try {
    const doc = await openDocument(file, LIMITS, { renderDpi: 72 });
    try {
      for (let p = 1; p <= doc.pageCount; p++) {
        try {
          await doc.getPage(p);
        } catch (error) {
          if (error instanceof AuditExtractError && error.code in ERROR_CODES) continue; // a bad page is data
          throw error;
        }
      }
      return { kind: "ok", pages: doc.pageCount };
    } finally {
      await doc.close();
    }
  } catch (error) {
    if (error instanceof AuditExtractError && error.code in ERROR_CODES)
      return { kind: "code", code: error.code };
    const e = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { kind: "bad", detail: `untyped throw ${e}` };
  }
}

function withCaseTimeout(p: Promise<Outcome>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: "bad", detail: `hang: no outcome after ${ms} ms` }), ms);
  });
  return Promise.race([p, hang]).finally(() => clearTimeout(timer));
}

describe("fuzzing openDocument + getPage", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ae-fuzz-"));
  const unhandled: string[] = [];
  let current = "(between cases)";
  let pdfjsStrays = 0;
  const onUnhandled = (reason: unknown) => {
    // pdf.js's own abandoned promises (see src/ingest/pdfjs-guard.ts): dropped by the guard, counted here.
    if (isPdfjsWorkerError(reason)) {
      pdfjsStrays++;
      return;
    }
    const e = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
    unhandled.push(`during ${current}: ${e}`);
  };
  const seeds: { name: string; bytes: Uint8Array }[] = [];

  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    const png = await pagePng(120, 170, 20);
    const grey = sharp(png);
    const text = await PDFDocument.create({ updateMetadata: false });
    const font = await text.embedFont(StandardFonts.Helvetica);
    text.addPage([300, 400]).drawText("Audit report 2023 / page one", { x: 20, y: 360, size: 11, font });
    seeds.push(
      { name: "pdf", bytes: await smallScanPdf(2) },
      { name: "pdf", bytes: await text.save() }, // object streams, a font, a text layer
      { name: "png", bytes: png },
      { name: "jpeg", bytes: await grey.clone().jpeg({ quality: 70 }).toBuffer() },
      { name: "tiff", bytes: await grey.clone().tiff({ compression: "lzw" }).toBuffer() },
    );
  });
  afterAll(() => {
    process.off("unhandledRejection", onUnhandled);
    if (KEEP) process.stderr.write(`fuzz: cases kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  });

  it("the seeds themselves open and render", async () => {
    for (const s of seeds) {
      const file = path.join(dir, `seed.${s.name}`);
      writeFileSync(file, s.bytes);
      expect(await runCase(file)).toMatchObject({ kind: "ok" });
    }
  });

  it(
    `${CASES} seeded mutations (budget ${SECONDS} s): success or a typed error, nothing else`,
    async () => {
      const rand = rng(SEED);
      const deadline = Date.now() + SECONDS * 1000;
      const failures: string[] = [];
      const tally = new Map<string, number>();
      let ran = 0;
      for (let i = 0; i < CASES && Date.now() < deadline; i++) {
        const seed = seeds[i % seeds.length]!;
        const other = seeds[(i + 1 + Math.floor(rand() * 3)) % seeds.length]!;
        const { bytes, how } = mutate(seed.bytes, other.bytes, rand);
        const file = path.join(dir, `case-${i}.${seed.name}`);
        writeFileSync(file, bytes);
        current = `case ${i} (seed ${SEED}, ${seed.name}: ${how})`;
        const outcome = await withCaseTimeout(runCase(file), CASE_TIMEOUT_MS);
        ran++;
        const key = outcome.kind === "code" ? outcome.code : outcome.kind;
        tally.set(key, (tally.get(key) ?? 0) + 1);
        if (outcome.kind === "bad")
          failures.push(`case ${i} (seed ${SEED}, ${seed.name}: ${how}): ${outcome.detail}`);
        else if (!KEEP) rmSync(file, { force: true }); // failing inputs stay in `dir` for a look
        if (outcome.kind === "bad" && outcome.detail.startsWith("hang")) break; // the hung work keeps running
      }
      // Let late rejections of abandoned work surface before checking.
      await new Promise((r) => setTimeout(r, 50));
      const summary = [...tally].map(([k, v]) => `${k} ${v}`).join(", ");
      process.stderr.write(
        `fuzz: ${ran} cases, seed ${SEED}: ${summary}; pdf.js stray rejections dropped: ${pdfjsStrays}\n`,
      );
      expect(failures, summary).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(ran).toBeGreaterThanOrEqual(Math.min(CASES, 20));
    },
    SECONDS * 1000 + CASE_TIMEOUT_MS + 30_000,
  );
});
