import { describe, expect, it } from "vitest";
import { voteField } from "../../../src/parse/fields/names.ts";
import { readOrganizationFields } from "../../../src/parse/fields/organization.ts";
import { parseDocument } from "../../../src/parse/index.ts";
import {
  districtFromSiblings,
  repairDivision,
  unknownDivision,
} from "../../../src/parse/normalize/divisions.ts";
import { buildLines } from "../../../src/parse/text/lines.ts";
import { findSections } from "../../../src/parse/text/sections.ts";
import { TABLE_LAYOUT_REPORT } from "../fixtures-text.ts";
import { withCharConfidences } from "../helpers/confidence.ts";
import { layoutPages } from "../helpers/layout.ts";

/** An address as OCR read it: characters listed in `unclear` were read with confidence 0, the rest clearly. */
function reading(text: string, unclear: number[]): [string[], number[]] {
  const chars = [...text];
  return [chars, chars.map((_, i) => (unclear.includes(i) ? 0 : 0.93))];
}

describe("districts of an address checked against the GB/T 2260 divisions", () => {
  it("repairs an unclear character of a district, and the street named after it", () => {
    const fixed = repairDivision(...reading("长沙市岳郑区岳郑大道385号6栋8层", [4, 7]));
    expect(fixed?.join("")).toBe("长沙市岳麓区岳麓大道385号6栋8层");
    // The street misread another way is still the district's name.
    expect(repairDivision(...reading("长沙市岳莫区岳苯大道121号", [4, 7]))?.join("")).toBe(
      "长沙市岳麓区岳麓大道121号",
    );
    expect(repairDivision(...reading("合肥市明山区潜山路342号18层", [3, 4]))?.join("")).toBe(
      "合肥市蜀山区潜山路342号18层",
    );
  });

  it("repairs the street named after a district that was itself read right", () => {
    expect(repairDivision(...reading("长沙市岳麓区岳郑大道385号", [7]))?.join("")).toBe(
      "长沙市岳麓区岳麓大道385号",
    );
    // A clear character of the street is what was printed (岳华路 is no misreading of 岳麓).
    expect(repairDivision(...reading("长沙市岳麓区岳华路1号", []))).toBeNull();
  });

  it("names the district an address gives its city that the city does not have", () => {
    expect(unknownDivision("重庆市淮北区金开大道172号13层")).toBe("淮北区");
    expect(unknownDivision("重庆市注北区新没大道132号")).toBe("注北区");
    for (const fine of [
      "重庆市渝北区金开大道172号13层",
      "武汉市洪山区珞喻路109号",
      "上海市浦东新区世纪大道100号",
      "成都市高新区天府大道",
      "苏州市工业园区星湖街328号",
      "东莞市南城街道鸿福路",
      "湖南省浏阳市集里街道",
    ]) {
      expect(unknownDivision(fine), fine).toBeNull();
    }
  });

  it("leaves an address alone where the misread character is clear, two districts fit, or all is well", () => {
    expect(repairDivision(...reading("长沙市岳郑区岳郑大道385号", []))).toBeNull();
    // 淮北区 in 重庆市 could be 渝北区 or 江北区.
    expect(repairDivision(...reading("重庆市淮北区金开大道172号13层", [3, 4]))).toBeNull();
    expect(repairDivision(...reading("长沙市岳麓区枫林三路208号", [3, 4]))).toBeNull();
  });

  it("repairs the sites of a report read by OCR", () => {
    const pages = withCharConfidences(layoutPages("注册地址： 长沙市岳 入区 枫林三路351号14层"), {
      入区: [[0, 0.12]],
    });
    const lines = buildLines(pages);
    const sites = readOrganizationFields(lines, findSections(lines)).sites;
    expect(sites.value).toEqual(["长沙市岳入区枫林三路351号14层"]);
    const voted = voteField(sites, lines, () => 1, repairDivision);
    expect(voted.value).toEqual(["长沙市岳麓区枫林三路351号14层"]);
    expect(voted.method).toBe("derived");
    expect(voted.confidence).toBeLessThan(sites.confidence);
  });
});

describe("sites of a parsed report", () => {
  it("are null, with the text kept, when an address names a district its city does not have", () => {
    const good = parseDocument(layoutPages(TABLE_LAYOUT_REPORT)).report!;
    expect(good.sites.value).toEqual(["江苏省苏州市吴中区木渎镇金枫路88号"]);
    const misread = TABLE_LAYOUT_REPORT.replaceAll("苏州市吴中区", "苏州市吴牛区");
    const sites = parseDocument(layoutPages(misread)).report!.sites;
    expect(sites.value).toBeNull();
    expect(sites.confidence).toBe(0);
    expect(sites.raw).toContain("苏州市吴牛区木渎镇金枫路88号");
  });
});

describe("a district the city does not have, mended from the report's other site", () => {
  it("takes the sibling's district one character off (洽北区 beside 渝北区; seed 5150), else none", () => {
    const other = "重庆市渝北区金开大道382号17栋15层";
    expect(districtFromSiblings("重庆市洽北区金开大道16号B座24层", [other])).toBe(
      "重庆市渝北区金开大道16号B座24层",
    );
    // No sibling, a sibling in another district of more than one character off, or two that fit: none.
    expect(districtFromSiblings("重庆市洽北区金开大道16号B座24层", [])).toBeNull();
    expect(
      districtFromSiblings("重庆市洽北区金开大道16号B座24层", ["重庆市沙坪坝区天星桥正街1号"]),
    ).toBeNull();
    expect(
      districtFromSiblings("重庆市洽北区金开大道16号B座24层", [other, "重庆市江北区观音桥步行街8号"]),
    ).toBeNull();
    // An address whose district exists is not touched.
    expect(districtFromSiblings(other, ["重庆市江北区观音桥步行街8号"])).toBeNull();
  });
});
