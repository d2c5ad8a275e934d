import { describe, expect, it } from "vitest";
import { NC_COUNT_WORDS, NC_SEVERITY } from "../../src/lexicon/nc-counts.ts";
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

describe("NC count wording is lexicon data (src/lexicon/nc-counts.ts)", () => {
  it("reads every listed severity word with every listed unit", () => {
    for (const unit of NC_COUNT_WORDS.units) {
      for (const major of [...NC_SEVERITY.major, ...NC_SEVERITY.majorInCountLabel])
        expect(counts(`${major}不符合项（1）${unit}，一般不符合项（2）${unit}`)[0], `${major} ${unit}`).toBe(
          1,
        );
      for (const minor of NC_SEVERITY.minor)
        expect(counts(`严重不符合项（0）${unit}，${minor}不符合项（2）${unit}`)[1], `${minor} ${unit}`).toBe(
          2,
        );
    }
  });
  it("reads each listed way of saying none were found, and each way of saying all are of one kind", () => {
    for (const w of NC_COUNT_WORDS.notFound) expect(counts(`本次审核${w}不符合项。`), w).toEqual([0, 0]);
    for (const w of NC_COUNT_WORDS.allOf)
      expect(counts(`本次审核共发现不符合项 3 项，${w}一般不符合。`), w).toEqual([0, 3]);
  });
  it("reads no count under a unit the lexicon does not list", () => {
    expect(counts("严重不符合项（1）台，一般不符合项（2）台")).toEqual([null, null]);
  });
});
