import { describe, expect, it } from "vitest";
import { readSignatures } from "../../src/parse/fields/signatures.ts";
import { readTeam } from "../../src/parse/fields/team.ts";
import { voteTeamNames } from "../../src/parse/fields/team-vote.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { withCharConfidences } from "./helpers/confidence.ts";
import { layoutPages } from "./helpers/layout.ts";

const HEADER = "序号\t姓名\t组内职务\t注册级别\t审核员注册证书号\t专业代码";

/** Team names after the vote, for a report text whose named words carry the given per-character confidences. */
function voted(text: string, confs: Record<string, number[][]>) {
  const lines = buildLines(withCharConfidences(layoutPages(text), confs));
  return voteTeamNames(readTeam(lines), lines).map((m) => m.name);
}

describe("team names voted across the places a report prints them, by OCR confidence", () => {
  it("takes one clear reading of a character over unclear misreads, however many", () => {
    const text = [
      "审核组长（签字）： 郭秀磊",
      "审核组员（签字）： 肖玉起",
      HEADER,
      "1\t郭秀磊\t组长\t审核员\t2016-N2QMS-2644579\t28.04.02",
      "2\t肖玉起\t组员\t审核员\t2021-N2QMS-8596981\t",
      "审核组： 郭秀磊、 肖玉霞",
    ].join("\n");
    const names = voted(text, {
      肖玉起: [
        [0.88, 0.89, 0.63],
        [0.81, 0.91, 0.48],
      ],
      肖玉霞: [[0.92, 0.89, 0.89]],
    });
    expect(names.map((n) => n.value)).toEqual(["郭秀磊", "肖玉霞"]);
    expect(names[1]!.raw).toBe("肖玉起");
    expect(names[1]!.method).toBe("derived");
  });

  it("gives no name where a barely clear reading stands against two places agreeing unclearly", () => {
    const text = [
      "审核组长（签字）： 余景",
      "审核组员（签字）： 喜兰志",
      HEADER,
      "1\t余景\t组长\t审核员\t2016-N2QMS-2644579\t28.04.02",
      "2\t彭兰志\t组员\t审核员\t2017-N1QMS-2147630\t",
      "审核组： 余景、 彭兰志",
    ].join("\n");
    const names = voted(text, {
      喜兰志: [[0.78, 0.85, 0.93]],
      彭兰志: [
        [0.64, 0.9, 0.93],
        [0.16, 0.65, 0.92],
      ],
    });
    expect(names[1]!.value).toBeNull();
    expect(names[1]!.raw).toBe("彭兰志");
    // A very clear reading still stands (the 肖玉霞 case above).
    const clear = voted(text, {
      喜兰志: [[0.9, 0.85, 0.93]],
      彭兰志: [
        [0.64, 0.9, 0.93],
        [0.16, 0.65, 0.92],
      ],
    });
    expect(clear[1]!.value).toBe("喜兰志");
  });

  it("gives no name where the readings disagree and none is clear, keeping the text read", () => {
    const text = [
      "审核组长（签字）： 郭秀大",
      HEADER,
      "1\t郭秀系\t组长\t审核员\t2016-N2QMS-2644579\t28.04.02",
      "审核组： 郭秀硕",
    ].join("\n");
    const [name] = voted(text, {
      郭秀大: [[0.9, 0.91, 0]],
      郭秀系: [[0.89, 0.92, 0]],
      郭秀硕: [[0.88, 0.93, 0]],
    });
    expect(name!.value).toBeNull();
    expect(name!.confidence).toBe(0);
    expect(name!.raw).toBe("郭秀系");
  });

  it("keeps a name whose places agree, however unclear (chi_sim gives 0 to many right glyphs)", () => {
    const text = [HEADER, "1\t彭婷涛\t组长\t审核员\t2016-N2QMS-2644579\t", "审核组长： 彭婷涛"].join("\n");
    const [name] = voted(text, { 彭婷涛: [[0, 0, 0]] });
    expect(name!.value).toBe("彭婷涛");
    expect(name!.confidence).toBeLessThan(0.6);
  });

  it("reads the leader's name where it stands alone under 审核组长 when the table's reading is unclear", () => {
    const text = [
      "审核组长（签字）： 梁婷",
      HEADER,
      "1\t采娩\t组长\t高级审核员\t2023-N1QMS-4662356\t",
      "2\t杜超\t组员\t审核员\t2021-N1QMS-1234567\t",
    ].join("\n");
    const names = voted(text, { 采娩: [[0.59, 0]], 梁婷: [[0.84, 0.88]] });
    expect(names.map((n) => n.value)).toEqual(["梁婷", "杜超"]);
  });

  it("drops an unclear character the table read in excess when a team place prints the name without it", () => {
    const text = [
      HEADER,
      "1\t郑玉人敏\t组员\t审核员\t2012-N2QMS-2253893\t",
      "2\t冯洲浩\t组长\t审核员\t2012-N2QMS-2253894\t",
      "审核组成员 Members 郑玉敏、冯洲浩",
    ].join("\n");
    const names = voted(text, { 郑玉人敏: [[0.89, 0.92, 0.62, 0]] });
    expect(names.map((n) => n.value)).toEqual(["郑玉敏", "冯洲浩"]);
  });

  it("gives no name where an excess character aside the place's reading still disagrees unclearly", () => {
    const text = [
      HEADER,
      "1\t梁和磊宇\t组员\t审核员\t2012-N1QMS-6159909\t",
      "2\t高勇伟\t组长\t审核员\t2012-N1QMS-6159900\t",
      "审核组成员： 高勇伟、梁舌宇",
    ].join("\n");
    const names = voted(text, {
      梁和磊宇: [[0.88, 0.65, 0, 0.86]],
      "高勇伟、梁舌宇": [[0.92, 0.92, 0.93, 0.92, 0.9, 0.53, 0.85]],
    });
    expect(names.map((n) => n.value)).toEqual([null, "高勇伟"]);
    expect(names[0]!.raw).toBe("梁和磊宇");
  });

  it("takes a clear character from the narrative for a name of three characters", () => {
    const text = [
      HEADER,
      "1\t叶衣艳\t技术专家\t技术专家\t\t28.04.02",
      "工程部参加了内审，审核员由叶斌艳等担任，问题已关闭。",
    ].join("\n");
    const names = voted(text, { 叶衣艳: [[0.86, 0.05, 0]] });
    expect(names[0]!.value).toBe("叶斌艳");
  });

  it("keeps a clear reading against one other clear reading, and never takes another member's name", () => {
    const tie = [HEADER, "1\t李明烽\t组长\t审核员\t2016-N2QMS-2644579\t", "审核组长（签字）： 李明峰"];
    expect(voted(tie.join("\n"), {})[0]!.value).toBe("李明烽");
    const two = [
      HEADER,
      "1\t蔡丽\t组长\t审核员\t2016-N2QMS-2644579\t",
      "2\t蔡博\t组员\t审核员\t2016-N2QMS-2644570\t",
      "审核组： 蔡丽",
    ];
    expect(voted(two.join("\n"), { 蔡博: [[0.9, 0.2]] }).map((n) => n.value)).toEqual(["蔡丽", "蔡博"]);
  });

  it("takes a very clear reading over a barely clear one, one place against one", () => {
    // As report-004 was read: the table's 当 at 0.84, the team line's 雪 at 0.93.
    const text = [HEADER, "1\t梁艳当\t组长\t审核员\t2016-N2QMS-2644579\t", "审核组： 梁艳雪"].join("\n");
    const names = voted(text, { 梁艳当: [[0.87, 0.95, 0.84]], 梁艳雪: [[0.87, 0.95, 0.93]] });
    expect(names[0]!.value).toBe("梁艳雪");
    const both = voted(text, { 梁艳当: [[0.87, 0.95, 0.9]], 梁艳雪: [[0.87, 0.95, 0.93]] });
    expect(both[0]!.value).toBe("梁艳当");
  });

  it("lets several clear signature readings outvote one table misread", () => {
    const text = [
      "审核组长（签字）： 蔡丽",
      HEADER,
      "1\t验丽\t组长\t审核员\t2016-N2QMS-2644579\t",
      "二、受审核方基本情况",
      "承诺人 审核组长： 蔡丽",
    ].join("\n");
    expect(voted(text, {})[0]!.value).toBe("蔡丽");
  });

  it("decodes a name character with the noise model and public name statistics (吕明吴, 王天舌, 张金侈 read unsurely)", () => {
    const text = [
      "审核组长（签字）： 吕明吴",
      HEADER,
      "1\t吕明吴\t组长\t审核员\t2016-N2QMS-2644579\t28.04.02",
      "2\t王天舌\t组员\t审核员\t2021-N2QMS-8596981\t",
      "3\t张金侈\t组员\t审核员\t2021-N2QMS-8596982\t",
      "4\t吴敏\t组员\t审核员\t2021-N2QMS-8596983\t",
      "5\t李明吴\t组员\t审核员\t2021-N2QMS-8596984\t",
    ].join("\n");
    const names = voted(text, {
      吕明吴: [[0.95, 0.95, 0.8]],
      王天舌: [[0.95, 0.95, 0.5]],
      张金侈: [[0.95, 0.95, 0.5]],
      吴敏: [[0.5, 0.95]],
    });
    // 吴 as a surname stays; a given name's 吴 read clearly (李明吴 at the layout's 0.95) is what was printed.
    expect(names.map((n) => n.value)).toEqual(["吕明昊", "王天磊", "张金鑫", "吴敏", "李明吴"]);
    expect(names[0]!.raw).toBe("吕明吴");
    expect(names[0]!.method).toBe("derived");
    expect(names[0]!.confidence).toBeLessThan(names[4]!.confidence);
  });
});

describe("signatures", () => {
  it("decode the same name misreads as the team table, so a signature still matches its member", () => {
    const lines = buildLines(
      withCharConfidences(layoutPages(["审核组长（签字）： 吕明吴", "审核组员（签字）： 吴敏"].join("\n")), {
        吕明吴: [[0.95, 0.95, 0.8]],
      }),
    );
    expect(readSignatures(lines).value).toEqual(["吕明昊", "吴敏"]);
  });
});

describe("signing places", () => {
  it("take a name after a speck OCR read between the label's bracket and its colon (审核组长(签字)“: , seed 8888)", () => {
    const lines = buildLines(
      layoutPages(["审核组长(签字)“: 彭心敏", "审核组员(签字) : 蔡婷明、吕文峰"].join("\n")),
    );
    expect(readSignatures(lines).value).toEqual(["彭心敏", "蔡婷明", "吕文峰"]);
  });
});
