import { describe, expect, it } from "vitest";
import { readNonconformities } from "../../src/parse/fields/nonconformities.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

const counts = (text: string) => {
  const nc = readNonconformities(buildLines(layoutPages(text)));
  return [nc.ncMajor.value, nc.ncMinor.value];
};

describe("NC counts as other bodies word them", () => {
  it("reads counts with other units and a labelled none", () => {
    expect(counts("开具不符合报告：严重不符合 0 份，一般不符合 2 份")).toEqual([0, 2]);
    expect(counts("严重不符合：无\n一般不符合：3 处")).toEqual([0, 3]);
    expect(counts("严重不符合项：0\n轻微不符合项：1 项")).toEqual([0, 1]);
  });

  it("reads a total said to be all of one kind, and a report with none", () => {
    expect(counts("本次审核不符合项共 2 项，均为一般不符合。")).toEqual([0, 2]);
    expect(counts("本次审核未发现不符合项。")).toEqual([0, 0]);
    expect(counts("不符合项：无")).toEqual([0, 0]);
  });

  it("prefers a printed count to a template's wording met earlier", () => {
    expect(counts("注：无不符合项时填写“无”。\n本次审核严重不符合 1 项，一般不符合 2 项。")).toEqual([1, 2]);
  });

  it("leaves counts unread where nothing says them", () => {
    expect(counts("未发现严重问题。\n审核组认为体系运行有效。")).toEqual([null, null]);
  });
});
