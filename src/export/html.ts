import { createHash } from "node:crypto";
import type { Flag, Severity } from "../domain/flag.ts";
import type { AuditRecord } from "../domain/record.ts";
import type { CropIndex } from "./crops.ts";
import { flagCounts, LOW_CONFIDENCE, SEVERITIES, SEVERITY_RANK } from "./fields.ts";
import { outputName } from "./names.ts";
import { REVIEW_CSS, REVIEW_JS } from "./review-assets.ts";
import { embedJson, type ReportFieldsData, reportFieldsData } from "./review-data.ts";

/** Record text is untrusted (OCR of third-party documents, or an edited JSON file): everything that is not a
 * literal of this module goes through esc(), in text and in double-quoted attributes alike. */
const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

const sha256b64 = (s: string) => createHash("sha256").update(s, "utf8").digest("base64");

/** Nothing remote, scripts and styles only as the two static blocks, images only from disk (file:). */
function csp(): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${sha256b64(REVIEW_JS)}'`,
    `style-src 'sha256-${sha256b64(REVIEW_CSS)}'`,
    "img-src 'self' file: data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** Most high flags first, then medium, then low; among equals failed documents first, then by file. */
export function reviewOrder(records: readonly AuditRecord[]): AuditRecord[] {
  const key = (r: AuditRecord) => {
    const c = flagCounts(r);
    return [-c.high, -c.medium, -c.low, r.document.status === "failed" ? 0 : 1];
  };
  return [...records].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return a.document.file < b.document.file ? -1 : a.document.file > b.document.file ? 1 : 0;
  });
}

const orgOf = (r: AuditRecord) => r.report?.organization.value ?? null;

function renderEvidence(flag: Flag, firstN: number, crops: Map<number, string> | undefined): string {
  if (!flag.evidence.length) return "";
  const items = flag.evidence
    .map((ev, i) => {
      const src = crops?.get(firstN + i);
      const where = ev.page === null ? "" : `第 ${esc(ev.page)} 页 `;
      const text = ev.text ? `<q>${esc(ev.text)}</q>` : "";
      const img = src
        ? `<img loading="lazy" decoding="async" src="${esc(src)}" alt="证据截图 ${where}">`
        : ev.page !== null && ev.bbox !== null
          ? `<span class="nocrop">（无页面图像）</span> `
          : "";
      return `<div class="ev">${img}${where}${text}</div>`;
    })
    .join("");
  return `<div class="evs">${items}</div>`;
}

function renderFlags(record: AuditRecord, crops: CropIndex): string {
  // Evidence numbers count in the record's own flag order (crop file names use them); display order differs.
  let n = 1;
  const numbered = record.flags.map((flag, i) => {
    const first = n;
    n += flag.evidence.length;
    return { flag, first, i };
  });
  numbered.sort((a, b) => SEVERITY_RANK[a.flag.severity] - SEVERITY_RANK[b.flag.severity] || a.i - b.i);
  const perDoc = crops.get(outputName(record));
  const items = numbered.map(
    ({ flag, first }) =>
      `<li class="flag sev-${esc(flag.severity)} status-${esc(flag.status)}" data-rule="${esc(flag.rule)}" data-severity="${esc(flag.severity)}" data-status="${esc(flag.status)}" data-subject="${esc(flag.subject ?? "")}">` +
      `<span class="sev">${esc(flag.severity)}</span> <code class="rule">${esc(flag.rule)}</code>` +
      (flag.status === "unchecked" ? `<span class="unchecked">未核查</span>` : "") +
      (flag.subject ? `<span class="subject">${esc(flag.subject)}</span>` : "") +
      `<span class="msg">${esc(flag.message)}</span>${renderEvidence(flag, first, perDoc)}</li>`,
  );
  return items.length ? `<ol class="flags">${items.join("")}</ol>` : "";
}

/** The table itself is built by the page's JS from the embedded data when opened: 1,000 reports x ~90 rows
 * of server-rendered table made the page slow to load and filter. */
function renderFieldsStub(fields: ReportFieldsData, index: number): string {
  const low = fields.rows.filter((r) => r[7] === "low").length;
  const lowNote = low ? ` <span class="lowcount">${low} 个低置信度 (&lt; ${LOW_CONFIDENCE})</span>` : "";
  return `<details class="fields" data-i="${index}"><summary>提取字段${lowNote}</summary></details>`;
}

