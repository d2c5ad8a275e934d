import type { Field, FieldMethod } from "../../src/domain/field.ts";
import type { Flag } from "../../src/domain/flag.ts";
import type {
  AuditRecord,
  CheckboxGroup,
  Evaluation,
  NcItem,
  Report,
  Section,
  TeamMember,
  TeamRole,
} from "../../src/domain/record.ts";
import { runRules } from "../../src/rules/registry.ts";

/** Records for rule tests: `baseRecord()` is fully consistent (no rule fires on it), helpers change one thing. */

const nextPage = 1;

export function f<T>(value: T | null, raw?: string | null, method: FieldMethod = "ocr"): Field<T> {
  const page = nextPage;
  return {
    value,
    raw:
      raw === undefined
        ? value === null
          ? null
          : Array.isArray(value)
            ? value.join("、")
            : String(value)
        : raw,
    confidence: value === null && !raw ? 0 : 0.95,
    page: value === null && !raw ? null : page,
    bbox: value === null && !raw ? null : [100, 200, 900, 240],
    method,
  };
}

export const missing = <T>(): Field<T> => ({
  value: null,
  raw: null,
  confidence: 0,
  page: null,
  bbox: null,
  method: "ocr",
});

export function member(
  name: string,
  role: TeamMember["role"]["value"],
  grade: string | null,
  registrationNo: string | null,
  codes: string[] | null = [],
): TeamMember {
  return {
    name: f(name),
    role: f(role),
    grade: f(grade),
    registrationNo: f(registrationNo),
    technicalCodes: f(codes),
  };
}

export function section(id: string, title: string, text: string, page = 3): Section {
  return { id, title, page, bbox: [80, 100, 1600, 2200], text };
}

export function evaluation(
  sectionId: string,
  title: string,
  result: "符合" | "基本符合" | "不符合" | null,
): Evaluation {
  return { section: sectionId, title, result: f(result, result, "checkbox") };
}

export function nc(
  clause: string | null,
  department: string | null,
  severity: "major" | "minor" | null,
): NcItem {
  return { clause: f(clause), department: f(department), severity: f(severity), text: f("不符合事实描述") };
}

/** An exclusive group with `ticked` checked (several labels for CHK-MULTIPLE, none for CHK-NONE). */
export function group(
  id: string,
  label: string,
  options: string[],
  ticked: string[],
  page = 8,
): CheckboxGroup {
  return {
    id,
    label,
    options: options.map((o, i) => ({
      label: o,
      state: ticked.includes(o) ? "checked" : "unchecked",
      confidence: 0.97,
      page,
      bbox: [300 + i * 200, 500, 340 + i * 200, 540],
    })),
  };
}

const CONCLUSION: [string, string[], string][] = [
  ["审核准则的要求", ["符合", "基本符合", "不符合"], "基本符合"],
  ["适用要求", ["满足", "基本满足", "不满足"], "满足"],
  ["实现预期结果的能力", ["满足", "基本满足", "不满足"], "满足"],
  ["内部审核和管理评审过程", ["有效", "基本有效", "无效"], "有效"],
  ["审核目的", ["达到", "基本达到", "未达到"], "达到"],
  ["体系运行", ["有效", "基本有效", "无效"], "有效"],
];

/** A stage-2 QMS report of a 20-person data-processing firm with one minor NC (7.2, section 3.5), every date,
 * count, box and sentence in agreement. */
