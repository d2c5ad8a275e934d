/** Facts stated in sentences (issue 24, prose reports): the team, this audit's and stage 1's dates, the period
 * covered, auditor-days and the recommendation, read from the text the generator draws for the prose families
 * (hx-prose with its phrasings drawn per report, caq-prose), compared with the generator's truth. */
import { describe, expect, it } from "vitest";
import { buildModel } from "../../fixtures/generator/build-model.ts";
import { familyById } from "../../fixtures/generator/families/index.ts";
import type { AuditType, ReportModel } from "../../fixtures/generator/model.ts";
import { createRng } from "../../fixtures/generator/prng.ts";
import { truthFieldsOf } from "../../fixtures/generator/report.ts";
import type { TruthFields } from "../../fixtures/generator/truth.ts";
import { readAuditorDays } from "../../src/parse/fields/auditor-days.ts";
import { readDates } from "../../src/parse/fields/dates.ts";
import { readRecommendationText } from "../../src/parse/fields/recommendation.ts";
import { readTeam } from "../../src/parse/fields/team.ts";
import { fromProse } from "../../src/parse/fields/team-prose.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { drawPages } from "../fixtures/draw.ts";
import { layoutPages } from "./helpers/layout.ts";

const TYPES: AuditType[] = ["stage2", "surveillance", "recertification"];

/** The report's pages as the generator draws them (no scan), as OCR lines. */
function drawn(family: string, seed: number, plants: string[] = []) {
  const f = familyById(family);
  const m: ReportModel = buildModel(createRng(seed), {
    name: `p-${seed}`,
    index: seed % 50,
    layout: f.id,
    plants,
    auditType: TYPES[seed % 3]!,
  });
  const pages = drawPages(f, m);
  const text = pages.map((p) => p.text).join("\n\n\n\n");
  return { truth: truthFieldsOf(m), lines: buildLines(layoutPages(text)), text };
}

function teamOf(lines: ReturnType<typeof buildLines>) {
  return readTeam(lines).map(({ member: p }) => ({
    name: p.name.value,
    role: p.role.value,
    grade: p.grade.value,
    registrationNo: p.registrationNo.value,
    technicalCodes: p.technicalCodes.value ?? [],
  }));
}
function truthTeam(t: TruthFields) {
  return t.team
    .filter((p) => p.role !== "guide")
    .map((p) => ({
      name: p.name,
      role: p.role,
      grade: p.grade,
      registrationNo: p.registrationNo,
      technicalCodes: p.technicalCodes,
    }));
}

const SEEDS = Array.from({ length: 18 }, (_, i) => 300 + i);

describe("hx-prose: every phrasing of the facts told in sentences", () => {
  it.each(SEEDS)("seed %i: team, dates, period, auditor-days and recommendation", (seed) => {
    const plants = seed % 4 === 0 ? ["NC-RECOMMEND-MINOR"] : seed % 4 === 1 ? ["DATE-IMPOSSIBLE"] : [];
    const { truth, lines } = drawn("hx-prose", seed, plants);
    const read = teamOf(lines);
    // Each member as the truth has them, except codes the sentence states apart from the member (组长专业代码为…),
    // which stay unread rather than go to someone else.
    for (const p of truthTeam(truth)) {
      const got = read.find((r) => r.name === p.name);
      expect(got, p.name).toBeDefined();
      expect({ ...got, technicalCodes: [] }).toEqual({ ...p, technicalCodes: [] });
      if (got!.technicalCodes.length) expect(got!.technicalCodes).toEqual(p.technicalCodes);
    }
    expect(read).toHaveLength(truthTeam(truth).length);
    const d = readDates(lines);
    expect([d.auditStart.value, d.auditEnd.value]).toEqual([truth.auditStart, truth.auditEnd]);
    expect([d.stage1Start.value, d.stage1End.value]).toEqual([truth.stage1Start, truth.stage1End]);
    expect([d.coverageFrom.value, d.coverageTo.value]).toEqual([truth.coverageFrom, truth.coverageTo]);
    expect([d.foundedDate.value, d.systemImplementedDate.value]).toEqual([
      truth.foundedDate,
      truth.systemImplementedDate,
    ]);
    expect(readAuditorDays(lines).value).toBe(truth.auditorDaysPrinted);
    expect(readRecommendationText(lines).value).toBe(truth.recommendation);
  });
});

describe("caq-prose (the reader was not written for its wording)", () => {
  it.each(SEEDS.slice(0, 9))("seed %i: team and dates told in sentences", (seed) => {
    const { truth, lines } = drawn("caq-prose", seed);
    for (const p of truthTeam(truth)) {
      const got = teamOf(lines).find((r) => r.name === p.name);
      expect(got, p.name).toEqual(p);
    }
    const d = readDates(lines);
    expect([d.auditStart.value, d.auditEnd.value]).toEqual([truth.auditStart, truth.auditEnd]);
    expect([d.stage1Start.value, d.stage1End.value]).toEqual([truth.stage1Start, truth.stage1End]);
    expect([d.coverageFrom.value, d.coverageTo.value]).toEqual([truth.coverageFrom, truth.coverageTo]);
    expect([d.foundedDate.value, d.systemImplementedDate.value]).toEqual([
      truth.foundedDate,
      truth.systemImplementedDate,
    ]);
  });
});

describe("sentences that do not state the fact are no reading", () => {
  const lines = (t: string) => buildLines(layoutPages(t));
  it("takes no team from a signature line or from a sentence without a registration number", () => {
    expect(fromProse(lines("审核组长：张明　　报告日期：2024年5月9日\n审核组成员：李华、王强"))).toEqual([]);
    expect(fromProse(lines("审核组由组长张明、审核员李华组成。"))).toEqual([]);
  });
  it("gives a code stated apart from the member to nobody", () => {
    const team = fromProse(
      lines(
        "本次审核由张明担任审核组长（高级审核员，2018-N1QMS-8196870），李华（审核员；注册证书号" +
          "2018-N2QMS-4230074）为审核组成员；组长专业代码为30.01.00；赵六作为受审核方向导陪同审核。",
      ),
    );
    expect(
      team.map((m) => [m.member.name.value, m.member.role.value, m.member.technicalCodes.value]),
    ).toEqual([
      ["张明", "leader", null],
      ["李华", "member", null],
    ]);
  });
  it("reads no period end from a sentence with three dates, and no audit dates from a plan", () => {
    const d = readDates(
      lines("本次审核覆盖自2023年1月5日以来，含2023年6月1日的变更，至2024年1月4日的运行情况。"),
    );
    // (Its first date opens the period, as words after it say; no end is made up from the dates between.)
    expect(d.coverageTo.value).toBeNull();
    expect(readDates(lines("下次监督审核拟于2025年3月10日进行现场审核。")).auditStart.value).toBeNull();
  });
  it("takes the audit objective's question and the recommended scope's label for no recommendation", () => {
    const read = (t: string) => readRecommendationText(lines(t)).value;
    expect(read("审核目的：确认…有效运行，以决定是否保持认证注册。")).toBeNull();
    expect(read("推荐认证范围：住宅小区的物业管理服务。")).toBeNull();
    expect(read("审核组推荐：不符合项整改验证有效后通过\n认证。")).toBe("recommend_after_correction");
    expect(read("经审核组综合评定，受审核方管理体系运行正常有效，审核组建议保持其认证注册。")).toBe(
      "recommend",
    );
  });
});
