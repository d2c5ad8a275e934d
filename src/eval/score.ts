/** Scoring of one document and of a whole run. Pure: truth, record and text in, numbers out. */
import type { AuditRecord } from "../domain/record.ts";
import { type BoxTally, emptyBoxTally, scoreBoxes } from "./boxes.ts";
import { type CerResult, characterErrorRate, unorderedErrorRate } from "./cer.ts";
import { CONFIDENT, compareFields, type FieldResult, type Outcome } from "./fields.ts";
import { addRuleTally, type LowCounts, precision, type RuleTally, recall, scoreFlags } from "./flags.ts";
import type { DocumentTruth } from "./truth.ts";

export interface DocumentScore {
  file: string;
  kind: DocumentTruth["kind"];
  layout: string;
  /** false when no record was found for the input at all. */
  hasRecord: boolean;
  /** Bad inputs and non-reports: rejected as expected? Reports: accepted (not failed, kind audit_report)? */
  handledAsExpected: boolean;
  handling: string;
  cer: CerResult | null;
  /** Order-independent CER per page (cer.ts unorderedErrorRate); absent in reports written before it. */
  cerUnordered?: CerResult | null;
  fields: FieldResult[];
  boxes: BoxTally;
  flags: RuleTally;
  lowFlags: LowCounts;
  duplicateFlags: number;
  pages: number;
  seconds: number | null;
}

export function scoreDocument(
  truth: DocumentTruth,
  record: AuditRecord | null,
  text: string | null,
): DocumentScore {
  const pages = truth.pages.length || record?.document.pages || 0;
  const seconds = record ? record.document.timings.totalMs / 1000 : null;
  let handledAsExpected: boolean;
  let handling: string;
  const status = record
    ? `${record.document.status}/${record.document.kind}${record.document.errors.length ? `/${record.document.errors.map((e) => e.code).join(",")}` : ""}`
    : "no record";
  if (truth.kind === "bad_input") {
    handledAsExpected =
      record?.document.status === "failed" &&
      record.document.errors.some((e) => e.code === truth.expectedError);
    handling = `expected failed/${truth.expectedError}, got ${status}`;
  } else if (truth.kind === "not_audit_report") {
    handledAsExpected = record?.document.kind === "not_audit_report";
    handling = `expected not_audit_report, got ${status}`;
  } else {
    handledAsExpected =
      record !== null && record.document.status !== "failed" && record.document.kind === "audit_report";
    handling = `expected audit_report, got ${status}`;
  }
  const truthText = truth.pages.map((p) => p.text).join("\f");
  const flagScore = scoreFlags(truth, record);
  return {
    file: truth.file,
    kind: truth.kind,
    layout: truth.layout,
    hasRecord: record !== null,
    handledAsExpected,
    handling,
    cer: truth.pages.length > 0 && text !== null ? characterErrorRate(truthText, text) : null,
    cerUnordered: truth.pages.length > 0 && text !== null ? unorderedErrorRate(truthText, text) : null,
    fields: truth.fields ? compareFields(truth.fields, record?.report ?? null) : [],
    boxes: truth.boxes.length > 0 ? scoreBoxes(truth, record) : emptyBoxTally(),
    flags: flagScore.rules,
    lowFlags: flagScore.low,
    duplicateFlags: flagScore.duplicates,
    pages,
    seconds,
  };
}

export type OutcomeCounts = Record<Outcome, number>;
export interface RuleSummary {
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
}
export interface Summary {
  documents: number;
  byKind: Record<string, number>;
  handledAsExpected: { ok: number; total: number; failures: string[] };
  /** Sum of edits over sum of reference lengths (long documents weigh more), and the mean per document. */
  cer: {
    overall: number | null;
    meanPerDocument: number | null;
    documentsWithoutText: number;
    /** The order-independent CER over the same documents (absent in reports written before it). */
    unorderedOverall?: number | null;
    unorderedMeanPerDocument?: number | null;
  };
  fields: Record<string, OutcomeCounts & { accuracy: number | null }>;
  /** `wrongConfident`: wrong values the record presents as read (confidence ≥ CONFIDENT or none given);
   * the rest of `wrong` carry a low confidence that marks them doubtful for the reviewer. */
  fieldsOverall: OutcomeCounts & { accuracy: number | null; wrongConfident: number };
  boxes: BoxTally & { accuracy: number | null };
  flags: Record<string, RuleSummary>;
  flagsOverall: RuleSummary;
  lowFlags: LowCounts & { duplicates: number };
  headline: Headline;
  secondsPerPage: number | null;
}

