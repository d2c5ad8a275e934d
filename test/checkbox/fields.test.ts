import { describe, expect, it } from "vitest";
import { readCheckboxFields } from "../../src/parse/checkbox/index.ts";
import type { BoxKind, Row } from "./draw.ts";
import { ocrPageOf } from "./page.ts";

const W = { width: 2200 };

/** A row of three exclusive options; `tick` holds the indices drawn ticked. */
function row(
  prefix: string | undefined,
  labels: [string, string, string],
  tick: number[],
  glue = false,
): Row {
  return {
    ...(prefix ? { prefix } : {}),
    options: labels.map((label, i) => ({
      label,
      box: (tick.includes(i) ? "tick" : "empty") as BoxKind,
      glue: glue && i === 1,
    })),
  };
}
const C: [string, string, string] = ["符合", "基本符合", "不符合"];
const S: [string, string, string] = ["满足", "基本满足", "不满足"];
const E: [string, string, string] = ["有效", "基本有效", "无效"];
const A: [string, string, string] = ["达到", "基本达到", "未达到"];

describe("readCheckboxFields", () => {
  it("reads the conclusion table (6 rows x 3 options) as the seed report ticks it", async () => {
    const page = await ocrPageOf(
      [
        row("审核准则的要求", C, [0]),
        row("适用要求", S, [0]),
        row("实现预期结果的能力", S, [0], true),
        row("内部审核和管理评审过程", E, [1]),
        row("审核目的", A, [0]),
        row("体系运行", E, [1]),
      ],
      8,
      W,
    );
    const f = readCheckboxFields([page]);
    expect(f.conclusion).toEqual({
      审核准则的要求: "符合",
      适用要求: "满足",
      实现预期结果的能力: "满足",
      内部审核和管理评审过程: "基本有效",
      审核目的: "达到",
      体系运行: "基本有效",
    });
    const g = f.checkboxGroups.find((x) => x.id === "conclusion.体系运行");
    expect(g?.options.map((o) => [o.label, o.state, o.page])).toEqual([
      ["有效", "unchecked", 8],
      ["基本有效", "checked", 8],
      ["无效", "unchecked", 8],
    ]);
    expect(f.checkboxGroups).toHaveLength(6);
    for (const grp of f.checkboxGroups)
      for (const o of grp.options) expect(o.confidence).toBeGreaterThan(0.9);
  });

  it("two boxes ticked in one row: conclusion null, both options checked in the group (CHK-MULTIPLE)", async () => {
    const page = await ocrPageOf([row("审核准则的要求", C, [0, 2]), row("体系运行", E, [])], 8, W);
    const f = readCheckboxFields([page]);
    expect(f.conclusion).toEqual({ 审核准则的要求: null, 体系运行: null });
    const g = f.checkboxGroups.find((x) => x.id === "conclusion.审核准则的要求")!;
    expect(g.options.filter((o) => o.state === "checked").map((o) => o.label)).toEqual(["符合", "不符合"]);
  });

  it("3.x evaluation lines: heading on the line above or on the same line", async () => {
    const page = await ocrPageOf(
      [
        { prefix: "3.1 管理体系的策划", options: [] },
        row(undefined, C, [0]),
        row("3.2 管理体系的实施", C, [1]),
      ],
      3,
      W,
    );
    const f = readCheckboxFields([page]);
    const e1 = f.evaluationResults.get("3.1");
    expect(e1).toMatchObject({ value: "符合", raw: "符合", page: 3, method: "checkbox" });
    expect(e1!.confidence).toBeGreaterThan(0.9);
    expect(e1!.bbox).not.toBeNull();
    expect(f.evaluationResults.get("3.2")?.value).toBe("基本符合");
    expect(f.checkboxGroups.map((g) => g.id)).toEqual(["evaluation.3.1", "evaluation.3.2"]);
    expect(f.checkboxGroups[0]!.label).toBe("3.1 管理体系的策划");
    expect(f.conclusion).toEqual({});
  });

  it("the kind of an NC on its form (☑一般 □严重), from pixels; the same words in prose are no options", async () => {
    const kindRow = (ticks: [boolean, boolean]): Row => ({
      prefix: "不符合性质：",
      options: [
        { label: "一般", box: ticks[0] ? "tick" : "empty" },
        { label: "严重", box: ticks[1] ? "tick" : "empty" },
      ],
    });
    const prose: Row = {
      prefix: "本次审核共发现不符合项2项，其中",
      options: [{ label: "一般不符合2项", box: "none" }],
    };
    const f = readCheckboxFields([await ocrPageOf([kindRow([true, false]), prose], 4, W)]);
    expect(f.ncKinds).toHaveLength(1);
    expect(f.ncKinds[0]).toMatchObject({
      page: 4,
      field: { value: "minor", raw: "一般", method: "checkbox" },
    });
    expect(f.checkboxGroups.map((g) => [g.id, g.options.map((o) => [o.label, o.state])])).toEqual([
      [
        "ncKind",
        [
          ["一般", "checked"],
          ["严重", "unchecked"],
        ],
      ],
    ]);
    const major = readCheckboxFields([await ocrPageOf([kindRow([false, true])], 5, W)]);
    expect(major.ncKinds[0]!.field.value).toBe("major");
    const both = readCheckboxFields([await ocrPageOf([kindRow([true, true])], 5, W)]);
    expect(both.ncKinds[0]!.field).toMatchObject({ value: null, confidence: 0 });
  });

  const recRows = (ticks: boolean[]): Row[] =>
    [
      "推荐认证注册",
      "在商定的时间内完成对不符合项的整改，并经审核组验证有效后，推荐认证注册。",
      "不予推荐",
    ].map((label, i) => ({ options: [{ label, box: ticks[i] ? "tick" : "empty" }] }));

  it("recommendation block: options on separate lines, mapped to the enum", async () => {
    const page = await ocrPageOf(recRows([false, true, false]), 9, { width: 2700 });
    const f = readCheckboxFields([page]);
    expect(f.recommendation).toMatchObject({
      value: "recommend_after_correction",
      page: 9,
      method: "checkbox",
    });
    expect(f.recommendation.confidence).toBeGreaterThan(0.9);
    const g = f.checkboxGroups.find((x) => x.id === "recommendation")!;
    expect(g.options.map((o) => o.state)).toEqual(["unchecked", "checked", "unchecked"]);
  });

  it("recommendation with two ticked or none: value null with confidence 0", async () => {
    const two = readCheckboxFields([await ocrPageOf(recRows([true, false, true]), 9, { width: 2700 })]);
    expect(two.recommendation).toMatchObject({ value: null, confidence: 0, raw: "推荐认证注册、不予推荐" });
    const none = readCheckboxFields([await ocrPageOf(recRows([false, false, false]), 9, { width: 2700 })]);
    expect(none.recommendation).toMatchObject({ value: null, confidence: 0, raw: null });
    expect(none.checkboxGroups[0]!.options.every((o) => o.state === "unchecked")).toBe(true);
  });

  it("recommendation options on one line (another body's layout)", async () => {
    const page = await ocrPageOf(
      [
        {
          prefix: "审核组推荐意见：",
          options: [
            { label: "推荐", box: "empty" },
            { label: "暂缓推荐", box: "empty" },
            { label: "不推荐", box: "cross" },
          ],
        },
      ],
      7,
      W,
    );
    const f = readCheckboxFields([page]);
    expect(f.recommendation).toMatchObject({ value: "not_recommend", raw: "不推荐", page: 7 });
    expect(f.checkboxGroups.map((g) => [g.id, g.options.length])).toEqual([["recommendation", 3]]);
  });

  it("management systems are multi-select codes from the cover list", async () => {
    const sys = (label: string, box: BoxKind): Row => ({ options: [{ label, box }] });
    const page = await ocrPageOf(
      [
        { prefix: "审核体系：", options: [{ label: "质量管理体系（QMS）", box: "tick" }] },
        sys("环境管理体系（EMS）", "filled"),
        sys("职业健康安全管理体系（OHSMS）", "empty"),
        sys("能源管理体系（EnMS）", "empty"),
        sys("食品安全管理体系（FSMS/HACCP）", "empty"),
      ],
      1,
      W,
    );
    const f = readCheckboxFields([page]);
    expect(f.managementSystems).toMatchObject({ value: ["QMS", "EMS"], page: 1, method: "checkbox" });
    expect(f.checkboxGroups.find((g) => g.id === "managementSystems")?.options).toHaveLength(5);
  });

  it("management systems: a list with a box that could not be read gives way to a list read in full", async () => {
    const sys = (label: string, box: BoxKind): Row => ({ options: [{ label, box }] });
    const cover = await ocrPageOf(
      [
        { prefix: "审核体系：", options: [{ label: "质量管理体系（QMS）", box: "tick" }] },
        sys("环境管理体系（EMS）", "empty"),
        sys("食品安全管理体系（FSMS/HACCP）", "empty"),
      ],
      1,
      W,
    );
    const repeat = await ocrPageOf(
      [
        {
          options: [
            { label: "质量管理体系", box: "empty" },
            { label: "危害分析与关键控制点体系", box: "tick" },
          ],
        },
      ],
      12,
      W,
    );
    expect(repeat.marks.map((m) => m.state)).toEqual(["unchecked", "checked"]);
    expect(readCheckboxFields([cover, repeat]).managementSystems.value).toEqual(["QMS", "HACCP"]);
    // Strokes of a character passing for a box come with boxes that cannot be read beside them.
    repeat.marks[0] = { ...repeat.marks[0]!, state: "unclear", confidence: 0.2 };
    const f = readCheckboxFields([cover, repeat]);
    expect(f.managementSystems).toMatchObject({ value: ["QMS"], page: 1 });
    // With no list read in full, every tick seen still counts.
    cover.marks[1] = { ...cover.marks[1]!, state: "unclear", confidence: 0.2 };
    expect(readCheckboxFields([cover, repeat]).managementSystems.value).toEqual(["QMS", "HACCP"]);
  });

  it("audit type: a ticked stage refines 初次认证; a lone 监督审核 is surveillance", async () => {
    const types = ["初次认证", "第一阶段", "第二阶段", "监督审核", "再认证", "特殊审核"];
    const header = (ticked: string[]): Row => ({
      prefix: "审核类型",
      options: types.map((label) => ({ label, box: ticked.includes(label) ? "tick" : "empty" })),
    });
    const a = readCheckboxFields([await ocrPageOf([header(["初次认证", "第二阶段"])], 1, { width: 2480 })]);
    expect(a.auditType).toMatchObject({ value: "stage2", method: "checkbox" });
    const b = readCheckboxFields([await ocrPageOf([header(["监督审核"])], 1, { width: 2480 })]);
    expect(b.auditType.value).toBe("surveillance");
    const c = readCheckboxFields([await ocrPageOf([header(["监督审核", "再认证"])], 1, { width: 2480 })]);
    expect(c.auditType).toMatchObject({ value: null, confidence: 0 });
  });

  it("audit method and yes/no become groups without record fields", async () => {
    const page = await ocrPageOf(
      [
        {
          prefix: "审核方式：",
          options: [
            { label: "现场审核", box: "tick" },
            { label: "远程审核", box: "empty" },
            { label: "现场结合远程审核", box: "empty" },
          ],
        },
      ],
      2,
      W,
    );
    const f = readCheckboxFields([page]);
    expect(f.checkboxGroups.map((g) => g.id)).toEqual(["auditMethod"]);
    expect(f.checkboxGroups[0]!.options.map((o) => o.state)).toEqual(["checked", "unchecked", "unchecked"]);
  });

  it("no pages, no marks: every field null, never guessed", () => {
    const f = readCheckboxFields([]);
    expect(f.recommendation.value).toBeNull();
    expect(f.managementSystems.value).toBeNull();
    expect(f.auditType.value).toBeNull();
    expect(f.checkboxGroups).toEqual([]);
  });
});
