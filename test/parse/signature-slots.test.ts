import { describe, expect, it } from "vitest";
import { SIGNING_WORDS } from "../../src/lexicon/tables.ts";
import { readSignatureBlock } from "../../src/parse/fields/signatures.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

const block = (text: string) => readSignatureBlock(buildLines(layoutPages(text)));

describe("signature slots", () => {
  it("reads a block with a place for the leader alone as the leader's slot (ceprei-mixed's 审核组长：)", () => {
    const b = block("推荐意见：推荐认证注册\n审核组长：吕心杰\t日期：2024年2月8日");
    expect(b.names.value).toEqual(["吕心杰"]);
    expect(b.slots.value).toEqual(["leader"]);
    expect(b.slots.raw).toBe("审核组长");
    expect(b.slots.page).toBe(1);
    expect(b.slots.bbox).not.toBeNull();
  });
  it("reads the leader's and the members' slots, and the whole team's place as both", () => {
    expect(block("审核组长（签字）：张心\n审核组员（签字）：冉景洲").slots.value).toEqual([
      "leader",
      "member",
    ]);
    expect(block("审核组长签字：王强\n审核组成员签字：李明、赵刚").slots.value).toEqual(["leader", "member"]);
    expect(block("审核组：张心、冉景洲").slots.value).toEqual(["leader", "member"]);
    expect(block("承诺人 审核组长：张心\n组 员：冉景洲").slots.value).toEqual(["leader", "member"]);
  });
  it("does not take the auditee's place or the date beside a signature for a team slot", () => {
    const b = block("审核组长：王强\t受审核方代表：李明\t日期：2024年5月6日");
    expect(b.slots.value).toEqual(["leader"]);
  });
  it("leaves the slots unknown where a signing place names no role, or none was found", () => {
    const unnamed = block("审核组长：王强\n签字：李明");
    expect(unnamed.slots.value).toBeNull();
    expect(unnamed.slots.raw).toContain("签字");
    expect(block("本次审核达到预期目的。").slots.value).toBeNull();
  });
});

describe("signing words are lexicon data (src/lexicon/tables.ts SIGNING_WORDS)", () => {
  it("reads the names after each listed word of signing, and none after a word it does not list", () => {
    for (const w of SIGNING_WORDS.sign)
      expect(block(`推荐意见：推荐认证注册\n审核组${w}：王强、李明`).names.value, w).toEqual([
        "王强",
        "李明",
      ]);
    expect(block("推荐意见：推荐认证注册\n审核组盖印：王强、李明").names.value).toBeNull();
  });
});

describe("a signing table printed without colons (issue #26: the table families' last page)", () => {
  // fixtures/generator/layout-table.ts: rows [审核组长 | leader | report date], [审核组成员 | members | report date].
  it("reads the names and slots of role | names | date rows", () => {
    const b = block("审核组长\t潘宁婷\t2025年06月21日\n审核组成员\t蔡博凯、冯超\t2025年06月21日");
    expect(b.names.value).toEqual(["潘宁婷", "蔡博凯", "冯超"]);
    expect(b.slots.value).toEqual(["leader", "member"]);
    // The bilingual form glosses the role in English (审核组长Team leader; the test page's cells are narrow).
    const bilingual = block("审核组长Leader\t徐斌平\t2025-02-25\n审核组员Members\t黄伟志\t2025-02-25");
    expect(bilingual.names.value).toEqual(["徐斌平", "黄伟志"]);
  });
  it("takes no team table row and no dateless cover row for a signature", () => {
    expect(block("潘宁婷\t审核组长\t审核员\t2020-N2QMS-2543201\t33.03.01").names.value).toBeNull();
    expect(block("审核组长\t潘宁婷\n审核组成员\t蔡博凯、冯超").names.value).toBeNull();
  });
});
