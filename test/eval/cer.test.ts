import { describe, expect, it } from "vitest";
import { characterErrorRate, unorderedErrorRate } from "../../src/eval/cer.ts";

const PAGE = "审核组长：孙丽华\n审核员：周强\n审核日期：2024年10月8日至10日";
const PERMUTED = "审核日期：2024年10月8日至10日\n审核组长：孙丽华\n审核员：周强";

describe("order-independent CER beside the ordered one", () => {
  it("a page whose lines were read in another order: 0 in any order, > 0 in reading order", () => {
    expect(unorderedErrorRate(PAGE, PERMUTED).value).toBe(0);
    expect(characterErrorRate(PAGE, PERMUTED).value).toBeGreaterThan(0);
  });

  it("a substitution is one edit, a missing or extra character one edit, as in the ordered CER", () => {
    const misread = PAGE.replace("：孙", ";孙");
    expect(unorderedErrorRate(PAGE, misread).edits).toBe(1);
    expect(characterErrorRate(PAGE, misread).edits).toBe(1);
    expect(unorderedErrorRate(PAGE, PAGE.replace("周", "")).edits).toBe(1);
    expect(unorderedErrorRate(PAGE, `${PAGE}口`).edits).toBe(1);
    // Two readings for one printed character: one substitution and one insertion.
    expect(unorderedErrorRate("日", "曰一").edits).toBe(2);
  });

  it("is never above the ordered CER", () => {
    for (const hyp of [PERMUTED, PAGE.slice(5), `${PERMUTED}审核`, "完全不同的文字", ""]) {
      expect(unorderedErrorRate(PAGE, hyp).edits).toBeLessThanOrEqual(characterErrorRate(PAGE, hyp).edits);
    }
  });

  it("pairs pages by form feed: a line moved to another page counts; pages out of step fall back to one bag", () => {
    const two = "第一页文字\f第二页文字";
    expect(unorderedErrorRate(two, "文字第一页\f文字第二页").value).toBe(0);
    // 文字 left out of page 1 (2) and read again on page 2 (2).
    expect(unorderedErrorRate(two, "第一页\f文字第二页文字").edits).toBe(4);
    expect(unorderedErrorRate(two, "第二页文字第一页文字").value).toBe(0);
  });

  it("ignores whitespace and width as the ordered CER does; an empty truth with text read is all wrong", () => {
    expect(unorderedErrorRate("审核 日期：", "审核日期:").value).toBe(0);
    expect(unorderedErrorRate("", "x").value).toBe(1);
    expect(unorderedErrorRate("", "").value).toBe(0);
  });
});
