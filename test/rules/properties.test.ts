import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Report } from "../../src/domain/record.ts";
import { runRules } from "../../src/rules/registry.ts";
import { edit, sectionById } from "./builders.ts";

/** rules.md: "A rule never fires on a field that was not read". Knock out any set of fields of the consistent
 * base record: every flag must be a low note, or REQ-MISSING naming what is absent. */

const SCALARS = [
  "reportNumber",
  "certificationBody",
  "organization",
  "auditType",
  "managementSystems",
  "standards",
  "reportDate",
  "auditStart",
  "auditEnd",
  "auditDays",
  "stage1Start",
  "stage1End",
  "stage1Days",
  "coverageFrom",
  "coverageTo",
  "scope",
  "sites",
  "employees",
  "foundedDate",
  "systemImplementedDate",
  "signatures",
  "ncMajor",
  "ncMinor",
  "rectificationDeadline",
  "nextAuditDue",
  "recommendation",
] as const satisfies readonly (keyof Report)[];

describe("unread fields", () => {
  it("never raise a high or medium finding except REQ-MISSING", () => {
    fc.assert(
      fc.property(fc.subarray([...SCALARS]), fc.boolean(), (gone, noSections) => {
        const record = edit((r) => {
          for (const key of gone) Object.assign(r[key], { value: null, raw: null, page: null, bbox: null });
          if (noSections) r.sections = [];
        });
        const loud = runRules(record).filter((f) => f.severity !== "low" && f.rule !== "REQ-MISSING");
        expect(loud).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("never throw on arbitrary narrative text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const record = edit((r) => {
          sectionById(r, "3.2").text = text;
          sectionById(r, "五").text = text;
        });
        expect(() => runRules(record)).not.toThrow();
        expect(runRules(record).every((f) => !f.message.includes("规则执行出错"))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
