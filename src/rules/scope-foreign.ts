import type { Flag } from "../domain/flag.ts";
import type { Report, Section } from "../domain/record.ts";
import { IAF_SECTORS, iafSectorOf } from "../lexicon/iaf-sectors.ts";
import {
  GBT4754_SECTIONS,
  INDUSTRY_CLASSES,
  INDUSTRY_TEMPLATE_CONTEXT,
  type IndustryClass,
  SUPPLIER_CONTEXT,
} from "../lexicon/industries.ts";
import { OWN_SECTION_TITLES } from "../lexicon/sections.ts";
import type { IndustryTerm, RulesConfig } from "./config.ts";
import {
  compact,
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

/** SCOPE-FOREIGN-TEXT as a class: the trades a narrative line names (src/lexicon/industries.ts) against the
 * report's own industry, which is what its scope, organisation name and self-description name and the IAF sectors
 * of the technical-area codes it prints (专业代码). A sentence is foreign when the trade words in it that belong to
 * no own industry weigh `foreignMinWeight`: one trade name (招标代理) or two of a trade's record words (留样, 餐具消毒). */

const CLASS = new Map<string, IndustryClass>(INDUSTRY_CLASSES.map((c) => [c.code, c]));
const BROAD = new Set(IAF_SECTORS.filter((s) => s.broad).map((s) => s.code));

/** Sections where the organisation describes itself: they define what is "own", so they are the reference, not the
 * text searched. By title only: numbering differs between templates. */
const isOwn = (s: Section) => sectionMatches(s, OWN_SECTION_TITLES);

interface Own {
  text: string;
  classes: Set<string>;
  /** IAF sectors that say which trades are own: codes printed, sectors of own classes; broad sectors left out. */
  sectors: Set<number>;
  /** Codes were printed: the own industry is known even where only a broad sector's. */
  codes: number;
}

function termPattern(term: IndustryTerm): RegExp {
  return new RegExp(term.pattern ?? term.term.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"), "gu");
}

function ownIndustry(r: Report, terms: readonly IndustryTerm[]): Own {
  const parts = [
    r.scope.value,
    r.organization.value,
    ...r.scopeStatements.map((s) => s.value),
    ...r.sections.filter(isOwn).map((s) => s.text),
  ];
  const text = compact(parts.filter((p): p is string => p !== null).join("\n"));
  const classes = new Set(terms.filter((t) => termPattern(t).test(text)).flatMap((t) => t.classes));
  const printed = [
    ...r.team.flatMap((m) => m.technicalCodes.value ?? []),
    ...(text.match(/(?<![\d.])\d{2}\.\d{2}(?:\.\d{2})?(?![\d.])/g) ?? []),
  ];
  const codeSectors = printed.map(iafSectorOf).filter((s): s is number => s !== null);
  const sectors = new Set(
    [...codeSectors, ...[...classes].flatMap((c) => CLASS.get(c)?.iaf ?? [])].filter((s) => !BROAD.has(s)),
  );
  return { text, classes, sectors, codes: codeSectors.length };
}

/** A term is own when the own text says it, one of its classes is own or related to an own class (either way),
 * or one of its classes is certified under an own sector that is not broad. */
function isOwnTerm(term: IndustryTerm, own: Own): boolean {
  if (own.text.includes(compact(term.term))) return true;
  return term.classes.some((code) => {
    if (own.classes.has(code)) return true;
    const cls = CLASS.get(code);
    if (cls?.related?.some((r) => own.classes.has(r))) return true;
    if ([...own.classes].some((o) => CLASS.get(o)?.related?.includes(code))) return true;
    return (cls?.iaf ?? []).some((s) => !BROAD.has(s) && own.sectors.has(s));
  });
}

interface Hit {
  terms: string[];
  classes: string[];
  quote: string;
  /** Words around the first foreign term, to find its line. */
  focus: string;
}

/** A section's narrative as sentences: template lines dropped, a long line joined to the next (prose wraps
 * mid-sentence), a short one (a cell, a label) kept apart; then cut at sentence ends. */
function sentencesOf(section: Section, config: RulesConfig): string[] {
  let joined = "";
  for (const raw of section.text.split(/\r?\n/)) {
    if (isTemplateLine(raw, config)) continue;
    const line = compact(raw);
    if (line.length === 0) continue;
    joined += line + (line.length >= PROSE_LINE ? "" : "\n");
  }
  return joined.split(/[。；;！!？?\n]/).filter((x) => x.length > 0);
}

const PROSE_LINE = 20;

/** Foreign terms of one sentence, longest first, each span counted once (施工日志 is not also 施工). */
function sentenceHit(sentence: string, foreign: readonly IndustryTerm[], config: RulesConfig): Hit | null {
  // A supplier's or subcontractor's trade is named, not the client's own work (外包过程为虫害消杀).
  if (SUPPLIER_CONTEXT.some((w) => sentence.includes(w))) return null;
  const taken: [number, number][] = [];
  const found: { term: IndustryTerm; at: number; len: number }[] = [];
  for (const term of foreign) {
    for (const m of sentence.matchAll(termPattern(term))) {
      const at = m.index;
      const end = at + m[0].length;
      if (taken.some(([a, b]) => at < b && end > a)) continue;
      const around = sentence.slice(Math.max(0, at - 8), end + 8);
      if (INDUSTRY_TEMPLATE_CONTEXT.some((w) => around.includes(w))) continue;
      taken.push([at, end]);
      found.push({ term, at, len: m[0].length });
    }
  }
  const distinct = [...new Map(found.map((f) => [f.term.term, f])).values()];
  const weight = distinct.reduce((w, f) => w + f.term.weight, 0);
  const first = distinct.reduce<(typeof distinct)[number] | null>(
    (a, b) => (a && a.at <= b.at ? a : b),
    null,
  );
  if (weight < config.foreignMinWeight || first === null) return null;
  return {
    terms: distinct.map((f) => f.term.term),
    classes: [...new Set(distinct.flatMap((f) => f.term.classes))],
    quote: snippet(sentence, first.at, first.len, 20),
    focus: sentence.slice(first.at, first.at + first.len + 8),
  };
}

/** The trades named: a class by its name, several classes of one GB/T 4754 section by the section's. */
function tradeNames(codes: readonly string[]): string[] {
  const bySection = new Map<string, string[]>();
  for (const code of codes) {
    const section = CLASS.get(code)?.section ?? code;
    bySection.set(section, [...(bySection.get(section) ?? []), code]);
  }
  return [...bySection].flatMap(([section, cs]) =>
    cs.length > 1 ? [GBT4754_SECTIONS[section] ?? section] : cs.map((c) => CLASS.get(c)?.zh ?? c),
  );
}

export const foreignText: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const missing: string[] = [];
  if (r.scope.value === null && r.scopeStatements.every((s) => s.value === null)) missing.push("认证范围");
  if (r.sections.length === 0) missing.push("章节正文");
  if (missing.length) return [unchecked(ctx, "正文是否含其他客户的内容", missing)];
  const terms = ctx.config.lexicons.industryTerms;
  const own = ownIndustry(r, terms);
  if (own.classes.size === 0 && own.sectors.size === 0 && own.codes === 0)
    return [unchecked(ctx, "正文是否含其他客户的内容", ["受审核方所属行业（认证范围用语或专业代码）"])];
  const foreign = terms.filter((t) => !isOwnTerm(t, own)).sort((a, b) => b.term.length - a.term.length);
  if (foreign.length === 0) return [];
  const scope = r.scope.value ?? r.scopeStatements.find((s) => s.value !== null)?.value ?? "";
  const out: Flag[] = [];
  const seen = new Set<string>();
  for (const section of innermostFirst(r.sections)) {
    if (isOwn(section)) continue;
    if (sectionMatches(section, ctx.config.xdoc.boilerplateSections)) continue;
    const hits: Hit[] = [];
    for (const sentence of sentencesOf(section, ctx.config)) {
      if (seen.has(sentence)) continue;
      const hit = sentenceHit(sentence, foreign, ctx.config);
      if (!hit) continue;
      seen.add(sentence);
      hits.push(hit);
    }
    if (hits.length === 0) continue;
    const words = [...new Set(hits.flatMap((h) => h.terms))];
    const trades = tradeNames([...new Set(hits.flatMap((h) => h.classes))]);
    out.push(
      finding(
        ctx,
        `${sectionLabel(section, r.sections)} 出现与认证范围（${scope}）无关的内容：${words.join("、")}（${trades.join("、")}；“${hits[0]?.quote ?? ""}”），疑似从其他客户报告复制`,
        hits.map((h) => sectionEvidence(section, h.quote, h.focus)),
        { compared: [sectionInput(section)] },
      ),
    );
  }
  return out;
};
