import { describe, expect, it } from "vitest";
import { clauseOfCell } from "../../src/parse/fields/nc-clause.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

/** Lines of a report whose findings cite 7.1.5, 9.2 and 6.2.2 in their own words. */
const lines = buildLines(
  layoutPages(`现场发现：综合部监视和测量资源未按期校准，不符合标准7.1.5条款要求，开具一般不符合项。
现场发现：综合部内审未覆盖全部部门，不符合标准9.2条款要求，开具一般不符合项。
现场发现：综合部质量目标未明确考核方法，不符合标准6.2.2条款要求。`),
);

describe("an NC table's clause cell", () => {
  it("reads a clean clause, and the first of several after a separator", () => {
    expect(clauseOfCell("7.1.5", lines)).toEqual({ value: "7.1.5", quality: 1 });
    expect(clauseOfCell("7.1.5/8.2.1", lines).value).toBe("7.1.5");
    expect(clauseOfCell("7.1.5、8.2", lines).value).toBe("7.1.5");
    expect(clauseOfCell("8.5.1(a)2", lines).value).toBe("8.5.1");
    expect(clauseOfCell("9.2条款", lines).value).toBe("9.2");
    expect(clauseOfCell("8.5.1 a)", lines).value).toBe("8.5.1");
  });

  it("takes the cited clause that fits a cell OCR garbled inside, never its first digits alone", () => {
    // Read from a scan as 7本.5 (report-002 and -005 of a fresh fixture round).
    expect(clauseOfCell("7本.5", lines)).toEqual({ value: "7.1.5", quality: 0.8 });
    expect(clauseOfCell("7.?.5", lines)).toEqual({ value: "7.1.5", quality: 0.8 });
    expect(clauseOfCell("7本.5条款", lines).value).toBe("7.1.5");
    // No digit after the garbling (7寺每), or a chapter no standard has (93.2 for 9.1.2).
    expect(clauseOfCell("7寺每", lines)).toEqual({ value: "7.1.5", quality: 0.8 });
    const nine = buildLines(layoutPages("不符合标准9.1.2条款。\n不符合标准9.2条款。"));
    expect(clauseOfCell("93.2", nine)).toEqual({ value: "9.1.2", quality: 0.8 });
    expect(clauseOfCell("93.2", lines)).toEqual({ value: null, quality: 1 });
    // Nothing cited fits, or more than one does: unread.
    expect(clauseOfCell("8本.3", lines)).toEqual({ value: null, quality: 1 });
    const both = buildLines(layoutPages("不符合标准7.1.5条款。\n不符合标准7.2.5条款。"));
    expect(clauseOfCell("7本.5", both).value).toBeNull();
  });
});
