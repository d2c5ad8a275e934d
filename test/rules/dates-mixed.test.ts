/** Date rules fed a date read among dates of other kinds (issue 26): the parser keeps the value at reduced confidence
 * (src/parse/fields/dates-mixed.ts) and the rule says "could not check" at low severity instead of a high or medium
 * finding; the same date stated on its own still carries the finding. */
import { describe, expect, it } from "vitest";
import { readDates } from "../../src/parse/fields/dates.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "../parse/helpers/layout.ts";
import { edit, flagsOf } from "./builders.ts";

/** A record whose system start is what the parser reads from `text`, with a coverage period starting before it. */
function coverageFlags(text: string) {
  const implemented = readDates(buildLines(layoutPages(text))).systemImplementedDate;
  expect(implemented.value).toBe("2023-09-01");
  return flagsOf(
    edit((x) => {
      x.systemImplementedDate = implemented;
      x.coverageFrom = { ...x.coverageFrom, value: "2023-06-01", raw: "2023年6月1日", confidence: 0.95 };
    }),
    "DATE-COVERAGE",
  );
}

describe("date rules on dates read among dates of other kinds", () => {
  it("say could-not-check when the compared date came from a sentence naming other kinds of dates", () => {
    const fl = coverageFlags(
      "一、受审核方概况\n组织成立于2019年3月2日，自2023年9月1日起建立并运行质量管理体系，上次审核于2023年11月7日结束，" +
        "本次监督审核于2024年5月6日至8日实施。",
    );
    expect(fl.map((f) => [f.severity, f.status])).toEqual([["low", "unchecked"]]);
  });

  it("still find the contradiction when the sentence states that date alone", () => {
    const fl = coverageFlags("二、受审核方基本情况\n组织于2023年9月1日起按标准运行管理体系。");
    expect(fl.some((f) => f.status === "finding" && f.severity !== "low")).toBe(true);
  });
});