/** The figures issue 23 asks every run to print first. */
export interface Headline {
  /** Exact scalar and list fields (every outcome counted). */
  fieldsExact: number | null;
  /** Values read from tick groups (conclusion rows, 3.x/2.x evaluations, recommendation, audit type, systems). */
  tickGroups: number | null;
  /** Values given and wrong (a wrong value or one where the truth has none): worse than a null. */
  wrongValues: number;
  /** Planted high/medium findings hit (right rule, page and subject). */
  flagHits: number | null;
  /** High/medium findings that hit nothing planted, per audit report. */
  falseFlagsPerReport: number | null;
}

/** Field results that come from tick boxes (eval/fields.ts names). */
const TICK_FIELDS = new Set([
  "conclusion",
  "evaluations",
  "recommendation",
  "auditType",
  "managementSystems",
]);

const zero = (): OutcomeCounts => ({ correct: 0, wrong: 0, missing: 0, spurious: 0 });
const accuracy = (c: OutcomeCounts) => {
  const n = c.correct + c.wrong + c.missing + c.spurious;
  return n === 0 ? null : c.correct / n;
};
const ruleSummary = (c: { tp: number; fp: number; fn: number }): RuleSummary => ({
  ...c,
  precision: precision(c),
  recall: recall(c),
});

export function summarise(results: readonly DocumentScore[]): Summary {
  const byKind: Record<string, number> = {};
  const fields: Record<string, OutcomeCounts> = {};
  const overall = zero();
  let wrongConfident = 0;
  const boxes = emptyBoxTally();
  const ticks = zero();
  const flags: RuleTally = {};
  const lowFlags = { hits: 0, other: 0, unchecked: 0, duplicates: 0 };
  let reports = 0;
  let edits = 0;
  let refLength = 0;
  const cers: number[] = [];
  const unordered = { edits: 0, refLength: 0, values: [] as number[] };
  let noText = 0;
  let seconds = 0;
  let timedPages = 0;
  const failures: string[] = [];
  for (const r of results) {
    byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    if (!r.handledAsExpected) failures.push(`${r.file}: ${r.handling}`);
    if (r.cer) {
      edits += r.cer.edits;
      refLength += r.cer.refLength;
      cers.push(r.cer.value);
    } else if (r.pages > 0) noText++;
    if (r.cerUnordered) {
      unordered.edits += r.cerUnordered.edits;
      unordered.refLength += r.cerUnordered.refLength;
      unordered.values.push(r.cerUnordered.value);
    }
    if (r.kind === "audit_report") reports++;
    for (const f of r.fields) {
      if (TICK_FIELDS.has(f.field)) ticks[f.outcome]++;
      fields[f.field] ??= zero();
      fields[f.field]![f.outcome]++;
      overall[f.outcome]++;
      if (f.outcome === "wrong" && (f.confidence === undefined || f.confidence >= CONFIDENT))
        wrongConfident++;
    }
    for (const k of Object.keys(boxes) as (keyof typeof boxes)[]) boxes[k] += r.boxes[k];
    addRuleTally(flags, r.flags);
    lowFlags.hits += r.lowFlags.hits;
    lowFlags.other += r.lowFlags.other;
    lowFlags.unchecked += r.lowFlags.unchecked;
    lowFlags.duplicates += r.duplicateFlags;
    if (r.seconds !== null && r.pages > 0) {
      seconds += r.seconds;
      timedPages += r.pages;
    }
  }
  const overallFlags = Object.values(flags).reduce(
    (a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }),
    { tp: 0, fp: 0, fn: 0 },
  );
  const judged = boxes.correct + boxes.wrong + boxes.unclear + boxes.notFound;
  return {
    documents: results.length,
    byKind,
    handledAsExpected: { ok: results.length - failures.length, total: results.length, failures },
    cer: {
      overall: refLength ? edits / refLength : null,
      meanPerDocument: cers.length ? cers.reduce((a, b) => a + b, 0) / cers.length : null,
      documentsWithoutText: noText,
      unorderedOverall: unordered.refLength ? unordered.edits / unordered.refLength : null,
      unorderedMeanPerDocument: unordered.values.length
        ? unordered.values.reduce((a, b) => a + b, 0) / unordered.values.length
        : null,
    },
    fields: Object.fromEntries(Object.entries(fields).map(([k, c]) => [k, { ...c, accuracy: accuracy(c) }])),
    fieldsOverall: { ...overall, accuracy: accuracy(overall), wrongConfident },
    boxes: { ...boxes, accuracy: judged ? boxes.correct / judged : null },
    flags: Object.fromEntries(
      Object.entries(flags)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, c]) => [k, ruleSummary(c)]),
    ),
    flagsOverall: ruleSummary(overallFlags),
    lowFlags,
    headline: {
      fieldsExact: accuracy(overall),
      tickGroups: accuracy(ticks),
      wrongValues: overall.wrong + overall.spurious,
      flagHits: recall(overallFlags),
      falseFlagsPerReport: reports ? overallFlags.fp / reports : null,
    },
    secondsPerPage: timedPages ? seconds / timedPages : null,
  };
}
