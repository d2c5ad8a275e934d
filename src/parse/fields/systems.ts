import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import { REPORT_TITLE_WORDS } from "../../lexicon/documents.ts";
import { OPTION_GROUPS } from "../../lexicon/options.ts";
import { JUDGED_SYSTEM, SYSTEM_STANDARDS, SYSTEM_TITLE } from "../../lexicon/systems.ts";
import { derived, fieldAt } from "../provenance.ts";
import { matchForm } from "../text/chars.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation, anyWord, escapeRegExp } from "../text/pattern.ts";

const BY_STANDARD: [RegExp, string][] = SYSTEM_STANDARDS.map(({ code, numbers }) => [
  anyWord(numbers, ""),
  code,
]);

/** A system by its name: the option's first Chinese word and its English ones (质量管理体系, QMS). */
const BY_NAME: [RegExp, string][] = OPTION_GROUPS.system.options
  .filter((o) => !o.needsBox)
  .map((o) => [anyWord([o.zh[0] ?? o.value, ...o.en]), o.value]);

const JOINERS = SYSTEM_TITLE.joiners.map(escapeRegExp).join("");
const TITLE_LIST = new RegExp(
  `^([\\u4e00-\\u9fa5${JOINERS}]{2,30}?)${escapeRegExp(SYSTEM_TITLE.suffix)}(?:${alternation(SYSTEM_TITLE.tails)})?$`,
);
const JOINER = new RegExp(`[${JOINERS}]`);
const REPORT_TITLE = anyWord(REPORT_TITLE_WORDS);
const JUDGED = new RegExp(
  `(?:${alternation(JUDGED_SYSTEM.verbs)})${escapeRegExp(JUDGED_SYSTEM.object)}[（(]([^）)]{2,40})[）)]`,
);

/** The systems a report's title names: 质量管理体系审核报告, or 质量、环境和职业健康安全管理体系 with 审核报告 on the
 * line below. */
function titleSystems(lines: readonly DocLine[]): Field<string[]> | null {
  const first = lines[0]?.page;
  const head = lines.filter((l) => l.page === first).slice(0, 8);
  for (const [i, line] of head.entries()) {
    const form = matchForm(line.text);
    const m = form.match(TITLE_LIST);
    if (!m || !REPORT_TITLE.test(form + matchForm(head[i + 1]?.text ?? ""))) continue;
    const systems = m[1]!
      .split(JOINER)
      .flatMap((part) =>
        BY_NAME.filter(([re]) => re.test(`${part}${SYSTEM_TITLE.suffix}`)).map(([, n]) => n),
      );
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
    const m = line.text.match(JUDGED);
    if (!m || m.index === undefined) continue;
    const systems = BY_NAME.filter(([re]) => re.test(matchForm(m[1]!))).map(([, n]) => n);
    if (systems.length > 0)
      return { ...fieldAt(line, m.index, m.index + m[0].length, systems, 0.5), method: "derived" };
  }
  return missingField("derived");
}
