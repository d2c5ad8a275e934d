/** The audit's dates are never another event's: a range whose clauses name the organisation's own internal audit or
 * management review (lexicon PROSE_AUDIT_DATES.otherEvents) is that event's; a sentence about this audit may name
 * them as what was audited. */
import { describe, expect, it } from "vitest";
import { PROSE_AUDIT_DATES } from "../../src/lexicon/prose.ts";
import { readDates } from "../../src/parse/fields/dates.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

const read = (text: string) => readDates(buildLines(layoutPages(text)));

describe("dates of other events are not the audit's", () => {
  it("reads no audit dates from a sentence about the organisation's internal audit and management review", () => {
    for (const event of ["内部审核", "管理评审"]) {
      expect(PROSE_AUDIT_DATES.otherEvents).toContain(event);
      const d = read(`组织于2022年10月09日实施了${event}，于2023年09月03日完成了整改。`);
      expect(d.auditStart.value).toBeNull();
      expect(d.auditEnd.value).toBeNull();
    }
  });

  it("reads this audit's range from a sentence that names internal audits as what was audited", () => {
    const d = read("审核组于2024年05月16日至2024年05月17日进行了现场审核，查阅了内部审核和管理评审记录。");
    expect(d.auditStart.value).toBe("2024-05-16");
    expect(d.auditEnd.value).toBe("2024-05-17");
  });

  it("still takes a sentence's range that opens on the label's day", () => {
    const d = read(
      "现场审核时间：2025年01月08日上午至\n审核组于2025年01月08日至2025年01月09日进行了现场审核。",
    );
    expect(d.auditStart.value).toBe("2025-01-08");
    expect(d.auditEnd.value).toBe("2025-01-09");
  });
});
