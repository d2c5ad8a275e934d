import type { Flag, Severity } from "../domain/flag.ts";
import type { AuditRecord } from "../domain/record.ts";
import { type CropIndex, makeCrops } from "../export/crops.ts";
import { SEVERITY_RANK } from "../export/fields.ts";
import { loadRecords } from "../export/json.ts";
import { outputName } from "../export/names.ts";
import { type ReportState, reportState } from "./catalog-state.ts";
import { applyCorrections } from "./corrections.ts";
import { fingerprints } from "./fingerprint.ts";
import type { Correction, Decision, Note, ReviewStore } from "./store.ts";

export interface FlagView {
  fingerprint: string;
  rule: string;
  severity: Severity;
  message: string;
  evidence: { page: number | null; bbox: readonly number[] | null; text: string; crop: string | null }[];
  decision: Pick<Decision, "action" | "reason" | "reviewer" | "at"> | null;
}

export interface ReportView {
  id: string;
  name: string;
  file: string;
  organization: string | null;
  status: string;
  kind: string;
  pages: number;
  errors: string[];
  state: ReportState;
  counts: Record<Severity, number>;
  open: Record<Severity, number>;
  note: Note | null;
  corrections: number;
  flags: FlagView[];
}

interface Entry {
  original: AuditRecord;
  effective: AuditRecord;
  fps: string[];
  name: string;
  search: string;
}

export interface ListQuery {
  rule?: string | undefined;
  severity?: readonly Severity[] | undefined;
  q?: string | undefined;
  state?: ReportState | undefined;
  /** Only reports with at least one flag (after the rule/severity filter). */
  flagged?: boolean | undefined;
  offset: number;
  limit: number;
}

/**
 * Every record of the output folder in memory (5,000 records is tens of MB), the reviewer's corrections
 * applied, and the decisions joined in per request: filtering and paging run here so the browser only
 * ever holds one page of reports.
 */
export class ReviewCatalog {
  private entries = new Map<string, Entry>();
  private order: string[] = [];
  private crops: CropIndex = new Map();

  constructor(
    private readonly out: string,
    readonly store: ReviewStore,
    private readonly rulesConfig?: unknown,
    private readonly withCrops = true,
  ) {}

  /** (Re)reads `<out>/records`: after a re-ingest the same documents keep their decisions. */
  async load(): Promise<void> {
    const records = await loadRecords(this.out);
    const byDoc = groupBy(this.store.corrections(), (c) => c.documentId);
    const entries = new Map<string, Entry>();
    for (const r of records) {
      if (entries.has(r.document.id)) continue; // the same bytes under two names: one document
      entries.set(r.document.id, this.entry(r, byDoc.get(r.document.id) ?? []));
    }
    this.entries = entries;
    this.order = reviewOrder([...entries.values()]);
    if (this.withCrops)
      this.crops = (
        await makeCrops(
          this.out,
          [...entries.values()].map((e) => e.effective),
        )
      ).index;
  }

