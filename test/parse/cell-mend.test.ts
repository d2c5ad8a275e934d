import { describe, expect, it } from "vitest";
import type { Field } from "../../src/domain/field.ts";
import { mendSitesByCells, mendStandardsByCells } from "../../src/parse/fields/cell-mend.ts";
import type { PagePair } from "../../src/parse/fields/from-layout.ts";

const pair = (family: "sites" | "standards", text: string): PagePair => ({
  page: 1,
  source: "ocr",
  pair: {
    family,
    label: { text: family, bbox: [0, 0, 10, 10] },
    quality: 1,
    value: { text, bbox: [10, 0, 100, 10], confidence: 0.98 },
    where: "right",
  },
});

const field = (value: string[]): Field<string[]> => ({
  value,
  raw: value.join("; "),
  confidence: 0.9,
  page: 1,
  bbox: [0, 0, 200, 10],
  method: "ocr",
});

describe("line readings mended by the cell of their label", () => {
  it("cuts an address where a two-column row ran into the next cell, and takes its wrapped end", () => {
    const read = field(["天津市滨海新区黄海路252号科技报告日期2023-05-08"]);
    const out = mendSitesByCells(read, [pair("sites", "天津市滨海新区黄海路252号科技园5层")]);
    expect(out.value).toEqual(["天津市滨海新区黄海路252号科技园5层"]);
    expect(out.bbox).toEqual([10, 0, 100, 10]);
  });

  it("leaves an address of another opening alone", () => {
    const read = field(["成都市武侯区科华北路87号"]);
    expect(mendSitesByCells(read, [pair("sites", "昆明市五华区学府路135号A座28层")]).value).toEqual(
      read.value,
    );
  });

  it("takes the second standard wrapped in the criteria cell, never fewer than the line read", () => {
    const read = field(["GB/T19001-2016/ISO9001:2015"]);
    const cell = pair("standards", "GB/T19001-2016/ISO9001:2015;GB/T24001-2016/ISO14001:2015");
    expect(mendStandardsByCells(read, [cell]).value).toEqual([
      "GB/T19001-2016/ISO9001:2015",
      "GB/T24001-2016/ISO14001:2015",
    ]);
    const two = field(["GB/T19001-2016/ISO9001:2015", "GB/T45001-2020/ISO45001:2018"]);
    expect(mendStandardsByCells(two, [pair("standards", "GB/T19001-2016/ISO9001:2015")]).value).toEqual(
      two.value,
    );
  });
});
