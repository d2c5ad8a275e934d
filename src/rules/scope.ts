import { distance } from "fastest-levenshtein";
import type { Flag } from "../domain/flag.ts";
import type { Report, Section } from "../domain/record.ts";
import type { ForeignTerm, RulesConfig } from "./config.ts";
import {
  compact,
  evidenceOf,
  fieldsIn,
  finding,
  innermostFirst,
  isTemplateLine,
  type RuleDef,
  sectionEvidence,
  sectionInput,
  sectionLabel,
  sectionMatches,
  snippet,
  unchecked,
} from "./context.ts";

/** SCOPE family: text that belongs to another client (copy-paste), and scope statements that disagree. */

/** Sections where the organisation describes itself (二 受审核方基本情况, 四 …基本信息暨认证范围的表述): they
 * define what is "own", so they are the reference, not the text searched. By title only: numbering differs
 * between templates (another template's 第二部分 is 审核发现, exactly the text to search). */
const OWN_TITLES = ["基本情况", "基本信息", "认证范围的表述", "受审核方概况"];
const isOwn = (s: Section) => sectionMatches(s, OWN_TITLES);

function ownText(report: Report): string {
  const parts = [
    report.scope.value,
    report.organization.value,
    ...report.scopeStatements.map((s) => s.value),
    ...report.sections.filter(isOwn).map((s) => s.text),
  ];
  return compact(parts.filter((p): p is string => p !== null).join("\n"));
}

function termPattern(term: ForeignTerm): RegExp {
  return new RegExp(term.pattern ?? term.term.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), "g");
}

/** Narrative lines of a section, minus form template, each compacted. */
function narrativeLines(section: Section, config: RulesConfig): string[] {
  return section.text
    .split(/\r?\n/)
    .filter((l) => !isTemplateLine(l, config))
    .map(compact);
}

/** Term hits of one section, skipping lines already reported from an inner section (`seen`). */
function foreignHits(
  section: Section,
  terms: readonly ForeignTerm[],
  config: RulesConfig,
  seen: Set<string>,
): { term: string; quote: string; focus: string }[] {
  const hits: { term: string; quote: string; focus: string }[] = [];
  const lines = narrativeLines(section, config);
  for (const term of terms) {
    const pattern = termPattern(term);
    for (const line of lines) {
      const m = [...line.matchAll(pattern)].find(
        (x) =>
          !term.ignore.some((ig) =>
            line.slice(Math.max(0, x.index - 8), x.index + x[0].length + 8).includes(ig),
          ),
      );
      if (!m) continue;
      const key = `${term.term}|${line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ term: term.term, quote: snippet(line, m.index, m[0].length, 20), focus: line });
      break;
    }
  }
  return hits;
}

const foreignText: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const own = ownText(r);
  const missing: string[] = [];
  if (r.scope.value === null && r.scopeStatements.every((s) => s.value === null)) missing.push("认证范围");
  if (r.sections.length === 0) missing.push("章节正文");
  if (missing.length) return [unchecked(ctx, "正文是否含其他客户的内容", missing)];
  // A term is foreign only if neither it nor any of its sector words occurs in the scope or self-description.
  const foreign = ctx.config.lexicons.foreignTerms.filter(
    (t) =>
      !own.includes(compact(t.term)) &&
      !t.belongsTo.some((b) => own.includes(compact(b))) &&
      !termPattern(t).test(own),
  );
  if (foreign.length === 0) return [];
  const scope = r.scope.value ?? r.scopeStatements.find((s) => s.value !== null)?.value ?? "";
  const out: Flag[] = [];
  const seen = new Set<string>();
  for (const section of innermostFirst(r.sections)) {
    if (isOwn(section)) continue;
    if (sectionMatches(section, ctx.config.xdoc.boilerplateSections)) continue;
    const hits = foreignHits(section, foreign, ctx.config, seen);
    if (hits.length === 0) continue;
    out.push(
      finding(
        ctx,
        `${sectionLabel(section, r.sections)} 出现与认证范围（${scope}）无关的内容：${hits.map((h) => h.term).join("、")}（“${hits[0]!.quote}”），疑似从其他客户报告复制`,
        hits.map((h) => sectionEvidence(section, h.quote, h.focus)),
        { compared: [sectionInput(section)] },
      ),
    );
  }
  return out;
};

/** Punctuation and brackets differ between places and OCR reads them loosely; the words must agree. */
function normScope(s: string): string {
  // Every punctuation mark and symbol, not a list: OCR turns （ into 〈, 【, < or |.
  return compact(s).replace(/[\p{P}\p{S}|]/gu, "");
}

/** A statement in one language: its Chinese text when it has some (a bilingual cell's English gloss set aside),
 * else its Latin words. A scope and its English translation are one statement, never compared. */
function inLanguage(s: string): { lang: "zh" | "en"; text: string } {
  const han = normScope(s).replace(/[^\p{Script=Han}\d]/gu, "");
  if (han.replace(/\d/g, "").length >= 4) return { lang: "zh", text: han };
  return { lang: "en", text: normScope(s).toLowerCase() };
}

const inconsistent: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const statements = r.scopeStatements.filter((s) => s.value !== null && normScope(s.value).length > 0);
  if (statements.length === 0 && r.scope.value === null)
    return [unchecked(ctx, "认证范围一致性", ["认证范围"])];
  // The scope field is usually one of the statements; comparing it too costs nothing and catches a
  // statement the parser kept only as the field.
  const all =
    r.scope.value !== null && normScope(r.scope.value).length > 0 ? [r.scope, ...statements] : statements;
  for (const lang of ["zh", "en"] as const) {
    const same = all.map((f) => ({ f, ...inLanguage(f.value!) })).filter((x) => x.lang === lang && x.text);
    if (same.length < 2) continue;
    const first = same[0]!;
    for (const other of same.slice(1)) {
      const similarity =
        1 - distance(first.text, other.text) / Math.max(first.text.length, other.text.length);
      if (similarity < ctx.config.scopeSimilarity) {
        return [
          finding(
            ctx,
            `报告各处的认证范围不一致：“${first.f.value}”与“${other.f.value}”`,
            evidenceOf(first.f, other.f),
            { compared: fieldsIn({ 认证范围表述一: first.f, 认证范围表述二: other.f }) },
          ),
        ];
      }
    }
  }
  return [];
};

export const scopeRules: RuleDef[] = [
  {
    id: "SCOPE-FOREIGN-TEXT",
    family: "SCOPE",
    severity: "high",
    description: "正文出现与认证范围无关的服务、产品或标准（疑似复制）",
    inputs: { fields: ["scope", "scopeStatements"], sections: ["narrative"] },
    check: foreignText,
  },
  {
    id: "SCOPE-INCONSISTENT",
    family: "SCOPE",
    severity: "medium",
    description: "1.5.2、二、四等处的认证范围不一致",
    inputs: { fields: ["scope", "scopeStatements"] },
    check: inconsistent,
  },
];
