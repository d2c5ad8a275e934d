/** Issue 24: forms printed English first (foreign bodies' China arms). Input is the generator's own page text of
 * the open family tuv-stacked (labels "Audit Date(s) / 审核日期", English options, English date orders), laid out as
 * OCR pages; expectations come from the generator's truth, never from the parser. */
import { describe, expect, it } from "vitest";
import { buildModel } from "../../fixtures/generator/build-model.ts";
import { formatDate } from "../../fixtures/generator/dates.ts";
import { createRng } from "../../fixtures/generator/prng.ts";
import { generateReport } from "../../fixtures/generator/report.ts";
import { type Report, Report as ReportSchema } from "../../src/domain/record.ts";
import { parseDocument } from "../../src/parse/index.ts";
import { findDateRange, findDates } from "../../src/parse/normalize/dates.ts";
import { layoutPages } from "./helpers/layout.ts";
import { reportOf } from "./helpers/report.ts";

/** A line of short space-separated segments is a table row (as eval-fixtures reads truth text). */
function asRow(line: string): string {
  const parts = line.split(/[ \u3000]+/).filter((p) => p !== "");
  const row = parts.length >= 2 && parts.every((p) => p.length <= 48 && !/[，。]/.test(p));
  return row ? parts.join("\t") : line;
}

describe("English dates (month names from the lexicon)", () => {
  it("reads every English order the generator prints, as the ISO date it printed", () => {
    for (const iso of ["2024-03-06", "2023-11-29", "2025-09-30", "2024-05-01"])
      for (const style of ["en-dmy", "en-dmy-long", "en-mdy", "dot"] as const) {
        const printed = formatDate(iso, style);
        expect(
          findDates(printed).map((d) => d.iso),
          printed,
        ).toEqual([iso]);
        // OCR drops the spaces: 06Mar2024, Mar6,2024.
        expect(
          findDates(printed.replace(/ /g, "")).map((d) => d.iso),
          printed,
        ).toEqual([iso]);
      }
  });

  it("reads English ranges with to, a dash or a tilde, and their half days", () => {
    const r = findDateRange("12 March 2024 AM to 14 March 2024 PM");
    expect([r?.from.iso, r?.to.iso, r?.from.half, r?.to.half]).toEqual([
      "2024-03-12",
      "2024-03-14",
      "am",
      "pm",
    ]);
    expect(findDateRange("Feb 12, 2024 – Feb 13, 2024")?.to.iso).toBe("2024-02-13");
    expect(findDateRange("29Nov2023~12Jul2024")?.to.iso).toBe("2024-07-12");
  });

  it("takes no month word inside another word, and no month without a day", () => {
    expect(findDates("Mayor 2024")).toEqual([]);
    expect(findDates("May 2024")).toEqual([]);
    expect(findDates("Decision 12, 2024")).toEqual([]);
  });
});

describe("tuv-stacked: English labels first, Chinese after a slash, a space or under them", () => {
  const DATE_FIELDS = [
    "reportDate",
    "auditStart",
    "auditEnd",
    "coverageFrom",
    "coverageTo",
    "foundedDate",
    "systemImplementedDate",
    "rectificationDeadline",
    "nextAuditDue",
  ] as const;

  it("reads the dates, sites and NC forms the generator printed", async () => {
    let dates = 0;
    let datesRight = 0;
    for (const seed of [11, 12, 13, 14]) {
      const m = buildModel(createRng(seed), {
        name: `en-${seed}`,
        index: seed,
        layout: "tuv-stacked",
        plants: [],
      });
      const { truth } = await generateReport(m);
      const text = truth.pages.map((p) => p.text.split("\n").map(asRow).join("\n")).join("\n\n\n\n");
      // A wide page: the form's rows are long, and the layout helper would wrap them mid-date.
      const parsed = parseDocument(layoutPages(text, { wrap: 140 }));
      expect(parsed.kind).toBe("audit_report");
      const r: Report = ReportSchema.parse(parsed.report);
      const want = truth.fields as unknown as Record<string, unknown>;
      for (const k of DATE_FIELDS) {
        if (want[k] === undefined || want[k] === null) continue;
        dates++;
        const got = r[k].value;
        // Null over wrong: a date read is the printed one.
        if (got !== null) expect(got, `${seed} ${k}`).toBe(want[k]);
        if (got === want[k]) datesRight++;
      }
      expect(r.sites.value, `${seed} sites`).toEqual(want.sites);
      // A stacked twin (推荐认证范围 alone under "Scope Recommended …") takes no value from the row below it.
      for (const st of r.scopeStatements)
        expect(st.value ?? "", `${seed} scope`).not.toMatch(/^Recommended/i);
      // "4. Nonconformities 不符合项" is a part of the form: the findings' last section (2.6) ends before it.
      const last = r.sections.find((x) => x.id === "2.6");
      expect(last?.text ?? "", `${seed} 2.6`).not.toMatch(/下次审核日期|纠正措施期限/);
      const ncs = (want.ncItems as { clause: string }[] | undefined) ?? [];
      expect(
        r.ncItems.map((n) => n.clause.value),
        `${seed} NC clauses`,
      ).toEqual(ncs.map((n) => n.clause));
    }
    // Before issue 24 none of these English dates was read (no month names). The text layout splits a stacked
    // label's Chinese onto a row of its own, which leaves some dates unread here; the OCR replay measures the rest.
    expect(datesRight / dates).toBeGreaterThanOrEqual(0.45);
  }, 60_000);

  it("keeps a stacked English label's value off the next row (sgs-bilingual: the English under the Chinese)", async () => {
    for (const seed of [21, 22, 23]) {
      const m = buildModel(createRng(seed), {
        name: `sgs-${seed}`,
        index: seed,
        layout: "sgs-bilingual",
        plants: [],
      });
      const { truth } = await generateReport(m);
      const text = truth.pages.map((p) => p.text.split("\n").map(asRow).join("\n")).join("\n\n\n\n");
      const r = reportOf(text);
      // "Scope of certification" alone on its line; the row below opens with 注册地址, another label's.
      for (const s of r.scopeStatements) expect(s.value ?? "", `${seed}`).not.toMatch(/^注册地址|^经营地址/);
      expect(r.sites.value, `${seed} sites`).toEqual(
        (truth.fields as unknown as Record<string, unknown>).sites,
      );
    }
  }, 60_000);
});
