import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import { derived, fieldAt } from "../provenance.ts";
import { matchForm } from "../text/chars.ts";
import type { DocLine } from "../text/lines.ts";

const BY_STANDARD: [RegExp, string][] = [
  [/(?:19001|9001)/, "QMS"],
  [/(?:24001|14001)/, "EMS"],
  [/(?:45001|28001)/, "OHSMS"],
  [/(?:23331|50001)/, "EnMS"],
  [/22000/, "FSMS"],
  [/27341/, "HACCP"],
  [/27001/, "ISMS"],
  [/20000/, "ITSMS"],
  [/50430/, "EC"],
];

const BY_NAME: [RegExp, string][] = [
  [/质量管理体系/, "QMS"],
  [/环境管理体系/, "EMS"],
  [/职业健康安全管理体系/, "OHSMS"],
  [/能源管理体系/, "EnMS"],
  [/食品安全管理体系/, "FSMS"],
  [/HACCP|危害分析与关键控制点/, "HACCP"],
  [/信息安全管理体系/, "ISMS"],
];

/** The systems a report's title names: 质量管理体系审核报告, or 质量、环境和职业健康安全管理体系 with 审核报告 on the
 * line below. */
function titleSystems(lines: readonly DocLine[]): Field<string[]> | null {
  const first = lines[0]?.page;
  const head = lines.filter((l) => l.page === first).slice(0, 8);
  for (const [i, line] of head.entries()) {
    const form = matchForm(line.text);
    const m = form.match(/^([\u4e00-\u9fa5、,，和及与]{2,30}?)管理体系(?:(?:认证)?审核报告)?$/);
    if (!m || !/审核报告/.test(form + matchForm(head[i + 1]?.text ?? ""))) continue;
    const systems = m[1]!
      .split(/[、,，和及与]/)
      .flatMap((part) => BY_NAME.filter(([re]) => re.test(`${part}管理体系`)).map(([, n]) => n));
    if (systems.length > 0)
      return { ...fieldAt(line, 0, line.text.length, [...new Set(systems)], 0.6), method: "derived" };
  }
  return null;
}

/** When no tick was read: the audited systems from the audit criteria (the standards), else from a phrase that
 * names the system being judged (判断受审核方（质量管理体系）). Marked "derived", with lower confidence. The cover's
 * printed option list names every system and is never used. */
export function deriveManagementSystems(
  standards: Field<string[]>,
  lines: readonly DocLine[],
): Field<string[]> {
  if (standards.value && standards.value.length > 0) {
    const systems = [
      ...new Set(standards.value.flatMap((s) => BY_STANDARD.filter(([re]) => re.test(s)).map(([, n]) => n))),
    ];
    if (systems.length > 0) return derived(standards, systems, 0.7);
  }
  const titled = titleSystems(lines);
  if (titled) return titled;
  for (const line of lines) {
    const m = line.text.match(/(?:判断|评价|确认)受审核方[（(]([^）)]{2,40})[）)]/);
    if (!m || m.index === undefined) continue;
    const systems = BY_NAME.filter(([re]) => re.test(matchForm(m[1]!))).map(([, n]) => n);
    if (systems.length > 0)
      return { ...fieldAt(line, m.index, m.index + m[0].length, systems, 0.5), method: "derived" };
  }
  return missingField("derived");
}
