import type { Field } from "../../domain/field.ts";
import { type Bbox, unionBbox } from "../../domain/geometry.ts";
import type { OcrPage } from "../../domain/ocr.ts";
import type { AuditType, CheckboxGroup, Recommendation } from "../../domain/record.ts";
import { conformityWord } from "../../lexicon/options.ts";
import { answerWord } from "../../lexicon/questions.ts";
import { type BuiltGroup, buildGroups, type Placed } from "./group.ts";
import { reconcile, UNKNOWN_GROUP, type UnknownRow } from "./rows.ts";
import type { CheckboxFields } from "./types.ts";

export { detectMarks } from "./detect.ts";
export type { CheckboxFields, TickRow } from "./types.ts";

type EvalResult = "符合" | "基本符合" | "不符合";

/** Groups the page marks (read from pixels by detectMarks) into the record's tick-dependent fields. */
export function readCheckboxFields(pages: readonly OcrPage[]): CheckboxFields {
  const reconciled = pages.map((p) => ({ page: p, ...reconcile(p) }));
  const built = buildGroups(reconciled.map((r) => ({ ...r.page, marks: r.marks })));
  const unknown = unknownGroups(
    reconciled.flatMap((r) => r.unknown),
    new Set(built.map((g) => g.group.id)),
  );
  const conclusion: Record<string, string | null> = {};
  const evaluationResults = new Map<string, Field<EvalResult>>();
  const evaluationTitles = new Map<string, string>();
  for (const g of built) {
    if (g.kind === "conclusion" && (conclusion[g.key] === undefined || conclusion[g.key] === null)) {
      const ticked = checked(g.members);
      const one = ticked.length === 1 ? ticked[0]!.term : null;
      // A question's answer (是) is recorded as its criterion's word of the same level (有效).
      conclusion[g.key] =
        one && g.answers ? (one.level ? answerWord(g.answers, one.level) : null) : (one?.display ?? null);
    }
    // An evaluation graded in other words (合格 / 基本合格 / 不合格) is recorded as the conformity word of its level.
    const graded = g.members[0]!.term.family === "conformity" || g.members.every((p) => p.term.level);
    if (g.kind === "evaluation" && graded && !evaluationResults.has(g.key)) {
      evaluationResults.set(g.key, exclusiveField(g.members, evaluationWord));
      evaluationTitles.set(g.key, g.group.label.slice(g.key.length).trim());
    }
  }
  const rec =
    built.find((g) => g.kind === "recommendation" && g.members.length > 1) ?? byKind(built, "recommendation");
  return {
    checkboxGroups: [...built.map((g) => g.group), ...unknown],
    conclusion,
    recommendation: rec ? exclusiveField(rec.members, (t) => t.value as Recommendation) : missing(),
    managementSystems: systemsField(built.filter((g) => g.kind === "system")),
    auditType: auditTypeField(built),
    evaluationResults,
    evaluationTitles,
    ncKinds: built
      .filter((g) => g.kind === "ncKind")
      .map((g) => ({
        page: g.members[0]!.page,
        bbox: unionBbox(g.members.flatMap((p) => [p.mark.bbox, p.mark.labelBbox]))!,
        field: exclusiveField(g.members, (t) => t.value as "major" | "minor"),
      })),
  };
}

/** Rows of boxes whose words the lexicon does not know: reported as printed, never dropped (no rule judges them). */
function unknownGroups(rows: readonly UnknownRow[], taken: Set<string>): CheckboxGroup[] {
  return rows.map(({ page, row }) => {
    const base = `${UNKNOWN_GROUP}.${row.lead.slice(0, 24) || `p${page}`}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}.${n}`;
    taken.add(id);
    return {
      id,
      label: row.lead || base,
      options: row.boxes.map((b, i) => ({
        label: b.text || `#${i + 1}`,
        state: b.state,
        confidence: b.confidence,
        page,
        bbox: b.bbox,
        located: true,
      })),
    };
  });
}

function evaluationWord(t: Placed["term"]): EvalResult {
  const word = t.family === "conformity" || !t.level ? t.display : conformityWord(t.level);
  return (word ?? t.display) as EvalResult;
}

function byKind(built: readonly BuiltGroup[], kind: BuiltGroup["kind"]): BuiltGroup | undefined {
  return built.find((g) => g.kind === kind);
}

function checked(members: readonly Placed[]): Placed[] {
  return members.filter((p) => p.mark.state === "checked");
}

function missing<T>(): Field<T> {
  return { value: null, raw: null, confidence: 0, page: null, bbox: null, method: "checkbox" };
}

/** The value depends on every box of the group: an unreadable neighbour lowers confidence. */
function groupConfidence(members: readonly Placed[]): number {
  return Math.min(...members.map((p) => p.mark.confidence));
}

/**
 * Exactly one ticked option gives the value; none or several give null (CHK-NONE / CHK-MULTIPLE read the
 * group), with the ticked labels in raw so the review shows what was seen.
 */
function exclusiveField<T>(members: readonly Placed[], value: (t: Placed["term"]) => T): Field<T> {
  const ticked = checked(members);
  if (ticked.length === 1) {
    const p = ticked[0]!;
    return {
      value: value(p.term),
      raw: p.mark.label,
      confidence: groupConfidence(members),
      page: p.page,
      bbox: p.mark.bbox,
      method: "checkbox",
    };
  }
  if (ticked.length === 0) return missing();
  return {
    value: null,
    raw: ticked.map((p) => p.mark.label).join("、"),
    confidence: 0,
    page: ticked[0]!.page,
    bbox: unionOnPage(ticked),
    method: "checkbox",
  };
}

function unionOnPage(ps: readonly Placed[]): Bbox | null {
  const page = ps[0]?.page;
  return unionBbox(ps.filter((p) => p.page === page).map((p) => p.mark.bbox));
}

/** Multi-select: every ticked system, from the cover list and any repeat of it. A list with a box that could
 * not be read gives way to lists read in full (the scanned seed's conclusion names the systems in a plain line
 * where strokes of 危 passed for a box; its cover list reads cleanly). */
function systemsField(groups: readonly BuiltGroup[]): Field<string[]> {
  const readInFull = groups.filter((g) => g.members.every((p) => p.mark.state !== "unclear"));
  const members = (readInFull.length > 0 ? readInFull : groups).flatMap((g) => g.members);
  const ticked = checked(members);
  if (ticked.length === 0) return missing();
  const codes = [...new Set(ticked.map((p) => p.term.value))];
  return {
    value: codes,
    raw: ticked.map((p) => p.mark.label).join("、"),
    confidence: groupConfidence(members),
    page: ticked[0]!.page,
    bbox: unionOnPage(ticked),
    method: "checkbox",
  };
}

/** 第一阶段/第二阶段 refine 初次认证: the stage wins when ticked, else the audit type row decides. */
function auditTypeField(built: readonly BuiltGroup[]): Field<AuditType> {
  const stage = byKind(built, "auditStage");
  const type = byKind(built, "auditType");
  const stageF = stage ? exclusiveField(stage.members, (t) => t.value as AuditType) : null;
  const typeF = type ? exclusiveField(type.members, (t) => t.value as AuditType) : null;
  const several = (f: Field<AuditType> | null) => f !== null && f.value === null && f.raw !== null;
  if (several(typeF)) return typeF!;
  const typeOpen = !typeF || typeF.value === null || typeF.value === "initial";
  if (stageF && (stageF.value !== null || several(stageF)) && typeOpen) return stageF;
  return typeF ?? stageF ?? missing();
}
