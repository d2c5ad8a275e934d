import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/parse/index.ts";
import { layoutPages } from "./helpers/layout.ts";

function datesOf(body: string) {
  const report = parseDocument(
    layoutPages(
      `管理体系审核报告\n受审核组织：成都恒达精密机械有限公司\n${body}\n审核组长：王建国\n组织现有员工 86 人。`,
    ),
  ).report;
  return { start: report?.auditStart.value ?? null, coverageFrom: report?.coverageFrom.value ?? null };
}

describe("an audit-date label whose own cell was not read", () => {
  it("takes no date from the next line, which opens with another label's phrase", () => {
    const r = datesOf(
      "上次审核结束日期 2024-03-11 本次审核日期\n自上次审核结束（2024-03-11）\n至本次审核结束（2025-03-10） 审核人日 3",
    );
    expect(r.start).toBeNull();
  });

  it("still reads its value on the next line when that line opens with no label", () => {
    expect(datesOf("本次审核日期：\n2025年3月10日至2025年3月11日").start).toBe("2025-03-10");
  });
});
