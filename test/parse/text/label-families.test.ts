import { describe, expect, it } from "vitest";
import { readDates } from "../../../src/parse/fields/dates.ts";
import { roleOf } from "../../../src/parse/fields/team-words.ts";
import { findLabels } from "../../../src/parse/text/labels.ts";
import { buildLines } from "../../../src/parse/text/lines.ts";
import { layoutPages } from "../helpers/layout.ts";

const linesOf = (text: string) => buildLines(layoutPages(text));

describe("label families from the lexicon", () => {
  it("never takes the last audit's date for the next audit's (上次 for 下次 is no OCR error)", () => {
    const d = readDates(linesOf("上次审核日期：2023年5月6日\n审核日期：2024年5月8日至2024年5月9日"));
    expect(d.nextAuditDue.value).toBeNull();
    expect(d.auditStart.value).toBe("2024-05-08");
  });

  it("never takes 本次审核 for 下次审核", () => {
    const d = readDates(linesOf("本次审核：2024年5月8日\n审核类型：监督审核"));
    expect(d.nextAuditDue.value).toBeNull();
  });

  it("still forgives an OCR error outside the words that tell families apart", () => {
    const d = readDates(linesOf("上次审核日期：2023年5月6日\n下次审核日朗：2025年4月30日"));
    expect(d.nextAuditDue.value).toBe("2025-04-30");
  });

  it("leaves a longer label of another family to that family (上次审核日期 holds 审核日期)", () => {
    const lines = linesOf("上次审核日期：2023年5月6日\n现场审核日期：2024年5月8日");
    expect(findLabels(lines, "auditDates").map((h) => h.line.index)).toEqual([1]);
    expect(findLabels(lines, "previousAudit").map((h) => h.line.index)).toEqual([0]);
  });

  it("reads a coverage period worded around its dates, by the lexicon's range fillers", () => {
    const d = readDates(
      linesOf(
        "审核覆盖期间：自上次审核结束（2023年5月6日）至本次审核结束（2024年5月9日）\n审核类型：监督审核",
      ),
    );
    expect(d.coverageFrom.value).toBe("2023-05-06");
    expect(d.coverageTo.value).toBe("2024-05-09");
  });
});

describe("team role words from the lexicon", () => {
  it("reads an English leader's title as the leader, not as a member for its word auditor", () => {
    expect(roleOf("Lead Auditor")).toBe("leader");
    expect(roleOf("审核组长 Team Leader")).toBe("leader");
    expect(roleOf("副组长")).toBe("member");
    expect(roleOf("Auditor")).toBe("member");
  });
});
