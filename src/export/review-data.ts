import type { Field } from "../domain/field.ts";
import type { Report } from "../domain/record.ts";
import { cellOf, LOW_CONFIDENCE, SCALAR_FIELDS, SCALAR_KEYS } from "./fields.ts";

/** One row of a report's field table, compact because 1,000 reports x ~90 rows are embedded in the page:
 * [label, key, value, raw, confidence, page, method, mark]. mark: "low" (< LOW_CONFIDENCE), "missing"
 * (not found) or "". */
export type FieldRowData = [
  string,
  string,
  string | null,
  string | null,
  number,
  number | null,
  string,
  string,
];

export interface ReportFieldsData {
  rows: FieldRowData[];
  /** criterion -> ticked option; null when none or several are ticked. */
  conclusion: [string, string | null][];
}

/** Enum values in the committee's words, with the stored value kept so CSV and page can be compared. */
const WORDS: Readonly<Record<string, string>> = {
  stage1: "第一阶段",
  stage2: "第二阶段",
  initial: "初次认证",
  surveillance: "监督审核",
  recertification: "再认证",
  special: "特殊审核",
  leader: "组长",
  member: "组员",
  expert: "技术专家",
  observer: "观察员",
  guide: "向导",
  major: "严重",
  minor: "一般",
  recommend: "推荐认证注册",
  recommend_after_correction: "纠正后推荐",
  not_recommend: "不推荐",
};

function row(label: string, key: string, f: Field<unknown>, enumLike = false): FieldRowData {
  const value = cellOf(f.value);
  const shown =
    value === null
      ? null
      : enumLike && WORDS[String(value)]
        ? `${WORDS[String(value)]} (${value})`
        : String(value);
  const mark = f.value === null ? "missing" : f.confidence < LOW_CONFIDENCE ? "low" : "";
  return [label, key, shown, f.raw, f.confidence, f.page, f.method, mark];
}

const ENUM_KEYS = new Set(["auditType", "recommendation"]);

export function reportFieldsData(report: Report): ReportFieldsData {
  const rows = SCALAR_KEYS.map((k) => row(SCALAR_FIELDS[k].label, k, report[k], ENUM_KEYS.has(k)));
  report.team.forEach((m, i) => {
    const who = `审核组 ${i + 1}`;
    rows.push(row(`${who} 姓名`, `team.${i}.name`, m.name));
    rows.push(row(`${who} 角色`, `team.${i}.role`, m.role, true));
    rows.push(row(`${who} 资格`, `team.${i}.grade`, m.grade));
    rows.push(row(`${who} 注册号`, `team.${i}.registrationNo`, m.registrationNo));
    rows.push(row(`${who} 专业代码`, `team.${i}.technicalCodes`, m.technicalCodes));
  });
  report.ncItems.forEach((nc, i) => {
    const which = `不符合项 ${i + 1}`;
    rows.push(row(`${which} 性质`, `ncItems.${i}.severity`, nc.severity, true));
    rows.push(row(`${which} 条款`, `ncItems.${i}.clause`, nc.clause));
    rows.push(row(`${which} 部门`, `ncItems.${i}.department`, nc.department));
    rows.push(row(`${which} 描述`, `ncItems.${i}.text`, nc.text));
  });
  report.evaluations.forEach((e, i) => {
    rows.push(row(`${e.section} ${e.title}`, `evaluations.${i}.result`, e.result));
  });
  return { rows, conclusion: Object.entries(report.conclusion) };
}

/** JSON safe inside <script type="application/json">: no "<" (so no </script> or <!--), and the two
 * characters that end lines in older JS parsers escaped too. JSON.parse reads it back unchanged. */
export function embedJson(data: unknown): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
