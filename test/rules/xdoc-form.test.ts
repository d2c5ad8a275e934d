import { describe, expect, it } from "vitest";
import type { AuditRecord, Section } from "../../src/domain/record.ts";
import { runCrossRules } from "../../src/rules/registry.ts";
import { baseRecord, f, group, member, rep } from "./builders.ts";

/** XDOC-COPIED-NARRATIVE on two clients' reports of one body's form (issue #26): the form's printed option rows, its
 * option sentences and the rows holding its tick boxes are the same in both by nature. Wording as the generator's
 * families print it (tuv-stacked conclusion rows that wrap, sgs-bilingual recommendation sentences, caq-prose
 * bracketed options), each line where it stands on the page. */

function doc(id: string, org: string, lines: readonly string[], boxes = false): AuditRecord {
  const record = baseRecord();
  record.document = { ...record.document, id, file: `${id}.pdf` };
  const r = rep(record);
  r.organization = f(org);
  r.reportNumber = f(`NO-${id}`);
  r.team = [member(`员${id}`, "leader", "审核员", "2019-N1QMS-0000001", ["1"])];
  const placed = lines.map((text, i) => ({
    text,
    page: 4,
    bbox: [160, 200 + 50 * i, 1400, 230 + 50 * i] as [number, number, number, number],
  }));
  const section: Section = {
    id: "5",
    title: "结论",
    page: 4,
    bbox: [80, 200, 1600, 2200],
    text: lines.join("\n"),
    lines: placed,
  };
  r.sections = [section];
  // Boxes found on the first four rows, just right of the words (y as the row).
  r.checkboxGroups = boxes
    ? lines.slice(0, 4).map((_, i) => ({
        ...group(`conclusion.${i}`, `第${i}行`, ["符合", "基本符合", "不符合"], ["符合"], 4),
        options: group(
          `conclusion.${i}`,
          `第${i}行`,
          ["符合", "基本符合", "不符合"],
          ["符合"],
          4,
        ).options.map((o, k) => ({
          ...o,
          bbox: [1410 + 60 * k, 202 + 50 * i, 1436 + 60 * k, 228 + 50 * i] as [
            number,
            number,
            number,
            number,
          ],
        })),
      }))
    : [];
  return record;
}

const of = (out: Map<string, { rule: string }[]>, id: string) =>
  (out.get(id) ?? []).filter((fl) => fl.rule === "XDOC-COPIED-NARRATIVE");

const WRAPPED_ROWS = [
  "管理体系文件 Effective 有效 Partly effective 基本有效",
  "Ineffective 无效",
  "内部审核和管理评审 Effective 有效 Partly effective 基本有效",
  "Ineffective 无效",
  "满足法律法规要求的能力 Effective 有效 Partly effective 基本有效",
  "Ineffective 无效",
  "体系运行 Effective 有效 Partly effective 基本有效",
  "Ineffective 无效",
];
const SENTENCES = [
  "The audit team recommends that certification be granted / continued. 审核组推荐认证注册（保持认证）。",
  "Certification is recommended once the corrective actions for the nonconformities have been accepted by",
  "the team leader. 不符合项的纠正措施经审核组长验证接受后，推荐认证注册。",
  "The audit team does not recommend certification. 审核组不推荐认证注册。",
];
const COPIED =
  "审核组与卢鑫等5名员工进行了面谈，抽查了近一年的顾客沟通记录23份、合同评审记录28份，顾客反馈的问题均在规定时限内得到答复和处理，满意度调查回收问卷69份，综合满意率为97%，对调查中提出的服务响应速度、沟通方式和信息反馈等方面的意见，已制定了5项改进措施并明确了责任人和完成时限。";

describe("XDOC-COPIED-NARRATIVE and the form's printed options", () => {
  it("is quiet on option rows that wrap and option sentences printed one per line", () => {
    const form = [...WRAPPED_ROWS, ...SENTENCES];
    const out = runCrossRules([doc("a", "甲公司", form), doc("b", "乙公司", form)]);
    expect(of(out, "a")).toEqual([]);
    expect(of(out, "b")).toEqual([]);
  });
  it("is quiet on rows that hold the report's tick boxes", () => {
    const rows = [
      "管理体系文件是否符合标准要求并得到有效实施，审核组对文件化信息进行了抽样",
      "内部审核和管理评审是否有效，审核组查阅了内审报告及管理评审输出记录",
      "是否具备满足适用法律法规要求的能力，审核组查阅了合规性评价记录",
      "管理体系运行是否有效，审核组对各部门运行情况进行了抽样检查",
    ];
    const out = runCrossRules([doc("a", "甲公司", rows, true), doc("b", "乙公司", rows, true)]);
    expect(of(out, "a")).toEqual([]);
    // The same rows without boxes found on them are compared as narrative.
    const bare = runCrossRules([doc("a", "甲公司", rows), doc("b", "乙公司", rows)]);
    expect(of(bare, "a")).toHaveLength(1);
  });
  it("still finds a narrative passage copied between the option rows", () => {
    const form = [...WRAPPED_ROWS.slice(0, 4), COPIED.slice(0, 60), COPIED.slice(60), ...SENTENCES];
    const out = runCrossRules([doc("a", "甲公司", form), doc("b", "乙公司", form)]);
    expect(of(out, "a")).toHaveLength(1);
    expect(of(out, "b")).toHaveLength(1);
  });
});

