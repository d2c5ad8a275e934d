/** The PDF process's side of src/ingest/pdf-sandbox.ts: one document at a time, one request at a time. */
import { isAuditExtractError } from "../domain/errors.ts";
import type { OpenedPdf } from "./pdf.ts";
import { openPdf } from "./pdf.ts";
import type { ChildReply, ChildRequest } from "./pdf-protocol.ts";
import { checkDecodedSizes } from "./stream-scan.ts";

let current: OpenedPdf | null = null;

function send(reply: ChildReply): void {
  process.send?.(reply);
}

function failure(id: number, error: unknown): ChildReply {
  if (isAuditExtractError(error)) {
    return { id, type: "error", code: error.code, message: error.message, hint: error.hint ?? null };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { id, type: "error", code: null, message, hint: null };
}

async function handle(req: ChildRequest): Promise<ChildReply> {
  switch (req.type) {
    case "open": {
      await current?.close().catch(() => undefined);
      current = null;
      await checkDecodedSizes(req.bytes, req.limits);
      current = await openPdf(req.bytes, req.limits, req.options);
      return { id: req.id, type: "opened", pageCount: current.pageCount };
    }
    case "page": {
      if (!current) throw new Error("no document is open");
      return { id: req.id, type: "page", input: await current.getPage(req.page) };
    }
    case "close": {
      await current?.close().catch(() => undefined);
      current = null;
      return { id: req.id, type: "closed", rssBytes: process.memoryUsage.rss() };
    }
  }
}

// pdf.js loads its worker code (a 2 MB module) on the first document; load it now, before this process says
// it is ready, so no document's time limit pays for it.
const PDFJS_WORKER = "pdfjs-dist/legacy/build/pdf.worker.mjs";
const workerModule: unknown = await import(PDFJS_WORKER);
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = workerModule;

process.on("message", (req: ChildRequest) => {
  handle(req).then(send, (error: unknown) => send(failure(req.id, error)));
});
send({ id: 0, type: "ready" });
