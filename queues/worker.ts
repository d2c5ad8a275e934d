import os from "node:os";
import { fileURLToPath } from "node:url";
import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import pino from "pino";
import type { AppConfig } from "../src/config/schema.ts";
import { safeJsonLine } from "../src/domain/redact.ts";
import { createConnection, describeRedisError, queueOptions } from "./connection.ts";
import { processDocumentJob } from "./document-processor.ts";
import { createWorkerEngine } from "./engine.ts";
import { type DocumentJobResult, QUEUES } from "./names.ts";
import { WORKER_CONFIG_ENV } from "./page-processor.ts";

const SANDBOX = fileURLToPath(new URL("./page-sandbox.mjs", import.meta.url));

export interface WorkerOptions {
  /** Page jobs at once = sandboxed OCR processes (default config.queue.concurrency, one per core). */
  concurrency?: number;
  /** Document jobs (assembly, writing outputs) at once; light work, in this process. Default 2. */
  documentConcurrency?: number;
  /** How long a job's lock lasts without renewal: a dead worker's jobs return to the queue after about
   * lockDuration + stalledInterval. BullMQ defaults 30 s / 30 s. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  logger?: pino.Logger;
  /** The sandboxed page processor's entry file (default page-sandbox.mjs). Embedding programs (the queue
   * tests) give their own, which sets up their engine before loading page-processor.ts. */
  pageProcessorFile?: string;
}

export interface RunningWorkers {
  engineName: string;
  pages: Worker;
  documents: Worker;
  /** Settles when the Redis connection is given up for good (an outage longer than queue.connectRetryMs). */
  lost: Promise<void>;
  /** Stops taking jobs and waits for the active ones (graceful); `force` abandons them (they are recovered
   * as stalled by another worker). */
  close(force?: boolean): Promise<void>;
}

/** The worker's log: JSON lines on stderr, through the one redaction (secrets, control characters). */
export function redactedLogger(): pino.Logger {
  return pino(
    { name: "audit-extract-worker" },
    { write: (line: string) => process.stderr.write(safeJsonLine(line)) },
  );
}

/** Worker settings from the environment (not part of AppConfig): AUDIT_QUEUE_LOCK_MS, AUDIT_QUEUE_STALLED_MS,
 * AUDIT_QUEUE_DOCUMENT_CONCURRENCY. */
export function workerOptionsFromEnv(env: NodeJS.ProcessEnv): WorkerOptions {
  const num = (name: string): number | undefined => {
    const v = env[name];
    if (v === undefined || v === "") return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got ${v}`);
    return n;
  };
  const opts: WorkerOptions = {};
  const lock = num("AUDIT_QUEUE_LOCK_MS");
  const stalled = num("AUDIT_QUEUE_STALLED_MS");
  const docs = num("AUDIT_QUEUE_DOCUMENT_CONCURRENCY");
  if (lock !== undefined) opts.lockDurationMs = lock;
  if (stalled !== undefined) opts.stalledIntervalMs = stalled;
  if (docs !== undefined) opts.documentConcurrency = docs;
  return opts;
}

/** Starts a page worker (sandboxed OCR, one engine per child process) and a document worker on the queues
 * named by `config.queue`. Any number of these can run, on any machine that sees the same files. */
export async function startWorkers(config: AppConfig, opts: WorkerOptions = {}): Promise<RunningWorkers> {
  const log = opts.logger ?? redactedLogger();
  // Check the OCR engine before taking jobs (fails fast without language data) and learn its name for
  // records of documents that were rejected before OCR.
  const probe = await createWorkerEngine({ ...config, ocr: { ...config.ocr, workers: 1 } });
  const engineName = probe.name;
  await probe.close();

  const connection: Redis = createConnection(config, {
    blocking: true,
    giveUpAfterMs: config.queue.connectRetryMs,
  });
  let stopping = false;
  const lost = new Promise<void>((resolve) =>
    connection.once("end", () => {
      if (!stopping) resolve();
    }),
  );
  const base = queueOptions(config, connection);
  // Names this process in each job it takes (BullMQ's processedBy): which machine and process read a document.
  const name = `${os.hostname()}:${process.pid}`;
  const lock = {
    name,
    ...(opts.lockDurationMs ? { lockDuration: opts.lockDurationMs } : {}),
    ...(opts.stalledIntervalMs ? { stalledInterval: opts.stalledIntervalMs } : {}),
    // A job whose worker died twice is more likely killing workers than unlucky: then it fails.
    maxStalledCount: 2,
  };
  const pages = new Worker(QUEUES.pages, opts.pageProcessorFile ?? SANDBOX, {
    ...base,
    ...lock,
    concurrency: opts.concurrency ?? config.queue.concurrency,
    useWorkerThreads: false,
    workerForkOptions: { env: { ...process.env, [WORKER_CONFIG_ENV]: JSON.stringify(config) } },
  });
  const documents = new Worker<unknown, DocumentJobResult>(
    QUEUES.documents,
    (job: Job) => processDocumentJob(job, { engineName }),
    { ...base, ...lock, concurrency: opts.documentConcurrency ?? 2 },
  );
  for (const w of [pages, documents]) {
    w.on("failed", (job, err) =>
      log.warn(
        { queue: w.name, job: job?.id, attempts: job?.attemptsMade, reason: err.message },
        "job failed",
      ),
    );
    w.on("error", (err) => log.error({ queue: w.name, err: describeRedisError(err) }, "worker error"));
    w.on("stalled", (jobId) => log.warn({ queue: w.name, job: jobId }, "stalled job recovered"));
  }
  documents.on("completed", (job, result) =>
    log.info({ job: job.id, file: result.file, status: result.status }, "document done"),
  );
  await Promise.all([pages.waitUntilReady(), documents.waitUntilReady()]);
  log.info(
    {
      engine: engineName,
      worker: name,
      concurrency: opts.concurrency ?? config.queue.concurrency,
      prefix: config.queue.prefix,
    },
    "worker ready",
  );
  let closing: Promise<void> | null = null;
  return {
    engineName,
    pages,
    documents,
    lost,
    close(force = false) {
      stopping = true;
      closing ??= (async () => {
        await Promise.all([pages.close(force), documents.close(force)]);
        connection.disconnect();
      })();
      return closing;
    },
  };
}
