import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Report } from "../../src/domain/record.ts";
import { parseDocument } from "../../src/parse/index.ts";
import { layoutPages, textLayerPages } from "./helpers/layout.ts";
import { SEED_EXPECTATIONS, score } from "./helpers/seed-expectations.ts";

const SEED = readFileSync(
  new URL("../../fixtures/generator/seed/000_8f87e4ff3e04dee7.txt", import.meta.url),
  "utf8",
);

describe("seed report, clean layout", () => {
  const result = parseDocument(layoutPages(SEED));
  const report = result.report!;

  it("is an audit report whose record passes the zod schema", () => {
    expect(result.kind).toBe("audit_report");
    expect(() => Report.parse(report)).not.toThrow();
  });

  for (const e of SEED_EXPECTATIONS) {
    it(`reads ${e.name}`, () => {
      expect(e.actual(report)).toEqual(e.expected);
    });
  }

  it("gives every found field provenance: page, box, raw text, confidence", () => {
    for (const key of [
      "reportNumber",
      "organization",
      "reportDate",
      "auditStart",
      "employees",
      "ncMinor",
    ] as const) {
      const f = report[key];
      expect(f.page, key).not.toBeNull();
      expect(f.bbox, key).not.toBeNull();
      expect(f.raw, key).toBeTruthy();
      expect(f.confidence, key).toBeGreaterThan(0.5);
      expect(f.method).toBe("ocr");
    }
    const leader = report.team[0]!;
    expect(leader.registrationNo.bbox).not.toBeNull();
  });

  it("leaves tick-dependent fields to the checkbox reader (never read from 口/回 glyphs)", () => {
    expect(report.recommendation.value).toBeNull();
    expect(report.evaluations.every((e) => e.result.method === "checkbox" || e.result.value !== null)).toBe(
      true,
    );
  });

  it("derives the audited system from the criteria with lowered confidence", () => {
    expect(report.managementSystems.value).toEqual(["QMS"]);
    expect(report.managementSystems.method).toBe("derived");
    expect(report.managementSystems.confidence).toBeLessThan(0.8);
  });

  it("scores every seed field", () => {
    const s = score(report);
    console.info(
      `seed clean: ${(s.fraction * 100).toFixed(1)}% of ${SEED_EXPECTATIONS.length} fields`,
      s.missed,
    );
    expect(s.missed).toEqual([]);
  });
});

describe("seed report as a text layer (tab-separated rows, no word boxes)", () => {
  it("reads the same fields, marked text-layer", () => {
    const result = parseDocument(textLayerPages(SEED));
    const s = score(result.report!);
    console.info(`seed text-layer: ${(s.fraction * 100).toFixed(1)}%`, s.missed);
    expect(s.missed).toEqual([]);
    expect(result.report!.reportNumber.method).toBe("text-layer");
  });
});

describe("seed report with OCR noise", () => {
  it("reads the seed fields through look-alikes, spacing, full-width digits and a split table row", async () => {
    const { noisySeed } = await import("./helpers/noise.ts");
    const pages = layoutPages(noisySeed(SEED), { wrap: 38, splitRows: true, confidence: 0.82 });
    const result = parseDocument(pages);
    expect(result.kind).toBe("audit_report");
    expect(() => Report.parse(result.report)).not.toThrow();
    const s = score(result.report!);
    console.info(
      `seed noisy: ${(s.fraction * 100).toFixed(1)}% of ${SEED_EXPECTATIONS.length} fields`,
      s.missed,
    );
    expect(s.missed).toEqual([]);
  });
});
