/** Plain-text tables for a terminal: one row per document, then per field and per rule. */
import { CONFIDENT } from "./fields.ts";
import type { EvalReport } from "./report-file.ts";
import type { DocumentScore, Summary } from "./score.ts";

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? "  -  " : `${(v * 100).toFixed(1)}%`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: string[]) => cells.map((c, i) => c + " ".repeat(widths[i]! - width(c))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

export function formatDocuments(results: readonly DocumentScore[]): string {
  const rows = results.map((r) => {
    const f = { correct: 0, wrong: 0, missing: 0, spurious: 0 };
    for (const x of r.fields) f[x.outcome]++;
    const fl = Object.values(r.flags).reduce(
      (a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }),
      { tp: 0, fp: 0, fn: 0 },
    );
    const missed = Object.entries(r.flags)
      .filter(([, c]) => c.fn)
      .map(([k]) => k);
    const extra = Object.entries(r.flags)
      .filter(([, c]) => c.fp)
      .map(([k]) => k);
    return [
      r.file.length > 44 ? `${r.file.slice(0, 43)}…` : r.file,
      r.kind === "audit_report" ? r.layout : r.kind,
      r.handledAsExpected ? "ok" : "NO",
      r.cer ? pct(r.cer.value) : "-",
      r.cerUnordered ? pct(r.cerUnordered.value) : "-",
      r.fields.length ? `${f.correct}/${f.wrong}/${f.missing}/${f.spurious}` : "-",
      r.boxes.total ? `${r.boxes.correct}/${r.boxes.wrong}/${r.boxes.unclear}/${r.boxes.notFound}` : "-",
      `${fl.tp}/${fl.fp}/${fl.fn}`,
      r.seconds !== null && r.pages ? (r.seconds / r.pages).toFixed(1) : "-",
      [missed.length ? `missed ${missed.join(",")}` : "", extra.length ? `extra ${extra.join(",")}` : ""]
        .filter(Boolean)
        .join("; "),
    ];
  });
  return table(
    [
      "file",
      "layout/kind",
      "handled",
      "CER",
      "CER any order",
      "fields c/w/m/s",
      "boxes c/w/u/nf",
      "flags tp/fp/fn",
      "s/page",
      "flag notes",
    ],
    rows,
  );
}

export function formatSummary(s: Summary): string {
  const out: string[] = [];
  const h = s.headline;
  out.push(
    `HEADLINE  fields exact ${pct(h.fieldsExact)}  tick groups ${pct(h.tickGroups)}  wrong values ${h.wrongValues}  flag hits ${pct(h.flagHits)}  false high/medium per report ${h.falseFlagsPerReport === null ? "-" : h.falseFlagsPerReport.toFixed(2)}`,
  );
  out.push(
    `documents ${s.documents} ${JSON.stringify(s.byKind)}; handled as expected ${s.handledAsExpected.ok}/${s.handledAsExpected.total}`,
  );
  for (const f of s.handledAsExpected.failures) out.push(`  ! ${f}`);
  out.push(
    `CER overall ${pct(s.cer.overall)} (mean per document ${pct(s.cer.meanPerDocument)}; ${s.cer.documentsWithoutText} without text)`,
  );
  out.push(
    `CER in any reading order ${pct(s.cer.unorderedOverall)} (mean per document ${pct(s.cer.unorderedMeanPerDocument)}; per page, characters as a multiset)`,
  );
  out.push(
    `fields overall ${pct(s.fieldsOverall.accuracy)}  correct ${s.fieldsOverall.correct}  wrong ${s.fieldsOverall.wrong} (${s.fieldsOverall.wrongConfident} at confidence ≥ ${CONFIDENT})  missing ${s.fieldsOverall.missing}  spurious ${s.fieldsOverall.spurious}`,
  );
  out.push(
    `boxes ${pct(s.boxes.accuracy)}  correct ${s.boxes.correct}  wrong ${s.boxes.wrong}  unclear ${s.boxes.unclear}  not found ${s.boxes.notFound}  spurious ${s.boxes.spurious}  of ${s.boxes.total}`,
  );
  out.push(
    `flags (high+medium) precision ${pct(s.flagsOverall.precision)} recall ${pct(s.flagsOverall.recall)}  tp ${s.flagsOverall.tp} fp ${s.flagsOverall.fp} fn ${s.flagsOverall.fn}`,
  );
  out.push(
    `low flags: ${s.lowFlags.hits} planted low findings hit, ${s.lowFlags.other} other low findings, ${s.lowFlags.unchecked} could-not-check notes; ${s.lowFlags.duplicates} repeated flags`,
  );
  out.push(`seconds per page ${s.secondsPerPage === null ? "-" : s.secondsPerPage.toFixed(2)}`);
  out.push("");
  out.push(
    table(
      ["field", "accuracy", "correct", "wrong", "missing", "spurious"],
      Object.entries(s.fields).map(([k, c]) => [
        k,
        pct(c.accuracy),
        String(c.correct),
        String(c.wrong),
        String(c.missing),
        String(c.spurious),
      ]),
    ),
  );
  out.push("");
  out.push(
    table(
      ["rule", "precision", "recall", "tp", "fp", "fn"],
      Object.entries(s.flags).map(([k, c]) => [
        k,
        pct(c.precision),
        pct(c.recall),
        String(c.tp),
        String(c.fp),
        String(c.fn),
      ]),
    ),
  );
  return out.join("\n");
}

/** One row per OCR engine over the same documents: what the default-engine rule compares. */
export function formatEngineComparison(reports: readonly EvalReport[]): string {
  const rows = reports.map((r) => {
    const s = r.summary;
    const pages = r.documents.reduce((n, d) => n + d.pages, 0);
    return [
      r.engine ?? "?",
      `${s.documents} / ${pages}`,
      pct(s.cer.overall),
      pct(s.cer.unorderedOverall),
      pct(s.fieldsOverall.accuracy),
      `${s.fieldsOverall.correct}/${s.fieldsOverall.wrong}/${s.fieldsOverall.missing}/${s.fieldsOverall.spurious}`,
      pct(s.boxes.accuracy),
      `${pct(s.flagsOverall.precision)} / ${pct(s.flagsOverall.recall)}`,
      s.secondsPerPage === null ? "-" : s.secondsPerPage.toFixed(2),
      r.wallSecondsPerPage == null ? "-" : r.wallSecondsPerPage.toFixed(2),
    ];
  });
  return table(
    [
      "engine",
      "docs / pages",
      "CER",
      "CER any order",
      "fields",
      "fields c/w/m/s",
      "boxes",
      "flags P / R",
      "s/page (document time)",
      "s/page (wall)",
    ],
    rows,
  );
}
