import { describe, expect, it } from "vitest";
import { buildModel } from "../../fixtures/generator/build-model.ts";
import { familyById } from "../../fixtures/generator/families/index.ts";
import type { ReportModel } from "../../fixtures/generator/model.ts";
import { createRng } from "../../fixtures/generator/prng.ts";
import type { Block } from "../../fixtures/generator/render.ts";
import { truthFieldsOf } from "../../fixtures/generator/report.ts";
import { markPicker, planScan } from "../../fixtures/generator/scan-plan.ts";
import type { OcrPage } from "../../src/domain/ocr.ts";
import { compareFields } from "../../src/eval/fields.ts";
import { parseDocument } from "../../src/parse/index.ts";
import { layoutPages } from "../parse/helpers/layout.ts";
import { gridPage, type TableBlock } from "./helpers/grid-page.ts";

function model(family: string, seed: number): ReportModel {
  return buildModel(createRng(seed), { name: `cells-${seed}`, index: seed % 50, layout: family, plants: [] });
}

function blocksOf(family: string, m: ReportModel): Block[] {
  const rng = createRng(m.renderSeed);
  const scan = planScan(rng.fork("scan"), 4);
  return familyById(family).blocks(m, rng.fork("text"), markPicker(rng.fork("marks"), scan));
}

const tableTagged = (blocks: readonly Block[], tag: string): TableBlock | undefined =>
  blocks.find((b): b is TableBlock => b.kind === "table" && (b.tags ?? []).includes(tag));

/** The first seed whose model has a member with two registration numbers or two codes, and at least two NCs. */
function modelWithDoubleCells(family: string): ReportModel {
  for (let seed = 1; seed < 400; seed++) {
    const m = model(family, seed);
    if (m.team.some((p) => p.regs.length > 1 || p.codes.length > 1) && m.ncs.length >= 2) return m;
  }
  throw new Error(`no model of ${family} with a double cell`);
}

// A cover the classifier takes for an audit report; the tables follow on their own pages.
const COVER = "管理体系审核报告\n审核组长：见审核组\n审核目的：评价管理体系与审核准则的符合性。";

function documentOf(m: ReportModel, family: string): OcrPage[] {
  const blocks = blocksOf(family, m);
  const pages = layoutPages(COVER);
  const team = tableTagged(blocks, "team");
  const nc = tableTagged(blocks, "ncItems");
  if (team) pages.push(gridPage(team, pages.length + 1).page);
  if (nc) pages.push(gridPage(nc, pages.length + 1).page);
  return pages;
}

const wrongOrMissing = (pages: OcrPage[], m: ReportModel, prefix: string, unprinted: string[] = []) =>
  compareFields(truthFieldsOf(m), parseDocument(pages).report)
    .filter((r) => r.field.startsWith(prefix) && !unprinted.includes(r.field) && r.outcome !== "correct")
    .map((r) => `${r.field}: ${JSON.stringify(r.expected)} read ${JSON.stringify(r.actual)}`);

describe("field readers read the layout's ruled tables", () => {
  // cqc-form and cqm-multi print members with two numbers one per line, vertically centred beside the one-line
  // cells; sgs-bilingual heads its columns with a Chinese word over an English one.
  for (const family of ["cqc-form", "cqm-multi", "sgs-bilingual"]) {
    it(`reads every member of a ${family} team table, both numbers and codes of a double cell`, () => {
      const m = modelWithDoubleCells(family);
      const pages = documentOf(m, family);
      expect(pages.some((p) => (p.layout?.tables.length ?? 0) > 0)).toBe(true);
      // sgs-bilingual prints no grade column (Auditor 审核员 is the role, whatever the grade).
      const unprinted = family === "sgs-bilingual" ? ["team.grade"] : [];
      expect(wrongOrMissing(pages, m, "team.", unprinted)).toEqual([]);
    });
  }

  // NC tables: wrapped descriptions over several lines, the short cells centred beside them.
  for (const family of ["cqm-multi", "sgs-bilingual", "caq-prose"]) {
    it(`reads every row of a ${family} NC table whole`, () => {
      const m = modelWithDoubleCells(family);
      const pages = documentOf(m, family);
      expect(wrongOrMissing(pages, m, "ncItems.")).toEqual([]);
      const report = parseDocument(pages).report;
      expect(report?.ncItems).toHaveLength(m.ncs.length);
    });
  }
});
