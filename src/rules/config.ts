import { z } from "zod";
import { Severity } from "../domain/flag.ts";
import { INDUSTRY_CLASSES, INDUSTRY_STANDARDS, INDUSTRY_TERM_PATTERNS } from "../lexicon/industries.ts";
import {
  BOILERPLATE_SECTIONS,
  MULTI_TICK_GROUPS,
  NEGATIVE_MARKERS,
  TEMPLATE_LINES,
} from "../lexicon/narrative.ts";
import { gradedFamilies } from "../lexicon/options.ts";
import { REQUIRED_ITEM_IDS, requiredLabelsOf } from "../lexicon/required.ts";

/** Thresholds and lexicons of the QA rules. Everything a certification body may tune lives here, not in
 * the rule code (rules.md: "thresholds are configuration, not constants buried in code"). */

const Md5Row = z.object({ maxEmployees: z.number().int().positive(), auditorDays: z.number().positive() });

const RuleOverride = z.object({
  enabled: z.boolean().default(true),
  /** Replaces the catalogue severity of real findings; "could not check" notes stay low. */
  severity: Severity.optional(),
  /** Replaces `minInputConfidence` for this rule's findings. */
  minInputConfidence: z.number().min(0).max(1).optional(),
});
export type RuleOverride = z.infer<typeof RuleOverride>;

/** A word naming a trade (src/lexicon/industries.ts): SCOPE-FOREIGN-TEXT calls it foreign in a report whose own
 * industry (scope, self-description, technical-area codes) is none of its classes nor related to them. */
const IndustryTerm = z.object({
  term: z.string().min(1),
  /** Regular expression source matched on compacted text (NFKC, no whitespace); defaults to the term. */
  pattern: z.string().optional(),
  /** GB/T 4754 major classes whose work the term names. */
  classes: z.array(z.string()).min(1),
  /** 2 names a trade (enough alone), 1 is one of its process or record words (needs another on the line). */
  weight: z.number().positive(),
});
export type IndustryTerm = z.infer<typeof IndustryTerm>;