function renderReport(
  record: AuditRecord,
  index: number,
  crops: CropIndex,
  fields: ReportFieldsData | null,
): string {
  const d = record.document;
  const org = orgOf(record);
  const c = flagCounts(record);
  const counts = SEVERITIES.filter((s) => c[s] > 0)
    .map((s) => `<span class="sev ${s}">${s} ${c[s]}</span>`)
    .join("");
  const errors = d.errors.length
    ? `<p class="errors">${d.errors.map((e) => `${esc(e.code)}${e.page ? ` (第 ${esc(e.page)} 页)` : ""}: ${esc(e.message)}`).join("<br>")}</p>`
    : "";
  return (
    `<section class="report" data-org="${esc(`${org ?? ""}\n${d.file}`.toLowerCase())}">` +
    `<h2>${org === null ? "（未识别组织）" : esc(org)}</h2>` +
    `<p class="meta">${esc(d.file)} · <span class="status-${esc(d.status)}">${esc(d.status)}</span> · ${esc(d.kind)} · ` +
    `${esc(d.pages)} 页 · <span class="counts">${counts || "无标记"}</span></p>${errors}` +
    renderFlags(record, crops) +
    (fields ? renderFieldsStub(fields, index) : "") +
    "</section>"
  );
}

function options(values: readonly string[], counts: Map<string, number>): string {
  return values.map((v) => `<option value="${esc(v)}">${esc(v)} (${counts.get(v) ?? 0})</option>`).join("");
}

/** The whole page as one string. Reports, flags and evidence are server-rendered, so the essentials read
 * without JS; JS filters and builds field tables on demand from the embedded JSON. */
export function renderReviewPage(
  records: readonly AuditRecord[],
  crops: CropIndex,
  generatedAt: Date,
  /** Page images that could not be read for crops; their evidence shows as text. */
  cropFailures = 0,
): string {
  const ordered = reviewOrder(records);
  const fields = ordered.map((r) => (r.report ? reportFieldsData(r.report) : null));
  const ruleCounts = new Map<string, number>();
  const sevCounts = new Map<Severity, number>();
  for (const r of ordered)
    for (const f of r.flags) {
      ruleCounts.set(f.rule, (ruleCounts.get(f.rule) ?? 0) + 1);
      sevCounts.set(f.severity, (sevCounts.get(f.severity) ?? 0) + 1);
    }
  const rules = [...ruleCounts.keys()].sort();
  const orgs = [...new Set(ordered.map(orgOf).filter((o): o is string => o !== null))].sort();
  const summary = SEVERITIES.map((s) => `${s} ${sevCounts.get(s) ?? 0}`).join(" · ");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>审核报告复核 · ${esc(ordered.length)} 份</title>
<style>${REVIEW_CSS}</style></head>
<body><header><h1>审核报告复核（技术委员会）</h1>
<p class="summary">${esc(ordered.length)} 份报告 · 标记 ${esc(summary)} · 生成于 ${esc(generatedAt.toISOString())}${cropFailures ? ` · <span class="errors">${esc(cropFailures)} 个页面图像无法读取，相关证据仅显示文字</span>` : ""}</p>
<form id="filters" autocomplete="off">
<label>规则 <select id="f-rule"><option value="">全部</option>${options(rules, ruleCounts)}</select></label>
<label>严重程度 <select id="f-sev"><option value="">全部</option><option value="high">high</option><option value="high,medium">high + medium</option><option value="medium">medium</option><option value="low">low</option></select></label>
<label>组织 / 文件 <input id="f-org" type="search" list="orgs" placeholder="名称包含…"></label>
<datalist id="orgs">${orgs.map((o) => `<option value="${esc(o)}">`).join("")}</datalist>
<label><input id="f-clean" type="checkbox" checked> 显示无标记报告</label>
<span id="shown"></span></form>
<noscript><p class="errors">筛选和字段表需要启用 JavaScript；标记与证据照常显示。</p></noscript></header>
<main>
${ordered.map((r, i) => renderReport(r, i, crops, fields[i] ?? null)).join("\n")}
</main>
<script type="application/json" id="fields-data">${embedJson(fields)}</script>
<script>${REVIEW_JS}</script>
</body></html>
`;
}
