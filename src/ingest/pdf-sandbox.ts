/**
 * PDFs are parsed and rendered in a child process (pdf-process.ts) with a memory cap, killed at the page time
 * limit; the file's compressed streams are size-checked first (stream-scan.ts). A document whose process was
 * killed is opened again in a fresh one for its remaining pages, a few times at most. Finished processes are
 * kept a little while for the next document (starting one costs a few hundred ms).
 */
import { AuditExtractError, InputError } from "../domain/errors.ts";
import type { PageInput } from "../domain/page.ts";
import type { IngestLimits, IngestOptions } from "./limits.ts";
import type { OpenedPdf } from "./pdf.ts";
import { PdfProcess, replyError } from "./pdf-process.ts";

/** Fresh processes a document may use after its process was killed, before its other pages fail too. */
const MAX_RESTARTS = 2;
/** Processes kept for the next documents: the submitter opens four at once to count pages. */
const IDLE_KEEP = 4;
const IDLE_MS = 15_000;

const idle: { proc: PdfProcess; timer: NodeJS.Timeout }[] = [];

async function take(memoryMb: number): Promise<PdfProcess> {
  const i = idle.findIndex((e) => e.proc.memoryMb === memoryMb && e.proc.alive);
  if (i >= 0) {
    const [entry] = idle.splice(i, 1);
    if (entry) {
      clearTimeout(entry.timer);
      entry.proc.setIdle(false);
      return entry.proc;
    }
  }
  return PdfProcess.start(memoryMb);
}

/** Keeps a healthy process for reuse; one that grew past half its cap is ended (pdf.js caches linger). */
function release(proc: PdfProcess, rssBytes: number): void {
  if (!proc.alive) return;
  if (idle.length >= IDLE_KEEP || rssBytes > (proc.memoryMb * 1024 * 1024) / 2) {
    proc.kill(new Error("released"));
    return;
  }
  proc.setIdle(true);
  const timer = setTimeout(() => {
    const i = idle.findIndex((e) => e.proc === proc);
    if (i >= 0) idle.splice(i, 1);
    proc.kill(new Error("idle"));
  }, IDLE_MS);
  timer.unref();
  idle.push({ proc, timer });
}

/** Closes the process's document and keeps the process for the next one (or ends it). */
async function closeAndRelease(proc: PdfProcess): Promise<void> {
  if (!proc.alive) return;
  try {
    const reply = await proc.request(
      { type: "close" },
      {
        timeoutMs: 5_000,
        what: "closing the PDF",
        onTimeout: () => new InputError("PAGE_RENDER_FAILED", "closing the PDF took too long"),
      },
    );
    release(proc, reply.type === "closed" ? reply.rssBytes : Number.POSITIVE_INFINITY);
  } catch {
    proc.kill(new Error("close failed"));
  }
}

async function openIn(
  proc: PdfProcess,
  bytes: Uint8Array,
  limits: IngestLimits,
  options: IngestOptions,
): Promise<number> {
  const reply = await proc.request(
    { type: "open", bytes, limits, options },
    {
      timeoutMs: limits.documentTimeoutMs,
      what: "opening the PDF",
      onTimeout: () =>
        new InputError("DOCUMENT_TIMEOUT", `opening the PDF took longer than ${limits.documentTimeoutMs} ms`),
    },
  );
  if (reply.type === "opened") return reply.pageCount;
  if (reply.type === "error") throw replyError(reply, "PDF_CORRUPT");
  throw new InputError("PDF_CORRUPT", `unexpected reply ${reply.type} from the PDF process`);
}

export async function openPdfSandboxed(
  bytes: Uint8Array,
  limits: IngestLimits,
  options: IngestOptions,
): Promise<OpenedPdf> {
  let proc = await take(limits.pdfMemoryMb);
  let pageCount: number;
  try {
    pageCount = await openIn(proc, bytes, limits, options);
  } catch (error) {
    // Most hostile files fail here: the process is fine and goes back to the pool before the next file.
    await closeAndRelease(proc);
    throw error;
  }
  let restarts = 0;
  let lastKill: Error | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const ensureProcess = async (): Promise<PdfProcess> => {
    if (proc.alive) return proc;
    if (restarts >= MAX_RESTARTS) {
      throw new InputError(
        "PDF_RESOURCE_LIMIT",
        `the PDF's process was stopped ${restarts + 1} times (last: ${lastKill?.message ?? "?"}); its other pages are not read`,
      );
    }
    restarts++;
    proc = await PdfProcess.start(limits.pdfMemoryMb);
    await openIn(proc, bytes, limits, options);
    return proc;
  };

  const readPage = async (pageNo: number, signal?: AbortSignal): Promise<PageInput> => {
    if (closed) throw new Error("the document is closed");
    if (signal?.aborted)
      throw new AuditExtractError("PAGE_TIMEOUT", `page ${pageNo} was stopped before it started`);
    const p = await ensureProcess();
    try {
      const reply = await p.request(
        { type: "page", page: pageNo },
        {
          timeoutMs: limits.pageTimeoutMs,
          what: `page ${pageNo}`,
          onTimeout: () =>
            new InputError("PAGE_TIMEOUT", `page ${pageNo} took longer than ${limits.pageTimeoutMs} ms`),
          ...(signal ? { signal } : {}),
        },
      );
      if (reply.type === "page") return reply.input;
      if (reply.type === "error") throw replyError(reply, "PAGE_RENDER_FAILED");
      throw new InputError("PAGE_RENDER_FAILED", `unexpected reply ${reply.type} from the PDF process`);
    } catch (error) {
      if (!p.alive) lastKill = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
  };

  return {
    pageCount,
    getPage(pageNo: number, signal?: AbortSignal): Promise<PageInput> {
      if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > pageCount) {
        return Promise.reject(new RangeError(`page ${pageNo} is outside 1..${pageCount}`));
      }
      // One page at a time per process: a page's time limit then measures that page alone.
      const run = queue.then(() => readPage(pageNo, signal));
      queue = run.catch(() => undefined);
      return run;
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await queue;
      await closeAndRelease(proc);
    },
  };
}
