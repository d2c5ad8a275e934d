import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/parse/index.ts";
import { layoutPages } from "./helpers/layout.ts";

const HEAD = `管理体系审核报告
受审核组织：郑州恒达精密机械有限公司
审核日期：2024年3月5日至2024年3月6日
审核组长：王建国`;

function sitesOf(body: string): string[] | null {
  const result = parseDocument(layoutPages(`${HEAD}\n${body}\n组织现有员工 86 人。`));
  return result.report?.sites.value ?? null;
}

describe("sites listed on one line", () => {
  it("reads each labelled address of a list line, the colon read as a semicolon", () => {
    expect(
      sitesOf("6. 注册地址; 郑州市金水区花园路262号21层; 经营地址: 郑州市金水区花园路26号3层。"),
    ).toEqual(["郑州市金水区花园路262号21层", "郑州市金水区花园路26号3层"]);
  });

  it("reads the second address after a comma when the first label lost a character", () => {
    expect(
      sitesOf("册地址: 昆明市五华区西昌路218号科技园6层，经营地址: 昆明市五华区学府路227号A座2层。"),
    ).toEqual(["昆明市五华区西昌路218号科技园6层", "昆明市五华区学府路227号A座2层"]);
  });

  it("joins the end of an address the scan wrapped onto the next line", () => {
    expect(
      sitesOf(
        "注册地址: 长沙市岳麓区枫林三路376号科技园14层; 经营地址: 长沙市岳麓区麓谷大道280号B\n座15层。",
      ),
    ).toEqual(["长沙市岳麓区枫林三路376号科技园14层", "长沙市岳麓区麓谷大道280号B座15层"]);
  });

  it("takes no site from prose that mentions an address label mid-sentence", () => {
    expect(
      sitesOf(
        "注册地址：郑州市金水区花园路262号21层\n组织现有人员 109 人。注册地址：郑州市金水区农业路57号B座。",
      ),
    ).toEqual(["郑州市金水区花园路262号21层"]);
  });

  it("takes no floor area for a site (办公场所面积)", () => {
    expect(sitesOf("注册地址：郑州市金水区花园路262号21层，办公场所面积约1000平方米。")).toEqual([
      "郑州市金水区花园路262号21层",
    ]);
  });
});

describe("a wrapped address", () => {
  it("is not continued by the next line's label whose colon OCR read as a full stop", () => {
    expect(
      sitesOf(
        "办公地址：重庆市渝北区财富大道15号财富园二号A栋\n经营地址。重庆市渝北区财富大道15号财富园二号A栋",
      ),
    ).toEqual(["重庆市渝北区财富大道15号财富园二号A栋"]);
  });
});