export const RulesConfigSchema = z.object({
  /** IAF MD 5 QMS table: initial-audit auditor-days by effective personnel (upper bound of each band). */
  md5Qms: z.array(Md5Row).min(1),
  /** Lowest allowed share of T after reductions (MD 5 3.9: at most 30% reduction). */
  reduction: z.number().min(0).max(1),
  surveillanceFactor: z.number().positive(),
  recertificationFactor: z.number().positive(),
  nextAuditMonths: z.number().int().positive(),
  maturityMonths: z.number().int().nonnegative(),
  /** REQ-MISSING asserts absence only in a document OCR read with at least this mean confidence. */
  requiredMinDocumentConfidence: z.number().min(0).max(1),
  /** TIME-DAYS-MISMATCH: printed auditor-days may differ from the team's days on site by this much. */
  auditorDaysTolerance: z.number().nonnegative(),
  /** Stage 2 may start at the earliest this many days after stage 1 ended (1 = the next day). */
  stageGapDays: z.number().int().nonnegative(),
  /** A tick box read with less confidence than this is "unclear" (CHK-UNCLEAR). */
  checkboxMinConfidence: z.number().min(0).max(1),
  /** A finding (high/medium) needs every field it compares read with at least this confidence (and located);
   * below it the rule leaves a could-not-check note. */
  minInputConfidence: z.number().min(0).max(1),
  /** Checkbox groups where several ticks are legitimate (integrated audits tick several systems). */
  nonExclusiveGroups: z.array(z.string()),
  /** Checkbox groups that may stay empty. */
  optionalGroups: z.array(z.string()),
  /** CCAA registration fields (rules.md TEAM-REG-FIELD). */
  registration: z.object({
    /** Audited system (managementSystems code) -> registration fields that cover it. */
    fieldsOfSystem: z.record(z.string(), z.array(z.string())),
    /** Audited system -> a regular expression the audit criteria match when they name its standard. */
    standardOfSystem: z.record(z.string(), z.string()),
    /** Field codes CCAA issues; a code outside the list (OCR "IQMS") was not read. */
    knownFields: z.array(z.string()),
  }),
  /** SCOPE-FOREIGN-TEXT: a narrative line is copied from another trade's report when the weights of its foreign
   * trade words add up to this. */
  foreignMinWeight: z.number().positive(),
  /** Two scope statements agree when 1 - distance/length is at least this (tolerates OCR noise). */
  scopeSimilarity: z.number().min(0).max(1),
  /** Same person on the same name: Levenshtein distance allowed in signatures (OCR noise) for names of 3+ chars. */
  nameDistance: z.number().int().nonnegative(),
  xdoc: z.object({
    shingleChars: z.number().int().min(4),
    /** A copied passage must cover at least this many characters (after removing whitespace). */
    minPassageChars: z.number().int().positive(),
    /** Gaps (OCR noise, a changed name) up to this many characters do not break a passage. */
    maxGapChars: z.number().int().nonnegative(),
    /** A shingle found in at least this share of the batch's reports (and boilerplateMinDocs) is template. */
    boilerplateShare: z.number().min(0).max(1),
    boilerplateMinDocs: z.number().int().min(2),
    /** Sections whose title matches one of these are the body's template pages, never compared. */
    boilerplateSections: z.array(z.string()),
  }),
  lexicons: z.object({
    industryTerms: z.array(IndustryTerm),
    /** REQ-MISSING: words of each required item (src/lexicon/required.ts id -> labels and marks); one printed
     * anywhere means the item is there but unread. */
    requiredLabels: z.record(z.string(), z.array(z.string())),
    /** Options printed together in one exclusive tick group: a group is read in full only when every option
     * of its family was found (the one not found may be the ticked one). */
    optionFamilies: z.array(z.array(z.string().min(1)).min(2)),
    /** Lines that are form template, not narrative (option lists, the 临时场所 prompt). */
    templateLines: z.array(z.string()),
    /** Words showing a section's text is not wholly positive (CHK-VS-NARRATIVE, 3.x 不符合). */
    negativeMarkers: z.array(z.string()),
  }),
  rules: z.record(z.string(), RuleOverride),
});
export type RulesConfig = z.infer<typeof RulesConfigSchema>;

/** The industry vocabulary as terms: each word with every class that names it, weight 2 if any class has it as a
 * trade name; standards weigh 2. */
function industryTerms(): IndustryTerm[] {
  const byTerm = new Map<string, { classes: Set<string>; weight: number }>();
  for (const c of INDUSTRY_CLASSES) {
    for (const [words, weight] of [
      [c.names ?? [], 2],
      [c.work ?? [], 1],
    ] as const) {
      for (const w of words) {
        const t = byTerm.get(w) ?? { classes: new Set<string>(), weight };
        t.classes.add(c.code);
        t.weight = Math.max(t.weight, weight);
        byTerm.set(w, t);
      }
    }
  }
  return [
    ...[...byTerm].map(([term, t]) => ({
      term,
      ...(INDUSTRY_TERM_PATTERNS[term] ? { pattern: INDUSTRY_TERM_PATTERNS[term] } : {}),
      classes: [...t.classes],
      weight: t.weight,
    })),
    ...INDUSTRY_STANDARDS.map((s) => ({
      term: s.term,
      pattern: s.pattern,
      classes: [...s.classes],
      weight: 2,
    })),
  ];
}

