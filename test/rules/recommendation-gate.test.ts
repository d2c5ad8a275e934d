import { describe, expect, it } from "vitest";
import { RECOMMEND } from "../../fixtures/generator/families/tuv-stacked-words.ts";
import type { Report } from "../../src/domain/record.ts";
import { edit, f, flagsOf, group, nc } from "./builders.ts";

/** Issue #26: the recommendation's tick group carries a finding only when an option of every grade (recommend /
 * after correction / not) was found. Option wording as the generator prints it (tuv-stacked, cqm-multi). */

const [GRANT, AFTER, NOT] = RECOMMEND[1] as readonly [string, string, string];

function withRecommendation(options: string[], ticked: string[], change: (r: Report) => void = () => {}) {
  return edit((r) => {
    r.checkboxGroups = [...r.checkboxGroups, group("recommendation", "推荐意见", options, ticked)];
    change(r);
  });
}

const high = (flags: { severity: string }[]) => flags.filter((fl) => fl.severity !== "low");

describe("CHK-NONE on the recommendation", () => {
  it("fires when all three grades were found and none is ticked", () => {
    const flags = flagsOf(withRecommendation([GRANT, AFTER, NOT], []), "CHK-NONE");
    expect(high(flags).map((fl) => fl).length).toBe(1);
  });
  it("says could not check when only two of the three were found", () => {
    const flags = flagsOf(withRecommendation([GRANT, NOT], []), "CHK-NONE");
    expect(high(flags)).toEqual([]);
    expect(flags.filter((fl) => fl.status === "unchecked")).toHaveLength(1);
  });
  it("says could not check when an option's condition was lost (two options read as the grant)", () => {
    // The after-correction sentence wrapped: OCR kept its first line, the grant's words.
    const lost = AFTER.split(" after ")[0]!;
    const flags = flagsOf(withRecommendation([GRANT, lost, NOT], []), "CHK-NONE");
    expect(high(flags)).toEqual([]);
  });
  it("tells a negated option from the grant (暂不推荐注册 is no 推荐注册)", () => {
    const cqm = ["推荐注册", "纠正措施经验证有效后推荐注册", "暂不推荐注册"];
    expect(high(flagsOf(withRecommendation(cqm, []), "CHK-NONE"))).toHaveLength(1);
  });
});

describe("NC-RECOMMEND-MINOR compares the group a ticked recommendation was read from", () => {
  const minorNcs = (r: Report) => {
    r.ncMajor = f(0);
    r.ncMinor = f(1);
    r.ncItems = [nc("7.2", "人力资源部", "minor")];
  };
  it("fires when the group was read whole", () => {
    const record = withRecommendation([GRANT, AFTER, NOT], [GRANT], (r) => {
      minorNcs(r);
      r.recommendation = f("recommend", GRANT, "checkbox");
    });
    expect(high(flagsOf(record, "NC-RECOMMEND-MINOR"))).toHaveLength(1);
  });
  it("says could not check when the after-correction option was not told from the grant", () => {
    const lost = AFTER.split(" after ")[0]!;
    const record = withRecommendation([GRANT, lost, NOT], [lost], (r) => {
      minorNcs(r);
      r.recommendation = f("recommend", lost, "checkbox");
    });
    const flags = flagsOf(record, "NC-RECOMMEND-MINOR");
    expect(high(flags)).toEqual([]);
    expect(flags.filter((fl) => fl.status === "unchecked")).toHaveLength(1);
  });
  it("says could not check when the ticked option's words grade otherwise than the value read", () => {
    // isc wording: the after-correction sentence with a comma before 推荐, ticked, read as the grant.
    const isc = [
      "推荐认证注册",
      "在商定的时间内完成对不符合项的整改，并经审核组验证有效后，推荐认证注册",
      "不予推荐",
    ];
    const record = withRecommendation(isc, [isc[1]!], (r) => {
      minorNcs(r);
      r.recommendation = f("recommend", isc[1]!, "checkbox");
    });
    expect(high(flagsOf(record, "NC-RECOMMEND-MINOR"))).toEqual([]);
  });
  it("judges a whole group whose ticks were read beside the words (boxes not found in the pixels)", () => {
    const record = withRecommendation([GRANT, AFTER, NOT], [GRANT], (r) => {
      minorNcs(r);
      r.recommendation = f("recommend", GRANT, "checkbox");
      for (const g of r.checkboxGroups) for (const o of g.options) o.located = false;
    });
    expect(high(flagsOf(record, "NC-RECOMMEND-MINOR"))).toHaveLength(1);
  });
});

describe("a recommendation read from words that are one of the printed options", () => {
  // sgs-bilingual: the three options printed one per line as sentences, their boxes not found; the parser read the
  // first option's words as the team's statement.
  const lines = ["推荐认证范围：数据处理服务", GRANT, AFTER, NOT, "审核组长 日期"];
  const withLines = (text: string[], statement: string) =>
    edit((r) => {
      r.ncMajor = f(0);
      r.ncMinor = f(2);
      r.ncItems = [nc("7.2", "人力资源部", "minor"), nc("9.3", "人力资源部", "minor")];
      r.recommendation = f("recommend", statement, "ocr");
      r.sections = [
        ...r.sections,
        {
          id: "5",
          title: "结论与推荐",
          page: 4,
          bbox: [80, 100, 1600, 2200],
          text: text.join("\n"),
          lines: text.map((t, i) => ({ text: t, page: 4, bbox: [100, 400 + 60 * i, 1500, 440 + 60 * i] })),
        },
      ];
    });
  it("says could not check: the line is a printed option, not a statement", () => {
    const flags = flagsOf(withLines(lines, GRANT), "NC-RECOMMEND-MINOR");
    expect(high(flags)).toEqual([]);
    expect(flags[0]?.status).toBe("unchecked");
  });
  it("still fires on a written statement with no option list around it", () => {
    const prose = ["审核组认为组织管理体系运行有效。", "审核组推荐认证注册。", "审核组长 日期"];
    expect(high(flagsOf(withLines(prose, "审核组推荐认证注册。"), "NC-RECOMMEND-MINOR"))).toHaveLength(1);
  });
});
