/** A body's own wording of a known form is lexicon data (issue 24): ccic-form prints cqc-form's cells with every
 * label worded otherwise (档案编号, 获证组织, 现场工作日期, 运行考察期, 工商注册日期, team columns 岗位/审核人员/
 * 审核员证件号码 …). Drawn from one model in both wordings, the labelled cells read the same, none of them wrong. */
import { describe, expect, it } from "vitest";
import { buildModel } from "../../fixtures/generator/build-model.ts";
import { familyById } from "../../fixtures/generator/families/index.ts";
import type { AuditType } from "../../fixtures/generator/model.ts";
import { createRng } from "../../fixtures/generator/prng.ts";
import { truthFieldsOf } from "../../fixtures/generator/report.ts";
import { compareFields } from "../../src/eval/fields.ts";
import { parseDocument } from "../../src/parse/index.ts";
import { drawPages } from "../fixtures/draw.ts";
import { layoutPages } from "./helpers/layout.ts";

const TYPES: AuditType[] = ["surveillance", "recertification"];
/** Fields printed in labelled cells whose label the two forms word differently. */
const LABELLED = [
  "reportNumber",
  "organization",
  "reportDate",
  "auditStart",
  "auditEnd",
  "coverageFrom",
  "coverageTo",
  "scope",
  "employees",
  "foundedDate",
  "systemImplementedDate",
  "nextAuditDue",
  "standards",
];

function readAs(familyId: string, seed: number) {
  const m = buildModel(createRng(seed), {
    name: `w-${seed}`,
    index: seed % 50,
    layout: "ccic-form",
    plants: [],
    auditType: TYPES[seed % 2]!,
  });
  const text = drawPages(familyById(familyId), m)
    .map((p) => p.text)
    .join("\n\n\n\n");
  const { report } = parseDocument(layoutPages(text, { splitRows: false }));
  return compareFields(truthFieldsOf(m), report);
}

describe("ccic-form: another body's wording of the CQC form", () => {
  it.each([11, 12, 13, 14, 15, 16])(
    "seed %i: every labelled cell reads as in the CQC wording, none wrong",
    (seed) => {
      const ccic = readAs("ccic-form", seed);
      const cqc = readAs("cqc-form", seed);
      const outcome = (rs: typeof ccic, f: string) => rs.filter((r) => r.field === f).map((r) => r.outcome);
      for (const f of LABELLED) {
        expect(outcome(ccic, f), f).toEqual(outcome(cqc, f));
        expect(outcome(ccic, f), f).not.toContain("wrong");
      }
    },
  );
});
