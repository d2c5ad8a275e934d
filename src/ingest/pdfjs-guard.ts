/**
 * pdf.js (seen in 5.6) leaves some of its own promises without a handler when it walks a damaged page tree:
 * page dictionaries it prefetches and then never awaits. Their rejection is "unhandled", and under Node's
 * default (--unhandled-rejections=throw) that ends the process: one hostile PDF would stop a batch. The
 * document's outcome already comes through the promises we do await (PDF_CORRUPT, or a page that renders),
 * so these strays are dropped. Every other unhandled rejection keeps Node's default behaviour.
 */
const PDFJS_WORKER_FRAME = /pdfjs-dist[\\/].*pdf\.worker\.m?js/u;

/** An error raised inside the pdf.js worker code (in Node it runs in-process as a "fake worker"). */
export function isPdfjsWorkerError(reason: unknown): boolean {
  return reason instanceof Error && typeof reason.stack === "string" && PDFJS_WORKER_FRAME.test(reason.stack);
}

let installed = false;

function onUnhandledRejection(reason: unknown): void {
  if (isPdfjsWorkerError(reason)) return;
  // With other listeners (a test runner, an app's own), they decide; alone, do what Node does without us.
  if (process.listenerCount("unhandledRejection") > 1) return;
  throw reason instanceof Error ? reason : new Error(`unhandled rejection: ${String(reason)}`);
}

export function installPdfjsRejectionGuard(): void {
  if (installed) return;
  installed = true;
  process.on("unhandledRejection", onUnhandledRejection);
}