/** Two tuv-stacked reports of seed 9630 (conclusion page, OCR lines as read, page and top edge): one body's form, two
 * clients; nothing in it was copied. */
const TUV_A: [number, number, string][] = [
  [2, 1867, "Majornonconformities严重不符合:0 Minornonconformities一般不符合:3"],
  [2, 1924, "Corrective Action Due Date纠正\t11 June 2025"],
  [2, 1962, "措施期限"],
  [2, 2039, "Next Audit Date下次审核日期\t22 May 2026"],
  [2, 2228, "BSI-2025-0398 Page2of5第2页共5页"],
  [3, 153, "5.Conclusion and Recommendation结论与推荐"],
  [3, 216, "管理体系文件\tEffective有效Partilly effective基本有效Not"],
  [3, 254, "effective无效"],
  [3, 311, "内部审核和管理评审\tEffective有效Partilly effective基本有效Not"],
  [3, 349, "effective无效"],
  [3, 391, "满足法律法规要求的能力\tEffective有效Partillyeffective基本有效Not"],
  [3, 444, "effective无效"],
  [3, 501, "体系运行\tEffective有效Partially effective基本有效口Not"],
  [3, 539, "effective无效"],
  [3, 601, "The management system is implemented,with weaknesses to be addressed.管理体系运行基本有效。"],
  [3, 658, "Scope Confirmed推荐认证范围\t数据处理服务"],
  [3, 719, "Recommended for continued certification推荐保持认证\t京有限"],
  [3, 760, "Recommendedforcontinuedcertification afterverification ofcorretive actions纠正措施验证后推荐"],
  [3, 816, "保持认证"],
  [3, 861, "Certification not recommended不推荐保持认证"],
  [3, 928, "Lead Auditor审核组长\t张博\tDate日期\t22 May2025"],
  [3, 2227, "BSI-2025-0398Page 3of5第3页共5页"],
  [4, 2227, "BSI-2025-0398Page4of5第4页共5页"],
];
const TUV_B: [number, number, string][] = [
  [2, 1844, "Majornonconformities严重不符合:0 Minornonconformities一般不符合:3"],
  [2, 1901, "CorrectiveActionDueDate/纠正Jul14,2023"],
  [2, 1940, "措施期限"],
  [2, 2018, "NextAuditDue/下次审核日期\tMay19,2024"],
  [2, 2230, "BSI-2023-0216 Page2of5第2页共5页"],
  [3, 158, "5.Conclusion and Recommendation结论与推荐"],
  [3, 240, "Arethemanagementsystemdocumentsconforming\tYes是Partly基本\tNo否"],
  [3, 279, "andeffectivelyimplemented?管理体系文件"],
  [3, 335, "Are internal auditsand management reviews effective?\tYes是Partly基本\tNo否"],
  [3, 374, "内部审核和管理评审"],
  [3, 416, "Istheorganizationabletomeetapplicablelegal\tYes是Partly基本No否"],
  [3, 469, "requirements?满足法律法规要求的能力"],
  [3, 525, "Isthemanagement systemoperating effectively?体系\tYes是Partly基本\tNo否"],
  [3, 564, "运行"],
  [3, 627, "Themanagementsystemisimplemented,withweaknessestobeaddressed.管理体系运行基本有效。"],
  [3, 683, "ScopeConfirmed/推荐认证范围中餐类制售（含凉菜）"],
  [3, 748, "Recommended forcontinued certification推荐保持认证\tA证正北"],
  [3, 784, "Recommended forcontinued certificationafterverificationoforetiveactions纠正措施验证后推荐"],
  [3, 841, "保持认证"],
  [3, 886, "Certificationnotrecommended不推荐保持认证"],
  [3, 958, "LeadAuditor/审核组长\t王鑫杰\tDate/日期\tJun202023"],
  [3, 2229, "BSl-2023-0216Page3of5第3页共5页"],
  [4, 2229, "BSI-2023-0216Page4of5第4页共5页"],
];

function paged(id: string, org: string, lines: [number, number, string][]): AuditRecord {
  const record = doc(
    id,
    org,
    lines.map(([, , t]) => t),
  );
  const r = rep(record);
  const section = r.sections[0]!;
  section.lines = lines.map(([page, y, text]) => ({ text, page, bbox: [160, y, 1400, y + 30] }));
  return record;
}

describe("XDOC-COPIED-NARRATIVE and the form around its options", () => {
  it("is quiet on a form's labels and page feet either side of its option rows (a passage never runs across them)", () => {
    const out = runCrossRules([paged("a", "甲公司", TUV_A), paged("b", "乙公司", TUV_B)]);
    expect(of(out, "a")).toEqual([]);
    expect(of(out, "b")).toEqual([]);
  });
  it("still finds a passage copied into the same form", () => {
    const withCopy = (lines: [number, number, string][]): [number, number, string][] => [
      ...lines.slice(0, 4),
      [2, 2100, COPIED.slice(0, 60)],
      [2, 2140, COPIED.slice(60)],
      ...lines.slice(4),
    ];
    const out = runCrossRules([paged("a", "甲公司", withCopy(TUV_A)), paged("b", "乙公司", withCopy(TUV_B))]);
    expect(of(out, "a")).toHaveLength(1);
  });
});