export function baseReport(): Report {
  return {
    reportNumber: f("10001-2023-Q"),
    certificationBody: f("北京示例认证有限公司"),
    organization: f("重庆示例数据科技有限公司"),
    auditType: f("stage2", "第二阶段"),
    managementSystems: f(["QMS"]),
    standards: f(["GB/T19001-2016/ISO9001:2015"]),
    reportDate: f("2023-06-13"),
    auditStart: f("2023-06-12", "2023年06月12日上午"),
    auditEnd: f("2023-06-13", "2023年06月13日下午"),
    auditDays: f(2, "2023年06月12日上午至2023年06月13日下午", "derived"),
    stage1Start: f("2023-05-08", "2023-05-08 8:30:00 上午"),
    stage1End: f("2023-05-08", "2023-05-08 17:00:00 下午"),
    stage1Days: f(1, "2023-05-08 8:30:00 上午至 2023-05-08 17:00:00 下午", "derived"),
    coverageFrom: f("2023-01-05"),
    coverageTo: f("2023-06-13"),
    scope: f("数据处理服务"),
    scopeStatements: [f("数据处理服务"), f("数据处理服务"), f("数据处理服务。")],
    sites: f(["重庆市渝北区财富大道 15 号"]),
    employees: f(20),
    headcounts: [f(20), f(20)],
    foundedDate: f("2020-03-01"),
    systemImplementedDate: f("2023-01-05"),
    team: [
      member("王强", "leader", "审核员", "2019-N1QMS-1234567", ["33.03.01"]),
      member("李明", "member", "审核员", "2020-N1QMS-7654321", []),
      member("赵工", "expert", "技术专家", null, ["33.03.01"]),
    ],
    signatures: f(["王强", "李明"]),
    signatureSlots: f<TeamRole[]>(["leader", "member"], "审核组长（签字）、审核组员（签字）"),
    ncMajor: f(0),
    ncMinor: f(1),
    ncItems: [nc("7.2", "质量部", "minor")],
    rectificationDeadline: f("2023-07-13"),
    nextAuditDue: f("2024-06-13"),
    evaluations: [
      evaluation("3.1", "管理体系的策划", "符合"),
      evaluation("3.2", "产品实现的过程和活动的管理控制情况", "符合"),
      evaluation("3.3", "内部审核、管理评审的有效性评价", "符合"),
      evaluation("3.4", "持续改进", "符合"),
      evaluation("3.5", "体系支持", "基本符合"),
    ],
    checkboxGroups: CONCLUSION.map(([label, options, ticked]) =>
      group(`conclusion.${label}`, label, options, [ticked]),
    ),
    conclusion: Object.fromEntries(CONCLUSION.map(([label, , ticked]) => [label, ticked])),
    recommendation: f(
      "recommend_after_correction",
      "在商定的时间内完成对不符合项的整改，并经审核组验证有效后，推荐认证注册",
      "checkbox",
    ),
    sections: [
      section(
        "1.2",
        "审核目的",
        "本次审核的目的是依据审核准则要求，判断受审核方质量管理体系与审核准则的符合性和有效性。",
        2,
      ),
      section(
        "1.5",
        "审核实施过程概述",
        [
          "1.5.1 审核时间：2023年06月12日上午至2023年06月13日下午实施审核。",
          "审核覆盖时期：自2023年01月05日至2023年06月13日下午本次审核结束日。",
          "临时场所（需注明其项目名称、工程性质、施工地址信息、开工和竣工时间）：无",
          "审核中提出严重不符合项（0）项，轻微不符合项（1）项，涉及部门/条款:质量部 7.2",
          "双方商定的不符合项整改时限：2023 年 07 月 13 日前提交审核组长。",
          "拟实施的下次现场审核日期应在 2024 年 06 月 13 日前。",
        ].join("\n"),
        2,
      ),
      section(
        "二",
        "受审核方基本情况",
        "组织成立时间：2020年03月01日 体系实施时间：2023年01月05日\n审核范围内覆盖员工总人数：20人。\n组织申请认证范围为：数据处理服务。",
        3,
      ),
      section(
        "3.2",
        "产品实现的过程和活动的管理控制情况",
        "符合 基本符合 不符合\n查数据处理服务过程，质量部按作业指导书控制服务过程，记录完整。\n现场抽查 2023 年 01-05 月《质量目标达成统计表》，均达到了既定目标。\n自2023年1月体系运行以来，未发生顾客投诉。",
        4,
      ),
      section(
        "3.5",
        "体系支持",
        "□符合 ■基本符合 □不符合\n质量部对岗位人员进行了能力评定，但抽查两名员工培训记录缺失，开具轻微不符合项（7.2）。",
        5,
      ),
      section("四", "认证范围的表述", "数据处理服务", 6),
      section(
        "五",
        "审核组推荐意见",
        "审核准则的要求 符合 基本符合 不符合\n体系运行 有效 基本有效 无效\n评价组确定受审核方的管理体系基本符合相关标准的要求，具备实现预期结果的能力，管理体系运行有效，本次审核达到预期评价目的。",
        8,
      ),
    ],
    impossibleDates: [],
  };
}

export function baseRecord(patch: Partial<Report> = {}): AuditRecord {
  return {
    schemaVersion: "1",
    document: {
      id: "doc-base",
      file: "base.pdf",
      pages: 9,
      kind: "audit_report",
      status: "ok",
      errors: [],
      ocr: { engine: "test", meanConfidence: 0.95, dpi: 300 },
      timings: { totalMs: 0, ocrMs: 0 },
    },
    report: { ...baseReport(), ...patch },
    flags: [],
  };
}

/** The report of a record built here (never null). */
export function rep(record: AuditRecord): Report {
  if (!record.report) throw new Error("record without report");
  return record.report;
}

export function flagsOf(record: AuditRecord, rule: string, config?: unknown): Flag[] {
  return runRules(record, config).filter((fl) => fl.rule === rule);
}

/** Flags of `rule` that are real findings (not "could not check" notes). */
export function findings(record: AuditRecord, rule: string, config?: unknown): Flag[] {
  return flagsOf(record, rule, config).filter((fl) => fl.status === "finding");
}

/** The base record with one change applied to its report. */
export function edit(change: (r: Report) => void): AuditRecord {
  const record = baseRecord();
  change(rep(record));
  return record;
}

export function sectionById(r: Report, id: string): Section {
  const s = r.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
}
