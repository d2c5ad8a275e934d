import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../../src/domain/record.ts";
import { runCrossRules } from "../../src/rules/registry.ts";
import { baseRecord, f, member, rep, section } from "./builders.ts";

function doc(id: string, org: string, change: (r: ReturnType<typeof rep>) => void = () => {}): AuditRecord {
  const record = baseRecord();
  record.document = { ...record.document, id, file: `${id}.pdf` };
  const r = rep(record);
  r.organization = f(org);
  r.reportNumber = f(`NO-${id}`);
  change(r);
  return record;
}

const of = (out: Map<string, { rule: string }[]>, id: string, rule: string) =>
  (out.get(id) ?? []).filter((fl) => fl.rule === rule);

describe("XDOC-AUDITOR-OVERLAP", () => {
  it("fires on both reports when one auditor audits two organisations on overlapping days", () => {
    const a = doc("a", "甲公司");
    const b = doc("b", "乙公司", (r) => {
      r.auditStart = f("2023-06-13", "2023年06月13日上午");
      r.auditEnd = f("2023-06-14", "2023年06月14日下午");
      r.stage1Start = f("2023-05-20");
      r.stage1End = f("2023-05-20");
      r.team = [member("王强", "leader", "审核员", "2019-N1QMS-1234567", ["33.03.01"])];
    });
    const out = runCrossRules([a, b]);
    expect(of(out, "a", "XDOC-AUDITOR-OVERLAP")).toHaveLength(1);
    expect(of(out, "b", "XDOC-AUDITOR-OVERLAP")).toHaveLength(1);
    expect(JSON.stringify(out.get("a"))).toContain("乙公司");
  });
  it("is quiet for a morning audit and an afternoon audit the same day", () => {
    const a = doc("a", "甲公司", (r) => {
      r.auditStart = f("2023-06-12", "2023年06月12日上午");
      r.auditEnd = f("2023-06-12", "2023年06月12日上午");
    });
    const b = doc("b", "乙公司", (r) => {
      r.auditStart = f("2023-06-12", "2023年06月12日下午");
      r.auditEnd = f("2023-06-12", "2023年06月12日下午");
      r.stage1Start = f("2023-05-20");
      r.stage1End = f("2023-05-20");
    });
    expect(of(runCrossRules([a, b]), "a", "XDOC-AUDITOR-OVERLAP")).toEqual([]);
  });
  // Report "a" has 王强 (2019-N1QMS-1234567) on the same days; "b" lists the given auditor.
  it.each([
    ["OCR read the name one character off (曾艳 / 会艳), same number", "玉强", "2019-N1QMS-1234567", 1],
    [
      "the same number under another name (a misread number, not one person)",
      "张伟",
      "2019-N1QMS-1234567",
      0,
    ],
    ["a namesake with another registration number", "王强", "2015-N1QMS-9999999", 0],
  ])("%s", (_, name, number, expected) => {
    const a = doc("a", "甲公司");
    const b = doc("b", "乙公司", (r) => {
      r.team = [member(name, "leader", "审核员", number, ["33.03.01"])];
      r.stage1Start = f("2023-05-20");
      r.stage1End = f("2023-05-20");
    });
    const out = runCrossRules([a, b]);
    expect(of(out, "a", "XDOC-AUDITOR-OVERLAP")).toHaveLength(expected);
    expect(of(out, "b", "XDOC-AUDITOR-OVERLAP")).toHaveLength(expected);
    // Each report names the auditor as it reads them.
    if (expected) expect(JSON.stringify(of(out, "b", "XDOC-AUDITOR-OVERLAP"))).toContain(name);
  });
});

describe("XDOC-DUPLICATE-NUMBER", () => {
  it("fires when two organisations share a project number", () => {
    const a = doc("a", "甲公司", (r) => {
      r.reportNumber = f("20647-2023-Q");
    });
    const b = doc("b", "乙公司", (r) => {
      r.reportNumber = f("20647-2023-Q");
      r.team = [];
    });
    const out = runCrossRules([a, b]);
    expect(of(out, "a", "XDOC-DUPLICATE-NUMBER")).toHaveLength(1);
    expect(of(out, "b", "XDOC-DUPLICATE-NUMBER")).toHaveLength(1);
  });
  it("is quiet for the stage-1 and stage-2 reports of one project", () => {
    const a = doc("a", "甲公司", (r) => {
      r.reportNumber = f("20647-2023-Q");
      r.auditType = f("stage1");
    });
    const b = doc("b", "甲公司", (r) => {
      r.reportNumber = f("20647-2023-Q");
    });
    expect(of(runCrossRules([a, b]), "a", "XDOC-DUPLICATE-NUMBER")).toEqual([]);
  });
});

const COPIED =
  "组织利用综合业务系统及大数据模型与分析能力对授权客户进行数据清洗及风控评估，对该客户的票据信息、费用信息、担保信息模块、共同借款人模块、客户详情、新增失效授信模块、银行流水等进行数据清洗、处理、分析。数据处理成果通过客户关注的公众号向客户发送分析结论，作为服务完成的依据，内容包括推荐资方、推荐申请额度、利息、期限等。";
