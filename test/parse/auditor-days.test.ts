import { describe, expect, it } from "vitest";
import { readAuditorDays } from "../../src/parse/fields/auditor-days.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

const read = (text: string) => readAuditorDays(buildLines(layoutPages(text)));

describe("printed auditor-days", () => {
  it("reads a labelled figure and a sentence with the unit", () => {
    expect(read("审核人日：4.5").value).toBe(4.5);
    expect(read("1.5 审核组：组长张明，组员李华。现场审核共计6人日。").value).toBe(6);
  });
  it("takes the total row of a per-system table over its parts", () => {
    const f = read(
      "认证体系 审核依据 审核人日\nQMS GB/T19001-2016 3人日\nEMS GB/T24001-2016 2人日\n合计 结合审核 5人日",
    );
    expect(f.value).toBe(5);
    expect(f.page).toBe(1);
    expect(f.bbox).not.toBeNull();
  });
  it("leaves per-system figures without a total unread, keeping their text", () => {
    const f = read("QMS 3人日\nEMS 2人日");
    expect(f.value).toBeNull();
    expect(f.raw).toContain("3人日");
  });
  it("is absent when the report prints none", () => {
    const f = read("审核时间：2024年05月06日至2024年05月07日\n员工人数：86人");
    expect(f.value).toBeNull();
    expect(f.raw).toBeNull();
  });
});
