import { describe, expect, it } from "vitest";
import { missingField } from "../../src/domain/field.ts";
import { readEvaluations } from "../../src/parse/fields/evaluations.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { findSections } from "../../src/parse/text/sections.ts";
import { layoutPages } from "./helpers/layout.ts";

const ids = (text: string) => findSections(buildLines(layoutPages(text))).map((s) => s.id);

const body = (n: number) => `组织确定了相关方的需求和期望，记录${n}份。\n评价：☑符合 □基本符合 □不符合`;

describe("a list's item number before a section number, the space between them lost", () => {
  it("takes 1.2.1, 2.2.2, 3.2.3 (read from 1. 2.1 …) for sections 2.1, 2.2, 2.3", () => {
    const text = [
      "1.2.1组织环境与领导作用",
      body(1),
      "2.2.2策划",
      body(2),
      "3.2.3支持",
      body(3),
      "4.2.4运行",
      body(4),
    ];
    expect(ids(text.join("\n"))).toEqual(["2.1", "2.2", "2.3", "2.4"]);
  });

  it("keeps a numbering whose first number does not count on, or whose rest repeats", () => {
    const nested = ["1.2.1组织的宗旨", body(1), "1.2.2相关方的需求", body(2), "1.2.3体系范围", body(3)];
    expect(ids(nested.join("\n"))).toEqual(["1.2.1", "1.2.2", "1.2.3"]);
    const repeated = ["1.1.1管理层", body(1), "2.1.1采购部", body(2), "3.1.1生产部", body(3)];
    expect(ids(repeated.join("\n"))).toEqual(["1.1.1", "2.1.1", "3.1.1"]);
  });

  it("needs a run of three from 1: two such headings or a run from 4 stay as read", () => {
    expect(ids(["1.2.1组织环境", body(1), "2.2.2策划", body(2)].join("\n"))).toEqual(["1.2.1", "2.2.2"]);
    const late = ["4.2.1组织环境", body(1), "5.2.2策划", body(2), "6.2.3支持", body(3)];
    expect(ids(late.join("\n"))).toEqual(["4.2.1", "5.2.2", "6.2.3"]);
  });
});

describe("boxes keyed by the numbering read beside them", () => {
  it("give their result to the section the document's numbering shows it to be", () => {
    const text = ["1.2.1组织环境与领导作用", body(1), "2.2.2策划", body(2), "3.2.3支持", body(3)].join("\n");
    const sections = findSections(buildLines(layoutPages(text)));
    const ticked = {
      ...missingField<"符合" | "基本符合" | "不符合">("checkbox"),
      value: "基本符合" as const,
    };
    const evaluations = readEvaluations(sections, new Map([["2.2.2", ticked]]));
    expect(evaluations.map((e) => [e.section, e.result.value])).toEqual([["2.2", "基本符合"]]);
  });
});
