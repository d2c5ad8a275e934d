import type { Evidence, Flag } from "../domain/flag.ts";
import type { CheckboxGroup, CheckboxOption, Report, Section } from "../domain/record.ts";
import { levelOfWord, OPTION_GROUPS, optionWords } from "../lexicon/options.ts";
import { SYSTEM_STANDARDS } from "../lexicon/systems.ts";
import type { RulesConfig } from "./config.ts";
import {
  compact,
  evidenceOf,
  fieldInput,
  finding,
  groupInput,
  narrativeCompact,
  type RuleContext,
  type RuleDef,
  sectionEvidence,
  sectionInput,
  sectionMatches,
  snippet,
  unchecked,
} from "./context.ts";
import { clauseCovers, clauseNumber, clausesOfSection } from "./gbt19001.ts";

/** CHK family: tick boxes against each other and against the report's own words (rules.md, Checkboxes). */

function matchesAny(group: CheckboxGroup, names: readonly string[]): boolean {
  return names.some((n) => group.id === n || group.id.startsWith(`${n}.`) || group.label === n);
}

/** Boxes whose words the option lexicon does not know (src/parse/checkbox/rows.ts): reported as printed, but whether
 * one answer or several is expected is not known, so CHK-MULTIPLE and CHK-NONE do not judge them. */
const UNKNOWN_WORDS = "options";
const judged = (g: CheckboxGroup) => !matchesAny(g, [UNKNOWN_WORDS]);

function optionEvidence(options: readonly CheckboxOption[]): Evidence[] {
  return options.map((o) => ({ page: o.page, bbox: o.bbox, text: `${o.label}（${o.state}）` }));
}

const checked = (g: CheckboxGroup) => g.options.filter((o) => o.state === "checked");

const multiple: RuleDef["check"] = (ctx) =>
  ctx.report.checkboxGroups
    .filter((g) => judged(g) && !matchesAny(g, ctx.config.nonExclusiveGroups) && checked(g).length > 1)
    .map((g) =>
      finding(
        ctx,
        `“${g.label}”同时勾选了 ${checked(g)
          .map((o) => o.label)
          .join("、")}`,
        optionEvidence(checked(g)),
        { subject: g.id, compared: [groupInput(g)] },
      ),
    );

/** Only CHK-NONE says when no boxes were read at all: one note for the family, not three. */
const none: RuleDef["check"] = (ctx) => {
  const groups = ctx.report.checkboxGroups;
  if (groups.length === 0) return [unchecked(ctx, "勾选框", ["勾选框识别结果"])];
  return groups
    .filter((g) => judged(g) && g.options.length > 0 && !matchesAny(g, ctx.config.optionalGroups))
    .filter((g) => g.options.every((o) => o.state === "unchecked"))
    .map((g) => {
      const named = systemsTheCriteriaName(ctx.report, g, ctx.config);
      if (named.length > 0)
        return unchecked(
          ctx,
          `“${g.label}”的勾选`,
          [`勾选状态（审核准则列有${named.join("、")}的标准，框却读作未勾选）`],
          optionEvidence(g.options),
          g.id,
        );
      return finding(ctx, `“${g.label}”一项都没有勾选`, optionEvidence(g.options), {
        subject: g.id,
        compared: [groupInput(g)],
      });
    });
};

/** The systems of a tick group of audited systems whose standard the audit criteria name (GB/T 19001 for 质量管理体系),
 * read with confidence. The criteria say which systems were audited: boxes read all empty beside them disagree with
 * the report's own words, so the boxes' reading (a faint tick, a mark the reader missed) is in doubt. */
function systemsTheCriteriaName(report: Report, group: CheckboxGroup, config: RulesConfig): string[] {
  const standards = report.standards;
  if (standards.value === null || standards.confidence < config.minInputConfidence) return [];
  const cited = standards.value.join(" ").normalize("NFKC");
  return group.options.flatMap((o) => {
    const label = compact(o.label);
    const system = OPTION_GROUPS.system.options.find((w) => optionWords(w).some((x) => compact(x) === label));
    const numbers = SYSTEM_STANDARDS.find((s) => s.code === system?.value)?.numbers ?? [];
    return numbers.some((n) => cited.includes(n)) ? [o.label] : [];
  });
}

const unclear: RuleDef["check"] = (ctx) =>
  ctx.report.checkboxGroups.flatMap((g) => {
    const doubtful = g.options.filter(
      (o) => o.state === "unclear" || o.confidence < ctx.config.checkboxMinConfidence,
    );
    if (doubtful.length === 0) return [];
    const list = doubtful.map((o) => `${o.label}（置信度 ${o.confidence.toFixed(2)}）`).join("、");
    return [
      finding(ctx, `“${g.label}”的勾选状态无法确认：${list}`, optionEvidence(doubtful), { subject: g.id }),
    ];
  });

