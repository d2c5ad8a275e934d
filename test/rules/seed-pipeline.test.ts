import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { AuditRecord, CheckboxGroup, Report } from "../../src/domain/record.ts";
import { parseDocument } from "../../src/parse/index.ts";
import { isUncheckedFlag, runRules } from "../../src/rules/registry.ts";
import { layoutPages } from "../parse/helpers/layout.ts";
import { noisySeed } from "../parse/helpers/noise.ts";
import { baseRecord } from "./builders.ts";

/** The seed through the real parser (synthetic layout, clean and OCR-damaged), then the rules: guards the
 * contract between what the parser writes (nested sections, raw texts) and what the rules read. The layout
 * has no pixels, so the tick boxes the checkbox reader would give are added as the seed prints them. */

const SEED_URL = new URL("../../fixtures/generator/seed/000_8f87e4ff3e04dee7.txt", import.meta.url);

const TICKS: [string, string[], string][] = [
  ["审核准则的要求", ["符合", "基本符合", "不符合"], "符合"],
  ["适用要求", ["满足", "基本满足", "不满足"], "满足"],
  ["实现预期结果的能力", ["满足", "基本满足", "不满足"], "满足"],
  ["内部审核和管理评审过程", ["有效", "基本有效", "无效"], "基本有效"],
  ["审核目的", ["达到", "基本达到", "未达到"], "达到"],
  ["体系运行", ["有效", "基本有效", "无效"], "基本有效"],
];

function withTicks(report: Report): Report {
  const groups: CheckboxGroup[] = TICKS.map(([label, options, ticked]) => ({
    id: `conclusion.${label}`,
    label,
    options: options.map((o, i) => ({
      label: o,
      state: o === ticked ? "checked" : "unchecked",
      confidence: 0.9,
      page: 17,
      bbox: [600 + 300 * i, 400, 640 + 300 * i, 440],
    })),
  }));
  return {
    ...report,
    checkboxGroups: groups,
    conclusion: Object.fromEntries(TICKS.map(([l, , t]) => [l, t])),
    recommendation: { ...report.recommendation, value: "recommend_after_correction", confidence: 0.9 },
  };
}

function record(report: Report): AuditRecord {
  return { ...baseRecord(), report };
}

const MUST = [
  "DATE-STAGE-ORDER",
  "TIME-LOW",
  "SCOPE-FOREIGN-TEXT",
  "DATE-NARRATIVE",
  "CHK-VS-NARRATIVE",
  "CHK-CRITERIA-WITH-NC",
];

describe.skipIf(!existsSync(SEED_URL))("seed report through the parser", () => {
  const seed = existsSync(SEED_URL) ? readFileSync(SEED_URL, "utf8") : "";
  describe.each([
    ["clean", seed],
    ["OCR-damaged", noisySeed(seed)],
  ])("%s", (_name, text) => {
    const parsed = parseDocument(layoutPages(text)).report;
    it("parses", () => expect(parsed).not.toBeNull());
    if (!parsed) return;
    const flags = runRules(record(withTicks(parsed)));
    const real = flags.filter((f) => !isUncheckedFlag(f));

    it("raises what rules.md lists for the seed, and no other high or medium", () => {
      expect([...new Set(real.map((f) => f.rule))].sort()).toEqual(expect.arrayContaining([...MUST].sort()));
      expect(flags.filter((f) => f.severity !== "low" && !MUST.includes(f.rule))).toEqual([]);
    });

    it("gives evidence with page and box for every finding", () => {
      for (const f of real) {
        expect(f.evidence.length, f.rule).toBeGreaterThan(0);
        expect(
          f.evidence.some((e) => e.page !== null && e.bbox !== null),
          f.rule,
        ).toBe(true);
      }
    });

    it("without tick boxes read, notes the CHK rules it could not check instead of guessing", () => {
      const bare = runRules(record(parsed));
      const chk = bare.filter((f) => f.rule === "CHK-VS-NARRATIVE" || f.rule === "CHK-CRITERIA-WITH-NC");
      expect(chk.every((f) => f.severity === "low" && isUncheckedFlag(f))).toBe(true);
    });
  });
});
