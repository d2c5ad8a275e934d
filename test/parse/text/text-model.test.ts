import { describe, expect, it } from "vitest";
import type { OcrPage } from "../../../src/domain/ocr.ts";
import { findLabels, LABELS, valueAfter } from "../../../src/parse/text/labels.ts";
import { buildLines } from "../../../src/parse/text/lines.ts";
import { findSections, headingOf } from "../../../src/parse/text/sections.ts";
import { readTable } from "../../../src/parse/text/table.ts";
import { layoutPages, textLayerPages } from "../helpers/layout.ts";

const linesOf = (text: string, opts = {}) => buildLines(layoutPages(text, opts));

describe("reading-order lines", () => {
  it("drops spaces between Chinese characters but keeps them between numbers", () => {
    const [a, b] = linesOf("报 告 日 期： 2023 年 11 月 13 日\n于 2023-11-07 8:30:00 上午");
    expect(a!.text).toBe("报告日期:2023年11月13日");
    expect(b!.text).toBe("于2023-11-07 8:30:00上午");
  });

  it("keeps two words apart where digits meet even when the engine boxes touch", () => {
    const page: OcrPage = {
      ...layoutPages("x")[0]!,
      lines: [
        {
          text: "于2023-11-07 8:30:00上午",
          bbox: [100, 100, 600, 130],
          confidence: 0.9,
          words: [
            { text: "于", bbox: [100, 100, 130, 130], confidence: 0.9 },
            { text: "2023-11-07", bbox: [132, 100, 300, 130], confidence: 0.9 },
            { text: "8:30:00", bbox: [301, 100, 420, 130], confidence: 0.9 },
            { text: "上午", bbox: [421, 100, 480, 130], confidence: 0.9 },
          ],
        },
      ],
    };
    expect(buildLines([page])[0]!.text).toBe("于2023-11-07 8:30:00上午");
  });

  it("joins engine lines that sit on one row, in x order, as cells", () => {
    const page = layoutPages("1\t张心\t组长", { splitRows: true })[0]!;
    const reversed: OcrPage = { ...page, lines: [...page.lines].reverse() };
    const lines = buildLines([reversed]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text.split("\t")).toEqual(["1", "张心", "组长"]);
  });

  it("gives each character a box inside its word", () => {
    const [line] = linesOf("组织名称：重庆金微科技有限公司");
    const box = line!.charBoxes[5]!;
    expect(box[0]).toBeGreaterThanOrEqual(line!.bbox[0]);
    expect(box[2]).toBeLessThanOrEqual(line!.bbox[2] + 1);
  });
});

describe("label finding", () => {
  it("finds labels through look-alikes, spaces, colons and synonyms", () => {
    const lines = linesOf(
      "报 告 曰 期 ： 2023-11-08\n组 织 名 秫：重庆金微科技有限公司\n受审核组织:甲公司\nReport No.: AB-1",
    );
    expect(findLabels(lines, LABELS.reportDate)).toHaveLength(1);
    expect(findLabels(lines, LABELS.organization).map((h) => h.line.index)).toEqual([1, 2]);
    const no = findLabels(lines, LABELS.reportNumber)[0]!;
    expect(valueAfter(no, lines)!.text).toBe("AB-1");
  });

  it("counts an English gloss before the colon as part of the label, not a bracket holding digits", () => {
    const glossed = linesOf("整改期限（Deadline）：2024年10月25日");
    const hit = findLabels(glossed, LABELS.rectification)[0]!;
    expect(glossed[0]!.text.slice(hit.end)).toMatch(/^[:：]\s*2024/);
    const note = linesOf("整改期限（见附件2）：2024年10月25日");
    expect(note[0]!.text.slice(findLabels(note, LABELS.rectification)[0]!.end)).toMatch(/^（见附件2）/);
  });

  it("does not accept a short label with an edit", () => {
    expect(findLabels(linesOf("组员：张三"), ["组长"])).toHaveLength(0);
  });

  it("takes the next line as the value only when that line does not open with a label of its own", () => {
    const own = linesOf("受审核方：\n成都蓉信软件有限公司");
    expect(valueAfter(findLabels(own, LABELS.organization)[0]!, own)!.text).toBe("成都蓉信软件有限公司");
    const other = linesOf("受审核方：\n审核类型：监督审核");
    expect(valueAfter(findLabels(other, LABELS.organization)[0]!, other)).toBeNull();
  });

  it("reads past a colon OCR took for other punctuation (受审核方名称.; 武汉…)", () => {
    const lines = linesOf("受审核方名称.; 武汉长江精工机械有限公司");
    expect(valueAfter(findLabels(lines, LABELS.organization)[0]!, lines)!.text).toBe(
      "武汉长江精工机械有限公司",
    );
  });

  it("takes the value from the next cell and stops at the next label", () => {
    const lines = linesOf("报告编号\tHX-1\t受审核方\t甲有限公司");
    const hit = findLabels(lines, LABELS.reportNumber)[0]!;
    expect(valueAfter(hit, lines)!.text).toBe("HX-1");
  });

  it("reads the value after a bilingual label, with or without a colon", () => {
    for (const t of ["报告编号 Report No.: HX-2", "报告编号Report No.\tHX-2", "项目编号\tReport No. HX-2"]) {
      const lines = linesOf(t);
      const hit = findLabels(lines, LABELS.reportNumber)[0]!;
      expect(valueAfter(hit, lines)!.text, t).toBe("HX-2");
    }
    const client = linesOf("受审核方 Client\t西安中科软件有限公司");
    expect(valueAfter(findLabels(client, LABELS.organization)[0]!, client)!.text).toBe(
      "西安中科软件有限公司",
    );
  });
});

