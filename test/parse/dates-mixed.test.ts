/** Dates read among dates of other kinds (issue 26; src/parse/fields/dates-mixed.ts): a sentence naming the founding
 * date, the system's start, the certificate, the previous audit, this audit and the next keeps its readings, each at
 * reduced confidence; a sentence or a form cell that states one kind of date keeps its confidence. Elided ranges as
 * other bodies print them (docs/families-dates.md). */
import { describe, expect, it } from "vitest";
import { readDates } from "../../src/parse/fields/dates.ts";
import { amongOtherDates, MIXED_DATE_FACTOR } from "../../src/parse/fields/dates-mixed.ts";
import { findDateRange, rangeDays } from "../../src/parse/normalize/dates.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

const MIXED =
  "天津宏达餐饮管理有限公司成立于2012年12月16日，自2020年8月16日起建立并运行质量管理体系，于2021年6月13日取得认证证书，" +
  "上次审核于2023年7月17日结束，本次监督审核于2024年5月16日上午至17日下午实施，下次监督审核计划于2025年5月进行。";

const read = (text: string) => readDates(buildLines(layoutPages(text)));

describe("dates among dates of other kinds", () => {
  it("knows a sentence that names other kinds of dates from one that states its own", () => {
    const at = MIXED.indexOf("2012");
    expect(amongOtherDates(MIXED, [[at, at + 11]], "founded")).toBe(true);
    const cover = "本次审核覆盖自上次审核末次会议（2023年7月17日）起至本次审核末次会议（2024年5月17日）止。";
    const [a, b] = [cover.indexOf("2023"), cover.lastIndexOf("日）") + 1];
    expect(amongOtherDates(cover, [[a, b]], "coverage")).toBe(false);
  });

  it("keeps the values of a mixed sentence at reduced confidence, below the rules' threshold", () => {
    const d = read(`一、受审核方概况\n${MIXED}`);
    expect(d.foundedDate.value).toBe("2012-12-16");
    expect(d.systemImplementedDate.value).toBe("2020-08-16");
    expect(d.foundedDate.confidence).toBeLessThan(0.5);
    expect(d.systemImplementedDate.confidence).toBeLessThan(0.5);
    expect(MIXED_DATE_FACTOR).toBeLessThan(0.5);
  });

  it("leaves a sentence and form cells that state one kind of date at full confidence", () => {
    const d = read(
      "二、受审核方基本情况\n组织成立于2012年12月16日，注册地址：天津市滨海新区黄海路163号。\n组织于2020年8月16日起按标准运行管理体系。",
    );
    expect(d.foundedDate).toMatchObject({ value: "2012-12-16" });
    expect(d.systemImplementedDate).toMatchObject({ value: "2020-08-16" });
    expect(d.foundedDate.confidence).toBeGreaterThanOrEqual(0.5);
    expect(d.systemImplementedDate.confidence).toBeGreaterThanOrEqual(0.5);
    const cells = read(
      "现场审核日期 2024年5月16日至17日 审核人日数 4人日\n下次监督审核截止日期 2025.05.16之前 报告签发日期 2024.05.17",
    );
    expect(cells.nextAuditDue).toMatchObject({ value: "2025-05-16" });
    expect(cells.reportDate).toMatchObject({ value: "2024-05-17" });
    expect(cells.nextAuditDue.confidence).toBeGreaterThanOrEqual(0.5);
    expect(cells.reportDate.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it("lets a label read inside a sentence about another date yield to the sentence that binds its own", () => {
    const d = read(
      "一、受审核方概况\n组织自2020年8月16日起建立并运行质量管理体系。\n本次审核所覆盖的体系运行时段起于2023年7月17日，止于2024年5月17日。",
    );
    expect(d.systemImplementedDate.value).toBe("2020-08-16");
  });
});

describe("elided ranges", () => {
  it("keeps the half day of a dotted range's end (2024.5.6上午-5.8上午 is 2.5 days)", () => {
    const r = findDateRange("2024.5.6上午-5.8上午");
    expect([r?.from.iso, r?.to.iso, r && rangeDays(r)]).toEqual(["2024-05-06", "2024-05-08", 2.5]);
    const plain = findDateRange("2024.5.6-5.8");
    expect(plain && rangeDays(plain)).toBe(3);
  });
});

describe("a period whose end lost its day beside another label's date (issue #26, wsc-plan cover row)", () => {
  // wsc-plan prints 审核覆盖期 <from>至<to> and 下次审核 <date>前 on one row (fixtures/generator/families/wsc-plan.ts);
  // OCR cut the period's day (28日) off, leaving the next audit's date the only full date after 至.
  it("does not take the next audit's date for the period's end with confidence", () => {
    const d = read("一、概况\n审核覆盖期 2023年10月24日至2024年05月 下次审核 2025年05月28日前");
    expect(d.coverageTo.value === null || d.coverageTo.confidence < 0.5).toBe(true);
  });
  it("still reads the whole row's period", () => {
    const d = read("一、概况\n审核覆盖期 2023年10月24日至2024年05月28日 下次审核 2025年05月28日前");
    expect(d.coverageTo.value).toBe("2024-05-28");
    expect(d.coverageTo.confidence).toBeGreaterThanOrEqual(0.5);
  });
});
