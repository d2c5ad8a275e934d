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
  for (const line of lines) {
    const m = line.text.match(/(?:判断|评价|确认)受审核方[（(]([^）)]{2,40})[）)]/);
    if (!m || m.index === undefined) continue;
    const systems = BY_NAME.filter(([re]) => re.test(matchForm(m[1]!))).map(([, n]) => n);
    if (systems.length > 0)
      return { ...fieldAt(line, m.index, m.index + m[0].length, systems, 0.5), method: "derived" };
  }
  return missingField("derived");
}