describe("section finding", () => {
  it("recognises every numbering style", () => {
    const ids = linesOf(
      [
        "第一部分 基本信息",
        "一、审核综述",
        "（二）审核发现",
        "1.5.2 审核范围：",
        "I.5.3 审核涉及场所",
        "1) 不符合项情况：",
        "3、交付后活动：",
      ].join("\n"),
    ).map((l) => headingOf(l)?.id);
    expect(ids).toEqual(["第一部分", "一", "(二)", "1.5.2", "1.5.3", "1)", "3"]);
  });

  it("does not take sentences, dates or codes for headings", () => {
    for (const t of [
      "1. 本报告是对本次审核的总结，以下文件作为本报告的附件：",
      "2023.11.08 现场",
      "33.03.01",
      "1、抽 数据处理服务过程控制情况。",
    ]) {
      expect(headingOf(linesOf(t)[0]!), t).toBeNull();
    }
  });

  it("runs a section to the next heading of its level, children included", () => {
    const sections = findSections(
      linesOf("3.4 持续改进\n符合 基本符合 不符合\n1) 不合格品控制：正文\n3.5 体系支持\n正文"),
    );
    const s34 = sections.find((s) => s.id === "3.4")!;
    expect(s34.title).toBe("持续改进");
    expect(s34.text).toContain("不合格品控制");
    expect(s34.text).not.toContain("体系支持");
  });

  it("numbers a top-level heading OCR read as =、 by the one before it (二、 … =、 is 三), else drops it", () => {
    const ids = (text: string) => findSections(linesOf(text)).map((s) => s.id);
    expect(
      ids("二、受审核方基本情况\n组织简介。\n=、组织的管理体系运行情况及有效性评价\n3.2 产品实现\n正文"),
    ).toEqual(["二", "三", "3.2"]);
    expect(ids("一、审核综述\n正文\n=、受审核方基本情况\n正文")).toEqual(["一", "二"]);
    expect(ids("=、组织的管理体系运行情况\n正文")).toEqual([]);
    // The same heading with 三 read as a colon (seed 777): the 3.x sections stay out of 二, the organisation's
    // own description.
    expect(
      ids(
        "二、受审核方基本情况\n组织简介。\n:、 组织的管理体系运行情况及有效性评价\n3.1 管理体系的策划\n正文",
      ),
    ).toEqual(["二", "三", "3.1"]);
    expect(ids("说明如下\n：、正文")).toEqual([]);
  });

  it("strips option words from a title printed on the same line", () => {
    const [s] = findSections(linesOf("3.2 产品实现的过程 口符合 口基本符合 口不符合"));
    expect(s!.title).toBe("产品实现的过程");
  });
});

describe("tables from word boxes", () => {
  const spec = [
    { key: "name", synonyms: ["姓名"] },
    { key: "reg", synonyms: ["注册号"] },
    { key: "codes", synonyms: ["专业代码"] },
  ];
  const text = "姓名\t注册号\t专业代码\n张三\t2021-N1QMS-3207381\t\n李四\t2023-N1QMS-\t33.03.01\n\t2267598\t";
  const judge = (cells: Record<string, { text: string }>) =>
    cells.name?.text ? ("row" as const) : cells.reg?.text ? ("continuation" as const) : ("stop" as const);

  for (const [name, lines] of [
    ["one line per row", buildLines(layoutPages(text))],
    ["cells as separate engine lines", buildLines(layoutPages(text, { splitRows: true }))],
    ["text layer with tabs", buildLines(textLayerPages(text))],
  ] as const) {
    it(`reads rows and merges a wrapped cell, without a space inside a wrapped number (${name})`, () => {
      const table = readTable(lines, lines[0]!, spec, 2, judge, () => false)!;
      const rows = table.rows.map((r) => [r.cells.name?.text, r.cells.reg?.text, r.cells.codes?.text ?? ""]);
      expect(rows).toEqual([
        ["张三", "2021-N1QMS-3207381", ""],
        ["李四", "2023-N1QMS-2267598", "33.03.01"],
      ]);
    });
  }
});