type Level = "full" | "partial" | "negative";

/** How the conclusion narrative words each criterion of the 五 table. Lookbehinds keep "基本符合"/"不符合"
 * from counting as a plain "符合". */
const CRITERIA: readonly { key: string; full: RegExp; partial: RegExp; negative: RegExp }[] = [
  {
    key: "体系运行",
    full: /(?<!基本)(运行正常有效|正常有效运行|运行正常、有效|(?<!未)有效运行|运行有效)/,
    partial: /运行基本有效|基本有效运行|基本正常运行/,
    negative: /运行无效|未能?有效运行/,
  },
  {
    key: "审核准则",
    full: /(?<!基本|不)符合(相关|有关)?(标准|审核准则|认证准则|准则)的?要求/,
    partial: /基本符合(相关|有关)?(标准|审核准则|认证准则|准则)/,
    negative: /不符合(相关|有关)?(标准|审核准则|认证准则|准则)/,
  },
  {
    key: "实现预期结果",
    full: /(?<!基本|不)具备实现预期结果的能力/,
    partial: /基本具备实现预期结果/,
    negative: /不具备实现预期结果/,
  },
  {
    key: "审核目的",
    full: /(?<!基本|未)达到(了)?(预期)?(的)?(评价|审核)?目的/,
    partial: /基本达到(了)?(预期)?(的)?(评价|审核)?目的/,
    negative: /未达到(预期)?(的)?(评价|审核)?目的/,
  },
  {
    key: "内部审核",
    full: /内部审核和管理评审(过程)?(运行)?(?<!基本)有效/,
    partial: /内部审核和管理评审(过程)?(运行)?基本有效/,
    negative: /内部审核和管理评审(过程)?(运行)?无效/,
  },
];

/** The grade of a ticked option, from the option lexicon (基本合格 → partial); a word it does not know is read as
 * no grade at all, so the rule stays quiet rather than guess. */
function levelOf(option: string): Level | null {
  return levelOfWord(compact(option));
}

const LEVEL_WORD: Record<Level, string> = { full: "肯定", partial: "“基本…”", negative: "否定" };

function conclusionSections(report: Report): Section[] {
  return report.sections.filter((s) => sectionMatches(s, ["推荐意见", "审核结论"], ["五", "第五部分"]));
}

function conclusionContradictions(ctx: RuleContext): Flag[] {
  const out: Flag[] = [];
  const sections = conclusionSections(ctx.report);
  for (const [criterion, ticked] of Object.entries(ctx.report.conclusion)) {
    if (!ticked) continue;
    const lexicon = CRITERIA.find((c) => compact(criterion).includes(c.key));
    if (!lexicon) continue;
    const tickedLevel = levelOf(ticked);
    if (tickedLevel === null) continue;
    for (const section of sections) {
      const text = narrativeCompact(section.text, ctx.config);
      const said = (["partial", "negative", "full"] as const)
        .map((level) => ({ level, m: text.match(lexicon[level]) }))
        .find((x) => x.m !== null);
      if (!said || said.level === tickedLevel || !said.m || said.m.index === undefined) continue;
      const quote = snippet(text, said.m.index, said.m[0].length);
      const group = ctx.report.checkboxGroups.find((g) => compact(`${g.id}${g.label}`).includes(lexicon.key));
      const box = group ? optionEvidence(group.options.filter((o) => o.label === ticked)) : [];
      out.push(
        finding(
          ctx,
          `结论“${criterion}”勾选“${ticked}”，而正文写“${said.m[0]}”（${LEVEL_WORD[said.level]}表述）`,
          [...box, sectionEvidence(section, quote)],
          {
            subject: group?.id ?? `conclusion.${criterion}`,
            compared: [
              group ? groupInput(group) : fieldInput(`勾选项“${criterion}”`, undefined),
              sectionInput(section),
            ],
          },
        ),
      );
      break;
    }
  }
  return out;
}

function ncClausesOf(report: Report): { clause: string; raw: string }[] {
  return report.ncItems.flatMap((nc) => {
    const raw = nc.clause.value ?? nc.clause.raw;
    const clause = raw ? clauseNumber(raw) : null;
    return clause && raw ? [{ clause, raw }] : [];
  });
}

function hasNegative(text: string, config: RulesConfig): boolean {
  return config.lexicons.negativeMarkers.some((m) => text.includes(compact(m)));
}

