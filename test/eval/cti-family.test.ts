import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.ts";
import type { EvalReport } from "../../src/eval/report-file.ts";
import { evaluateSet } from "../../src/eval/run.ts";

/** The eight cti-check reports of `--families cti-check --per-family 8 --seed 9800`, PP-OCR replayed from fixtures/cti-ocr
 * as recorded at the family's first read (docs/families-cti.md). Tuned data since (docs/accuracy.md, 2026-12-04 family
 * cti-check). A surveillance report printed as a checklist form: the conclusion as vertical option lists under their
 * criterion (one box a line), a table of the previous audit's closed NCs before this audit's, and this audit's NCs in
 * a wide tracking table whose kind cell holds □严重 / □一般 stacked. At the first read the parser read 82.9% of the
 * fields and 51.9% of the tick groups, no conclusion, the previous audit's NCs as this audit's and every kind as
 * major; floors sit under the figures measured when set (fields 94.7%, tick groups 81.7%, conclusion and NC items all
 * read, no wrong value). */
const FLOORS = { fieldAccuracy: 0.93, tickGroups: 0.79, exact: 0.99 };

describe("cti-check checklist surveillance form (recorded PP-OCR, tuned)", () => {
  let report: EvalReport;

  beforeAll(async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), "ae-cti-family-"));
    report = await evaluateSet({
      setDir: "fixtures/cti-set",
      out,
      config: loadConfig({
        env: {},
        flags: { ocr: { engine: "paddle", replayDir: "fixtures/cti-ocr" }, savePageImages: false },
      }),
    });
  }, 600_000);

  it("reads the fields, the vertical conclusion lists and this audit's NC table only", () => {
    const s = report.summary;
    expect(s.handledAsExpected.failures).toEqual([]);
    expect(s.headline.fieldsExact).toBeGreaterThanOrEqual(FLOORS.fieldAccuracy);
    expect(s.headline.tickGroups).toBeGreaterThanOrEqual(FLOORS.tickGroups);
    expect(s.headline.wrongValues).toBeLessThanOrEqual(1);
    for (const f of [
      "conclusion",
      "recommendation",
      "ncItems.clause",
      "ncItems.department",
      "ncItems.severity",
    ]) {
      expect(s.fields[f]?.accuracy ?? 0, f).toBeGreaterThanOrEqual(FLOORS.exact);
    }
  });

  it("hits every planted flag; the previous audit's NCs raise no NC-COUNT-MISMATCH", () => {
    const flags = report.summary.flags;
    expect(report.summary.headline.flagHits).toBe(1);
    expect(flags["CHK-MULTIPLE"]?.tp).toBe(1);
    expect(flags["NC-COUNT-MISMATCH"]).toMatchObject({ tp: 1, fp: 0 });
    expect(report.summary.headline.falseFlagsPerReport).toBeLessThanOrEqual(0.25);
  });
});
