/** A person's name holds no pair of characters of the report's own vocabulary that the public name statistics say
 * no name is likely to hold (src/parse/fields/team-words.ts, src/noise/lexicons/names.ts nameMayHold). */
import { describe, expect, it } from "vitest";
import { nameMayHold } from "../../src/noise/lexicons/names.ts";
import { fromLabels } from "../../src/parse/fields/team-lines.ts";
import { looksLikeName } from "../../src/parse/fields/team-words.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

describe("names against the report's vocabulary", () => {
  it("takes runs of report words for no name", () => {
    for (const words of ["不符合标准", "条款要求", "管理体系"]) expect(looksLikeName(words)).toBe(false);
  });

  it("keeps names that hold a pair names may hold, though the vocabulary has it (建立, 安全)", () => {
    expect(nameMayHold("建立")).toBe(true);
    expect(nameMayHold("符合")).toBe(false);
    for (const name of ["王建立", "李安全", "张建国", "欧阳娜娜", "叶菲"])
      expect(looksLikeName(name)).toBe(true);
  });

  it("reads no team from a sentence that opens with a role word", () => {
    const lines = buildLines(
      layoutPages(
        "审核员由蒋伟等担任，问题已关闭。现场发现：秩序维护部内审未覆盖全部部门，不符合标准9.2条款要求，",
      ),
    );
    expect(fromLabels(lines).map((m) => m.member.name.value)).toEqual([]);
  });
});
