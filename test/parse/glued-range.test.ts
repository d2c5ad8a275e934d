import { describe, expect, it } from "vitest";
import { readDates } from "../../src/parse/fields/dates.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

const audit = (value: string) => {
  const d = readDates(buildLines(layoutPages(`现场审核日期：${value}`)));
  return [d.auditStart.value, d.auditEnd.value, d.auditDays.value];
};

describe("a range whose dash OCR dropped, under a range label", () => {
  it("reads the two dates glued together as the range", () => {
    expect(audit("2025.4.14上午4.14下午")).toEqual(["2025-04-14", "2025-04-14", 1]);
    expect(audit("2024年5月16日上午16日下午")).toEqual(["2024-05-16", "2024-05-16", 1]);
    expect(audit("2025.2.24上午2.26上午")).toEqual(["2025-02-24", "2025-02-26", 2.5]);
    expect(audit("2024.05.162024.05.17")).toEqual(["2024-05-16", "2024-05-17", 2]);
    expect(audit("2024-05-16 2024-05-17")).toEqual(["2024-05-16", "2024-05-17", 2]);
  });
  it("keeps a one-day audit one day, and digits that are no date piece are not glued", () => {
    expect(audit("2024年5月16日")).toEqual(["2024-05-16", "2024-05-16", 1]);
    expect(audit("2024年5月16日（共1天）")).toEqual(["2024-05-16", "2024-05-16", 1]);
  });
  it("leaves the audit dates unread where the glued dates make no range (null over a one-day reading)", () => {
    expect(audit("2025年4月14日4月12日")).toEqual([null, null, null]);
  });
});
