/** The wording around an organisation's facts is lexicon data (src/lexicon/organization.ts): each kind the
 * lexicon lists is read — a name's ending, a headcount's subject, unit and total, a body's imprint — and a word
 * it does not list is not. */
import { describe, expect, it } from "vitest";
import { HEADCOUNT_WORDS } from "../../src/lexicon/organization.ts";
import { readCertificationBody, readOrganization } from "../../src/parse/fields/header.ts";
import { readOrganizationFields } from "../../src/parse/fields/organization.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { findSections } from "../../src/parse/text/sections.ts";
import { layoutPages } from "./helpers/layout.ts";

const linesOf = (text: string) => buildLines(layoutPages(text));
const employees = (text: string) => {
  const lines = linesOf(text);
  return readOrganizationFields(lines, findSections(lines)).employees.value;
};

describe("an organisation's name", () => {
  it("is more surely a name when it ends in a listed ending, Latin ones with or without their stops", () => {
    const named = readOrganization(
      linesOf("受审核方：Shenzhen Ruida Plastics Co Ltd\n审核范围：塑料制品的生产"),
    );
    const unnamed = readOrganization(
      linesOf("受审核方：Shenzhen Ruida Plastics Works\n审核范围：塑料制品的生产"),
    );
    expect(named.value).toBe("Shenzhen Ruida Plastics Co Ltd");
    expect(unnamed.value).toBe("Shenzhen Ruida Plastics Works");
    expect(named.confidence).toBeGreaterThan(unnamed.confidence);
  });
  it("takes a body's imprint at a form's foot as the body", () => {
    const body = readCertificationBody(linesOf("审核范围：塑料制品的生产\n华夏认证中心有限公司 编制"));
    expect(body.value).toBe("华夏认证中心有限公司");
  });
});

describe("headcounts", () => {
  it("reads each listed subject with each listed unit", () => {
    for (const subject of HEADCOUNT_WORDS.subjects)
      for (const unit of HEADCOUNT_WORDS.units)
        expect(employees(`公司现有${subject}共86${unit}。`), `${subject}…${unit}`).toBe(86);
  });
  it("takes the total printed after the parts", () => {
    for (const total of HEADCOUNT_WORDS.totals)
      expect(employees(`生产人员80人，管理人员20人，${total}100人。`), total).toBe(100);
  });
  it("reads no headcount of a subject the lexicon does not list", () => {
    expect(employees("公司现有车辆共86台。")).toBeNull();
  });
});
