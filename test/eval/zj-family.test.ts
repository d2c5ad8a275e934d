import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.ts";
import type { EvalReport } from "../../src/eval/report-file.ts";
import { evaluateSet } from "../../src/eval/run.ts";

/** The eight zj-strike reports of `--families zj-strike --per-family 8 --seed 9810`, PP-OCR replayed from fixtures/zj-ocr
 * as recorded at the family's first read (docs/families-zj.md). Tuned data since. Every choice is made by striking
 * out the options that do not apply (不适用的划去): no box is printed, the chosen word is the one left clean. At the
 * first read the parser found none of the 304 option words as a box (tick groups 8.7%, fields 77.4%): no audit type,
 * recommendation, evaluation or conclusion. Floors sit under the figures measured when set (fields 96.6%, tick groups
 * 89.4%, boxes 255 right and 3 wrong of 304, one wrong field value: an OCR misread of the organization). */
const FLOORS = { fieldAccuracy: 0.95, tickGroups: 0.87, boxesRight: 248, boxesWrong: 5 };

describe("zj-strike struck-out options form (recorded PP-OCR, tuned)", () => {
  let report: EvalReport;

  beforeAll(async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "ae-zj-family-"));
    report = await evaluateSet({
      setDir: "fixtures/zj-set",
      out,
      config: loadConfig({
        env: {},
        flags: { ocr: { engine: "paddle", replayDir: "fixtures/zj-ocr" }, savePageImages: false },
      }),
    });
  }, 600_000);

  it("reads the struck-out sets: the clean word chosen, the struck ones not", () => {
    const s = report.summary;
    expect(s.handledAsExpected.failures).toEqual([]);
    expect(s.headline.fieldsExact).toBeGreaterThanOrEqual(FLOORS.fieldAccuracy);
    expect(s.headline.tickGroups).toBeGreaterThanOrEqual(FLOORS.tickGroups);
    expect(s.headline.wrongValues).toBeLessThanOrEqual(1);
    expect(s.boxes.correct).toBeGreaterThanOrEqual(FLOORS.boxesRight);
    expect(s.boxes.wrong).toBeLessThanOrEqual(FLOORS.boxesWrong);
    expect(s.fields.recommendation?.wrong ?? 0).toBe(0);
    expect(s.fields.evaluations?.wrong ?? 0).toBe(0);
    expect(s.fields.conclusion?.wrong ?? 0).toBe(0);
  });

  it("raises no false high or medium flag", () => {
    expect(report.summary.headline.falseFlagsPerReport).toBe(0);
    expect(report.summary.flags["NC-COUNT-MISMATCH"]).toMatchObject({ tp: 1, fp: 0 });
  });
});