  private entry(original: AuditRecord, corrections: readonly Correction[]): Entry {
    const effective = applyCorrections(original, corrections, this.rulesConfig);
    const org = effective.report?.organization.value ?? null;
    return {
      original,
      effective,
      fps: fingerprints(effective.flags),
      name: outputName(original),
      search: `${org ?? ""}\n${original.document.file}`.toLowerCase(),
    };
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  original(id: string): AuditRecord | undefined {
    return this.entries.get(id)?.original;
  }

  effective(id: string): AuditRecord | undefined {
    return this.entries.get(id)?.effective;
  }

  /** After a correction: that report's rules run again on the corrected record. */
  refresh(id: string): void {
    const e = this.entries.get(id);
    if (e) this.entries.set(id, this.entry(e.original, this.store.corrections(id)));
  }

  /** Flag of a report by fingerprint, as it currently reads. */
  flag(id: string, fingerprint: string): Flag | undefined {
    const e = this.entries.get(id);
    const i = e?.fps.indexOf(fingerprint) ?? -1;
    return i >= 0 ? e?.effective.flags[i] : undefined;
  }

  rules(): { rule: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const e of this.entries.values())
      for (const f of e.effective.flags) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, count]) => ({ rule, count }));
  }

  get size(): number {
    return this.entries.size;
  }

  /** All entries with current decisions, for exports. */
  all(): { record: AuditRecord; original: AuditRecord; fingerprints: string[] }[] {
    return this.order.flatMap((id) => {
      const e = this.entries.get(id);
      return e ? [{ record: e.effective, original: e.original, fingerprints: e.fps }] : [];
    });
  }

  list(query: ListQuery): { total: number; reports: ReportView[]; states: Record<ReportState, number> } {
    const decided = decisionIndex(this.store.decisions());
    const notes = new Map(this.store.notes().map((n) => [n.documentId, n]));
    const corrected = groupBy(this.store.corrections(), (c) => c.documentId);
    const q = query.q?.trim().toLowerCase() ?? "";
    const sev = query.severity?.length ? new Set(query.severity) : null;
    const flagFilter = query.rule !== undefined || sev !== null;
    const states: Record<ReportState, number> = { blocked: 0, pending: 0, cleared: 0 };
    const hits: { id: string; keep: number[]; state: ReportState }[] = [];
    for (const id of this.order) {
      const e = this.entries.get(id);
      if (!e || (q && !e.search.includes(q))) continue;
      const dec = decided.get(id);
      const state = reportState(e.effective.flags, (i) => dec?.has(e.fps[i] ?? "") ?? false);
      const keep: number[] = [];
      e.effective.flags.forEach((f, i) => {
        if ((query.rule === undefined || f.rule === query.rule) && (sev === null || sev.has(f.severity)))
          keep.push(i);
      });
      if ((flagFilter || query.flagged) && keep.length === 0) continue;
      states[state] += 1;
      if (query.state !== undefined && query.state !== state) continue;
      hits.push({ id, keep, state });
    }
    const page = hits.slice(query.offset, query.offset + query.limit);
    return {
      total: hits.length,
      states,
      reports: page.map((h) => this.view(h.id, h.keep, h.state, decided, notes, corrected)),
    };
  }

  /** One report as the page shows it, every flag. */
  report(id: string): ReportView | null {
    const e = this.entries.get(id);
    if (!e) return null;
    const decided = decisionIndex(this.store.decisions(id));
    const notes = new Map(this.store.notes().map((n) => [n.documentId, n]));
    const corrected = groupBy(this.store.corrections(id), (c) => c.documentId);
    const dec = decided.get(id);
    const state = reportState(e.effective.flags, (i) => dec?.has(e.fps[i] ?? "") ?? false);
    return this.view(
      id,
      e.effective.flags.map((_, i) => i),
      state,
      decided,
      notes,
      corrected,
    );
  }

  private view(
    id: string,
    keep: readonly number[],
    state: ReportState,
    decided: Map<string, Map<string, Decision>>,
    notes: Map<string, Note>,
    corrected: Map<string, Correction[]>,
  ): ReportView {
    const e = this.entries.get(id) as Entry;
    const r = e.effective;
    const dec = decided.get(id);
    const crops = this.crops.get(e.name);
    const counts = { high: 0, medium: 0, low: 0 };
    const open = { high: 0, medium: 0, low: 0 };
    const evidenceStart: number[] = [];
    let n = 1;
    r.flags.forEach((f, i) => {
      evidenceStart.push(n);
      n += f.evidence.length;
      counts[f.severity] += 1;
      if (!dec?.has(e.fps[i] ?? "")) open[f.severity] += 1;
    });
    const flags = [...keep]
      .sort((a, b) => SEVERITY_RANK[r.flags[a]!.severity] - SEVERITY_RANK[r.flags[b]!.severity] || a - b)
      .map((i): FlagView => {
        const f = r.flags[i]!;
        const fp = e.fps[i] ?? "";
        const d = dec?.get(fp);
        return {
          fingerprint: fp,
          rule: f.rule,
          severity: f.severity,
          message: f.message,
          evidence: f.evidence.map((ev, k) => ({
            page: ev.page,
            bbox: ev.bbox,
            text: ev.text,
            crop: crops?.get((evidenceStart[i] ?? 0) + k) ?? null,
          })),
          decision: d ? { action: d.action, reason: d.reason, reviewer: d.reviewer, at: d.at } : null,
        };
      });
    return {
      id,
      name: e.name,
      file: r.document.file,
      organization: r.report?.organization.value ?? null,
      status: r.document.status,
      kind: r.document.kind,
      pages: r.document.pages,
      errors: r.document.errors.map((x) => `${x.code}${x.page ? ` (p.${x.page})` : ""}: ${x.message}`),
      state,
      counts,
      open,
      note: notes.get(id) ?? null,
      corrections: corrected.get(id)?.length ?? 0,
      flags,
    };
  }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return m;
}

function decisionIndex(decisions: readonly Decision[]): Map<string, Map<string, Decision>> {
  const m = new Map<string, Map<string, Decision>>();
  for (const d of decisions) {
    const perDoc = m.get(d.documentId) ?? new Map<string, Decision>();
    perDoc.set(d.fingerprint, d);
    m.set(d.documentId, perDoc);
  }
  return m;
}

/** Most high flags first, then medium, then low, failed documents first among equals, then by file (as
 * the static page orders them). */
function reviewOrder(entries: readonly Entry[]): string[] {
  const key = (e: Entry) => {
    const c = { high: 0, medium: 0, low: 0 };
    for (const f of e.effective.flags) c[f.severity] += 1;
    return [-c.high, -c.medium, -c.low, e.original.document.status === "failed" ? 0 : 1];
  };
  const keyed = entries.map((e) => ({ e, k: key(e) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.k.length; i++) if (a.k[i] !== b.k[i]) return (a.k[i] ?? 0) - (b.k[i] ?? 0);
    const fa = a.e.original.document.file;
    const fb = b.e.original.document.file;
    return fa < fb ? -1 : fa > fb ? 1 : 0;
  });
  return keyed.map(({ e }) => e.original.document.id);
}

export type { ReportState };