export const DEFAULT_RULES_CONFIG: RulesConfig = {
  md5Qms: [
    [5, 1.5],
    [10, 2],
    [15, 2.5],
    [25, 3],
    [45, 4],
    [65, 5],
    [85, 6],
    [125, 7],
    [175, 8],
    [275, 9],
    [425, 10],
    [625, 11],
    [875, 12],
    [1175, 13],
    [1550, 14],
    [2025, 15],
    [2675, 16],
    [3450, 17],
    [4350, 18],
    [5450, 19],
    [6800, 20],
    [8500, 21],
    [10700, 22],
  ].map(([maxEmployees, auditorDays]) => ({ maxEmployees: maxEmployees!, auditorDays: auditorDays! })),
  reduction: 0.7,
  surveillanceFactor: 1 / 3,
  recertificationFactor: 2 / 3,
  nextAuditMonths: 12,
  maturityMonths: 3,
  auditorDaysTolerance: 0.5,
  requiredMinDocumentConfidence: 0.6,
  stageGapDays: 1,
  checkboxMinConfidence: 0.6,
  minInputConfidence: 0.5,
  nonExclusiveGroups: [...MULTI_TICK_GROUPS],
  optionalGroups: [],
  registration: {
    fieldsOfSystem: {
      QMS: ["QMS"],
      // GB/T 50430 (construction quality) has no CCAA field: QMS auditors with technical area 28 audit it.
      EC: ["QMS"],
      EMS: ["EMS"],
      OHSMS: ["OHSMS", "OHS", "OHSAS"],
      ENMS: ["ENMS"],
      FSMS: ["FSMS", "HACCP"],
      HACCP: ["HACCP", "FSMS"],
      ISMS: ["ISMS"],
      ITSMS: ["ITSMS"],
    },
    standardOfSystem: {
      QMS: "9001",
      EC: "50430",
      EMS: "14001|24001",
      OHSMS: "45001|28001|18001",
      ENMS: "50001|23331",
      FSMS: "22000",
      HACCP: "HACCP|27341|危害分析",
      ISMS: "27001",
      ITSMS: "20000",
    },
    knownFields: [
      "QMS",
      "EMS",
      "OHSMS",
      "OHS",
      "OHSAS",
      "ENMS",
      "FSMS",
      "HACCP",
      "ISMS",
      "ITSMS",
      "AMS",
      "BCMS",
      "SCSMS",
      "SMS",
      "IOS",
    ],
  },
  foreignMinWeight: 2,
  scopeSimilarity: 0.85,
  nameDistance: 1,
  xdoc: {
    shingleChars: 12,
    minPassageChars: 120,
    maxGapChars: 8,
    boilerplateShare: 0.25,
    boilerplateMinDocs: 3,
    boilerplateSections: [...BOILERPLATE_SECTIONS],
  },
  lexicons: {
    industryTerms: industryTerms(),
    requiredLabels: Object.fromEntries(REQUIRED_ITEM_IDS.map((id) => [id, requiredLabelsOf(id)])),
    // The graded option rows of the option lexicon (src/lexicon/options.ts), each also without its middle option.
    optionFamilies: gradedFamilies(),
    templateLines: [...TEMPLATE_LINES],
    negativeMarkers: [...NEGATIVE_MARKERS],
  },
  rules: {
    // The parser marks a number that does not match the CCAA pattern doubtful (its confidence × 0.4): exactly the
    // numbers this rule exists to see, so it asks for the characters to have been read, not for the pattern.
    "TEAM-REG-FORMAT": { enabled: true, minInputConfidence: 0.3 },
  },
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Objects merge key by key; arrays and scalars in `over` replace the default (a lexicon given is the lexicon). */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

const parsed = new WeakSet<object>();

/** Overrides (from the config file's `rules` section) deep-merged over the defaults and validated.
 * Throws a ZodError naming the bad key: a wrong threshold must not silently fall back. */
export function loadRulesConfig(partial?: unknown): RulesConfig {
  if (isPlainObject(partial) && parsed.has(partial)) return partial as RulesConfig;
  const config = RulesConfigSchema.parse(deepMerge(DEFAULT_RULES_CONFIG, partial ?? {}));
  parsed.add(config);
  return config;
}

export function ruleOverride(config: RulesConfig, id: string): RuleOverride {
  return config.rules[id] ?? { enabled: true };
}
