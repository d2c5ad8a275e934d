/** The audit's dates are never another event's: the organisation's own internal audit and management review
 * (lexicon PROSE_AUDIT_DATES.notThisAudit). */
import { describe, expect, it } from "vitest";
import { PROSE_AUDIT_DATES } from "../../src/lexicon/prose.ts";
import { readDates } from "../../src/parse/fields/dates.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

const read = (text: string) => readDates(buildLines(layoutPages(text)));

describe("dates of other events are not the audit's", () => {
  it("reads no audit dates from a sentence about the organisation's internal audit and management review", () => {
    for (const event of ["内部审核", "管理评审"]) {
      expect(PROSE_AUDIT_DATES.notThisAudit).toContain(event);
      const d = read(`组织于2022年10月09日实施了${event}，于2023年09月03日完成了整改。`);
      expect(d.auditStart.value).toBeNull();
      expect(d.auditEnd.value).toBeNull();
    }
  });

  it("still takes a sentence's range that opens on the label's day", () => {
    const d = read(
      "现场审核时间：2025年01月08日上午至\n审核组于2025年01月08日至2025年01月09日进行了现场审核。",
    );
    expect(d.auditStart.value).toBe("2025-01-08");
    expect(d.auditEnd.value).toBe("2025-01-09");
  });
});
