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