const BOILERPLATE =
  "为了保护受审核方和社会公众的权益，维护认证机构的公正性、权威性、保证认证审核的有效性，审核组成员特作如下承诺：在审核工作中遵守国家有关认证的法律、法规和方针政策。";

function narrative(id: string, org: string, text: string, extra = ""): AuditRecord {
  return doc(id, org, (r) => {
    r.team = [member(`员${id}`, "leader", "审核员", `2019-N1QMS-000000${id.length}`, ["1"])];
    r.sections = [
      section("3.2", "产品实现", `${extra}${text}`),
      section("承诺", "审核组公正性、保密性承诺", BOILERPLATE),
    ];
  });
}

describe("XDOC-COPIED-NARRATIVE", () => {
  it("fires on a long passage nearly identical in two organisations' reports, despite OCR noise", () => {
    const noisy = COPIED.replace("票据", "栗据").replace(/，/g, " , ");
    const out = runCrossRules([
      narrative("a", "甲公司", COPIED, "甲公司现场查见："),
      narrative("b", "乙公司", noisy, "乙方对接人介绍："),
    ]);
    const [fl] = of(out, "a", "XDOC-COPIED-NARRATIVE") as { rule: string; message: string }[];
    expect(fl?.message).toContain("乙公司");
    expect(of(out, "b", "XDOC-COPIED-NARRATIVE")).toHaveLength(1);
  });
  it("is quiet on the same list of product standards in two clients' reports of one trade", () => {
    const standards =
      "1.4依据文件a)管理体系标准:GB/T19001-2016/ISO9001:2015e)适用的产品(服务)标准(人力行政部提供):GB/T20273-2019信息安全技术数据库管理系统安全技术要求;另执行GB/T41479-2022信息安全技术网络数据处理安全要求、GB/T35273-2020信息安全技术个人信息安全规范、GB/T22239-2019信息安全技术网络安全等级保护基本要求、GB/T37988-2019信息安全技术数据安全能力成熟度模型等。";
    const out = runCrossRules([
      narrative("a", "甲公司", standards, "甲公司"),
      narrative("b", "乙公司", standards, "乙公司"),
    ]);
    expect(of(out, "a", "XDOC-COPIED-NARRATIVE")).toEqual([]);
  });
  it("is quiet for the same organisation's stage-1 and stage-2 reports", () => {
    const out = runCrossRules([narrative("a", "甲公司", COPIED), narrative("b", "甲公司", COPIED)]);
    expect(of(out, "a", "XDOC-COPIED-NARRATIVE")).toEqual([]);
  });
  it("ignores the body's template pages and wording most reports share", () => {
    const distinct = ["甲", "乙", "丙", "丁"].map((org, i) =>
      narrative(
        String.fromCharCode(97 + i),
        `${org}公司`,
        `${org}公司${"独有内容描述".repeat(3)}${i}${COPIED.slice(0, 30)}`,
      ),
    );
    // BOILERPLATE is in a 承诺 section of all four; COPIED's first 30 chars too short to count anyway.
    const out = runCrossRules(distinct);
    for (const r of distinct) expect(of(out, r.document.id, "XDOC-COPIED-NARRATIVE")).toEqual([]);
    // The same long passage in all four reports of the batch is the body's template wording.
    const shared = ["甲", "乙", "丙", "丁"].map((org, i) =>
      narrative(String.fromCharCode(97 + i), `${org}公司`, COPIED),
    );
    const out2 = runCrossRules(shared);
    for (const r of shared) expect(of(out2, r.document.id, "XDOC-COPIED-NARRATIVE")).toEqual([]);
  });
  it("takes text several clients' reports of one body share for that body's template, in a mixed batch", () => {
    const withBody = (r: AuditRecord, body: string) => {
      r.report!.certificationBody = f(body);
      return r;
    };
    const others = Array.from({ length: 17 }, (_, i) =>
      withBody(narrative(`o${i}`, `其他${i}公司`, `其他${i}公司${"自有叙述".repeat(40)}${i}`), "乙认证公司"),
    );
    const body = ["甲", "乙", "丙"].map((org, i) =>
      withBody(narrative(`t${i}`, `${org}公司`, COPIED, `${org}公司`), "甲认证公司"),
    );
    const out = runCrossRules([...body, ...others]);
    for (const r of body) expect(of(out, r.document.id, "XDOC-COPIED-NARRATIVE")).toEqual([]);
    // Two clients of one body sharing the passage is still a copy.
    const pair = runCrossRules([...body.slice(0, 2), ...others]);
    expect(of(pair, body[0]!.document.id, "XDOC-COPIED-NARRATIVE")).toHaveLength(1);
  });
  it("stays fast on a large batch", () => {
    const batch = Array.from({ length: 300 }, (_, i) =>
      narrative(
        `d${i}`,
        `公司${i}`,
        `${String(i).repeat(40)}${"的".repeat(i % 7)}${COPIED.slice(i % 20)}`.repeat(10),
      ),
    );
    const t0 = performance.now();
    runCrossRules(batch);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