function evaluationContradictions(ctx: RuleContext): Flag[] {
  const out: Flag[] = [];
  const ncs = ncClausesOf(ctx.report);
  for (const ev of ctx.report.evaluations) {
    const result = ev.result.value;
    if (result === null) continue;
    const section = ctx.report.sections.find((s) => s.id === ev.section);
    const clauses = clausesOfSection(`${ev.title} ${section?.title ?? ""}`);
    const against = ncs.filter((nc) => clauses.some((p) => clauseCovers(p, nc.clause)));
    const where: Evidence[] =
      ev.result.page === null ? [] : [{ page: ev.result.page, bbox: ev.result.bbox, text: result }];
    const subject = `evaluation.${ev.section}`;
    const group = ctx.report.checkboxGroups.find((g) => g.id === subject);
    const tick = group ? groupInput(group) : fieldInput(`${ev.section} 的勾选`, ev.result);
    if (result === "符合" && against.length > 0) {
      out.push(
        finding(
          ctx,
          `${ev.section} ${ev.title}勾选“符合”，但本节条款提出了不符合项（${against.map((a) => a.clause).join("、")}）`,
          where,
          { subject, compared: [tick] },
        ),
      );
    } else if (result === "不符合" && against.length === 0 && section) {
      const text = narrativeCompact(section.text, ctx.config);
      if (text.length >= 20 && !hasNegative(text, ctx.config)) {
        out.push(
          finding(
            ctx,
            `${ev.section} ${ev.title}勾选“不符合”，但本节正文全为肯定表述且未提出不符合项`,
            [...where, sectionEvidence(section, snippet(text, 0, 40, 0))],
            { subject, compared: [tick, sectionInput(section)] },
          ),
        );
      }
    }
  }
  return out;
}

const vsNarrative: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const missing: string[] = [];
  if (r.sections.length === 0) missing.push("章节正文");
  if (
    Object.values(r.conclusion).every((v) => v === null) &&
    r.evaluations.every((e) => e.result.value === null)
  ) {
    missing.push("结论与评价勾选");
  }
  if (missing.length) return [unchecked(ctx, "勾选与正文是否一致", missing)];
  return [...conclusionContradictions(ctx), ...evaluationContradictions(ctx)];
};

function criteriaEntry(report: Report): [string, string | null] | undefined {
  return Object.entries(report.conclusion).find(([k]) => compact(k).includes("审核准则"));
}

/** A note, not an error: many bodies tick 符合 while minor NCs are pending correction. */
const criteriaWithNc: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const entry = criteriaEntry(r);
  const major = r.ncMajor.value;
  const minor = r.ncMinor.value;
  const missing: string[] = [];
  if (!entry || entry[1] === null) missing.push("“审核准则的要求”勾选");
  if (major === null && minor === null && r.ncItems.length === 0) missing.push("不符合项数量");
  if (missing.length) return [unchecked(ctx, "审核准则结论与不符合项", missing)];
  const count = Math.max((major ?? 0) + (minor ?? 0), r.ncItems.length);
  if (entry![1] !== "符合" || count === 0) return [];
  const group = r.checkboxGroups.find((g) => compact(`${g.id}${g.label}`).includes("审核准则"));
  const listed = (sev: "major" | "minor") => r.ncItems.filter((i) => i.severity.value === sev).length;
  return [
    finding(
      ctx,
      `“审核准则的要求”勾选“符合”，但提出了不符合项（严重 ${major ?? listed("major")} 项，轻微 ${minor ?? listed("minor")} 项）`,
      [...(group ? optionEvidence(checked(group)) : []), ...evidenceOf(r.ncMajor, r.ncMinor)],
      {
        subject: group?.id ?? `conclusion.${entry![0]}`,
        compared: [group ? groupInput(group) : fieldInput("“审核准则的要求”勾选", undefined)],
      },
    ),
  ];
};

export const checkboxRules: RuleDef[] = [
  {
    id: "CHK-MULTIPLE",
    family: "CHK",
    severity: "high",
    description: "互斥选项勾选了多个",
    inputs: { groups: ["all exclusive groups"] },
    check: multiple,
  },
  {
    id: "CHK-NONE",
    family: "CHK",
    severity: "medium",
    description: "必选的选项组一个也未勾选",
    inputs: { groups: ["all required groups"] },
    check: none,
  },
  {
    id: "CHK-UNCLEAR",
    family: "CHK",
    severity: "low",
    description: "勾选状态无法可靠识别",
    inputs: { groups: ["all groups"] },
    check: unclear,
  },
  {
    id: "CHK-VS-NARRATIVE",
    family: "CHK",
    severity: "medium",
    description: "勾选结果与报告正文表述矛盾",
    inputs: { groups: ["conclusion.*", "evaluation.*"], fields: ["ncItems.clause"], sections: ["五", "3.x"] },
    check: vsNarrative,
  },
  {
    id: "CHK-CRITERIA-WITH-NC",
    family: "CHK",
    severity: "low",
    description: "提出不符合项但“审核准则的要求”勾选“符合”",
    inputs: { groups: ["conclusion.审核准则的要求"], fields: ["ncMajor", "ncMinor", "ncItems"] },
    check: criteriaWithNc,
  },
];
