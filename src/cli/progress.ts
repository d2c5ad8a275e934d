import { existsSync } from "node:fs";
import path from "node:path";
import cliProgress from "cli-progress";
import type { AuditRecord } from "../domain/record.ts";
import { escapeControl } from "../domain/redact.ts";
import type { ProgressEvent } from "../pipeline/runner.ts";

export interface ProgressView {
  onEvent(e: ProgressEvent): void;
  stop(): void;
}

const minutes = (ms: number) => ms / 60_000;

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** What the run has seen so far. A PDF's page count is known only once it is opened, so until every file has
 * shown its count the page total is the known part plus an estimate, and says so ("~"). Documents reused from an
 * earlier run (same sha256 and pipeline version) count as files done, not as pages read. */
export class ProgressState {
  readonly started: number;
  filesTotal = 0;
  filesDone = 0;
  reused = 0;
  pagesRead = 0;
  private readonly pagesOf = new Map<string, number>();
  private readonly finished = new Set<string>();

  constructor(now = Date.now()) {
    this.started = now;
  }

  onEvent(e: ProgressEvent): void {
    if (e.type === "start") this.filesTotal = e.files;
    else if (e.type === "page") {
      this.pagesOf.set(e.file, e.of);
      this.pagesRead++;
    } else if (e.type === "document") {
      this.filesDone++;
      this.finished.add(e.file);
      if (e.reused) this.reused++;
      else this.pagesOf.set(e.file, e.pages);
    }
  }

  /** Pages to read in this run: known ones, plus a guess for files not opened yet (mean pages of those seen). */
  pagesTotal(): { pages: number; estimated: boolean } {
    const known = [...this.pagesOf.values()].reduce((a, b) => a + b, 0);
    const unseen = Math.max(0, this.filesTotal - this.reused - this.pagesOf.size);
    if (unseen === 0) return { pages: known, estimated: false };
    const mean = this.pagesOf.size > 0 ? known / this.pagesOf.size : 0;
    return { pages: Math.round(known + unseen * mean), estimated: true };
  }

  line(now = Date.now()): string {
    const { pages, estimated } = this.pagesTotal();
    const elapsed = now - this.started;
    const rate = this.pagesRead > 0 && elapsed > 0 ? this.pagesRead / minutes(elapsed) : null;
    const left = Math.max(0, pages - this.pagesRead);
    const totalText = !estimated ? String(pages) : this.pagesOf.size > 0 ? `~${pages}` : "?";
    const parts = [
      `${this.pagesRead}/${totalText} pages`,
      rate === null ? "– pages/min" : `${rate.toFixed(1)} pages/min`,
      rate === null || pages === 0
        ? `${clock(elapsed)} elapsed`
        : `ETA ${estimated ? "~" : ""}${clock((left / rate) * 60_000)}`,
      `${this.filesDone}/${this.filesTotal} files${this.reused ? ` (${this.reused} unchanged)` : ""}`,
    ];
    return parts.join(" | ");
  }
}

/** The line for one finished document, kept above the bar (or printed alone off a terminal). */
/** File names may hold control characters (terminal escape sequences): never written raw. */
export function documentLine(e: Extract<ProgressEvent, { type: "document" }>): string {
  const file = escapeControl(e.file);
  if (e.status === "failed" || e.kind === "not_audit_report")
    return `rejected ${file}: ${e.codes.join(", ") || e.kind}`;
  if (e.reused) return `unchanged ${file} (${e.pages} pages, read before)`;
  return `done ${file} (${e.pages} pages, ${e.status})`;
}

/** Progress on stderr: on a terminal a bar with the per-file lines kept above it, cleared when the run ends;
 * elsewhere the per-file lines only. Only the parent process draws. */
export function createProgress(
  stream: NodeJS.WriteStream | { isTTY?: undefined; write: (text: string) => void } = process.stderr,
): ProgressView {
  const state = new ProgressState();
  const multi = stream.isTTY
    ? new cliProgress.MultiBar(
        {
          stream,
          format: "{bar} {line}",
          hideCursor: true,
          clearOnComplete: true,
          barsize: 24,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let bar: cliProgress.SingleBar | null = null;
  const draw = () => {
    const { pages } = state.pagesTotal();
    if (!multi) return;
    const payload = { line: state.line() };
    if (!bar) bar = multi.create(Math.max(pages, 1), state.pagesRead, payload);
    else {
      bar.setTotal(Math.max(pages, 1));
      bar.update(state.pagesRead, payload);
    }
  };
  let stopped = false;
  // Writes the per-file lines still buffered, then clears the bar: nothing of it stays on the terminal.
  const finish = () => {
    if (stopped) return;
    stopped = true;
    if (!multi) return;
    if (bar) multi.update();
    multi.stop();
  };
  return {
    onEvent(e) {
      if (stopped) return;
      state.onEvent(e);
      if (e.type === "document") {
        const line = documentLine(e);
        if (multi) multi.log(`${line}\n`);
        else stream.write(`${line}\n`);
      }
      if (e.type === "finishing") {
        finish();
        return;
      }
      draw();
    },
    stop: finish,
  };
}

/** The run's last line: documents extracted and rejected, flags by severity, where the review page is. */
export function closingLine(records: readonly AuditRecord[], rejected: number, out: string): string {
  const count = { high: 0, medium: 0, low: 0 };
  for (const r of records) for (const f of r.flags) count[f.severity]++;
  const review = path.join(out, "review.html");
  const parts = [
    `${records.length - rejected} extracted, ${rejected} rejected`,
    `flags: ${count.high} high, ${count.medium} medium, ${count.low} low`,
    existsSync(review) ? `review page: ${review}` : `outputs in ${out}`,
  ];
  return parts.join(" | ");
}
