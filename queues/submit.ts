import { randomUUID } from "node:crypto";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { FlowProducer, type JobsOptions, Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { loadConfig } from "../src/config/load.ts";
import type { AppConfig } from "../src/config/schema.ts";
import { EnvironmentError, isAuditExtractError } from "../src/domain/errors.ts";
import type { AuditRecord } from "../src/domain/record.ts";
import { openDocument } from "../src/ingest/index.ts";
import { finishBatch } from "../src/pipeline/batch-end.ts";
import { sha256File } from "../src/pipeline/hash.ts";
import { expandInputs } from "../src/pipeline/inputs.ts";
import { type DamagedRecord, findDone } from "../src/pipeline/outputs.ts";
import {
  type IngestOptions,
  type IngestResult,
  isRejected,
  type ProgressEvent,
} from "../src/pipeline/runner.ts";
import { Semaphore } from "../src/pipeline/semaphore.ts";
import { createConnection, queueOptions, redactUrl } from "./connection.ts";
import { writeFailed } from "./document-processor.ts";
import {
  codeFromReason,
  type DocumentJobData,
  documentJobId,
  type JobSettings,
  messageFromReason,
  type PageJobData,
  pageFromKey,
  pageJobId,
  QUEUES,
  RETRY,
  unreadableJobId,
} from "./names.ts";

export interface QueuedIngestOptions extends IngestOptions {
  /** How often document job states are checked, ms (default 500). */
  pollMs?: number;
  /** Give up waiting after this long, ms (default: wait as long as it takes). */
  waitTimeoutMs?: number;
}

const DAY_S = 24 * 3600;
/** A document whose job keeps vanishing is given up on after this many re-adds (it then has no record). */
const MAX_READDS = 5;
/** Finished document jobs are kept a day for `status`; page results live in their parent until then. */
const DOCUMENT_JOB_OPTS: JobsOptions = {
  ...RETRY,
  removeOnComplete: { age: DAY_S, count: 10_000 },
  removeOnFail: { age: 7 * DAY_S },
};
const PAGE_JOB_OPTS: JobsOptions = {
  ...RETRY,
  removeOnComplete: true,
  removeOnFail: { age: 7 * DAY_S },
  // A page that fails for good still lets its document finish, as a page error.
  ignoreDependencyOnFailure: true,
};

interface Pending {
  jobId: string;
  data: DocumentJobData;
  pagesSeen: Set<number>;
  /** Times the job was found missing (Redis restarted without persistence) and added again. */
  readds: number;
}

async function prepare(
  file: string,
  display: string,
  out: string,
  settings: JobSettings,
  batch: string,
): Promise<{ jobId: string; data: DocumentJobData }> {
  const abs = path.resolve(file);
  const base = { v: 1 as const, file: abs, display, out, settings };
  try {
    // Opening only parses (pdf.js reads the page tree, images read their header): cheap, and it gives the
    // page count, so the whole flow (document + pages) is added in one atomic step.
    const doc = await openDocument(abs, settings.limits, { renderDpi: settings.renderDpi });
    await doc.close().catch(() => undefined);
    const data = { ...base, documentId: doc.id, pageCount: doc.pageCount, inputError: null };
    return { jobId: documentJobId(doc.id, out), data };
  } catch (e) {
    if (!isAuditExtractError(e) || e.name === "EnvironmentError") throw e;
    const id = await sha256File(abs).catch(() => "");
    const data = { ...base, documentId: id, pageCount: 0, inputError: { code: e.code, message: e.message } };
    return { jobId: id ? documentJobId(id, out) : unreadableJobId(abs, out, batch), data };
  }
}

function documentEvent(record: AuditRecord, reused: boolean): ProgressEvent {
  return {
    type: "document",
    file: record.document.file,
    status: record.document.status,
    kind: record.document.kind,
    codes: record.document.errors.map((e) => e.code),
    reused,
    pages: record.document.pages,
  };
}

export class QueueClient {
  readonly documents: Queue;
  readonly flow: FlowProducer;
  private constructor(
    readonly config: AppConfig,
    private readonly connection: Redis,
  ) {
    const base = queueOptions(config, connection);
    this.documents = new Queue(QUEUES.documents, base);
    this.flow = new FlowProducer(base);
    // Connection errors surface as failed commands, retried by the wait loop; no unhandled 'error' events.
    this.documents.on("error", () => undefined);
    this.flow.on("error", () => undefined);
  }

  /** Connects, failing fast with QUEUE_UNAVAILABLE when Redis cannot be reached. */
  static async connect(config: AppConfig): Promise<QueueClient> {
    const probe = createConnection(config, { blocking: false, failFast: true });
    probe.on("error", () => undefined);
    try {
      await probe.ping();
    } catch (cause) {
      throw new EnvironmentError(
        "QUEUE_UNAVAILABLE",
        `cannot reach Redis at ${redactUrl(config.queue.redisUrl)}`,
        "start Redis (docker compose up -d redis) or set REDIS_URL",
        { cause },
      );
    } finally {
      probe.disconnect();
    }
    const connection = createConnection(config, { blocking: false });
    connection.on("error", () => undefined);
    return new QueueClient(config, connection);
  }

  /** Adds the document job with its page jobs as children (one atomic flow), or alone when it has no pages. */
  async add(jobId: string, data: DocumentJobData): Promise<void> {
    if (data.pageCount === 0 || data.inputError) {
      await this.documents.add("document", data, { ...DOCUMENT_JOB_OPTS, jobId });
      return;
    }
    await this.flow.add({
      name: "document",
      queueName: QUEUES.documents,
      data,
      opts: { ...DOCUMENT_JOB_OPTS, jobId },
      children: Array.from({ length: data.pageCount }, (_, i) => {
        const page: PageJobData = {
          v: 1,
          documentId: data.documentId,
          file: data.file,
          out: data.out,
          page: i + 1,
          pageCount: data.pageCount,
          settings: data.settings,
        };
        return {
          name: "page",
          queueName: QUEUES.pages,
          data: page,
          opts: { ...PAGE_JOB_OPTS, jobId: pageJobId(jobId, i + 1) },
        };
      }),
    });
  }

  /** Enqueues unless the job is already there. A finished job whose outputs are gone is replaced. */
  async ensure(jobId: string, data: DocumentJobData): Promise<void> {
    const state = await this.documents.getJobState(jobId);
    if (state === "completed" || state === "failed") {
      await this.documents.remove(jobId, { removeChildren: true });
    } else if (state !== "unknown") {
      return;
    }
    await this.add(jobId, data);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.documents.close(), this.flow.close()]);
    this.connection.disconnect();
  }
}

/** `ingest --queue`: enqueues every input as a flow (document + page jobs), reports progress until every
 * document is finished, runs the batch end (cross-report rules, exports) here, and returns what `runIngest`
 * returns. Idempotent: inputs already done in `out` are reused; a job already queued is waited for, not added
 * twice; jobs lost with Redis (restart without persistence) are added again. Workers and this process must
 * see the same files and `out` folder (a shared filesystem, or one machine). `opts.engine` is not used:
 * workers own their engines. */
export async function runQueuedIngest(opts: QueuedIngestOptions): Promise<IngestResult> {
  const config = opts.config ?? loadConfig();
  const emit = opts.onProgress ?? (() => undefined);
  const out = path.resolve(opts.out);
  const pollMs = opts.pollMs ?? 500;
  const { files, missing, unreadable } = await expandInputs(opts.inputs);
  emit({ type: "start", files: files.length + missing.length + unreadable.length });
  const settings: JobSettings = {
    limits: config.limits,
    rules: config.rules,
    savePageImages: config.savePageImages,
    renderDpi: config.ocr.dpi,
  };
  const batch = randomUUID().slice(0, 8);
  const client = await QueueClient.connect(config);
  const eventsConnection = createConnection(config, { blocking: true });
  eventsConnection.on("error", () => undefined);
  const pageEvents = new QueueEvents(QUEUES.pages, queueOptions(config, eventsConnection));
  pageEvents.on("error", () => undefined);
  const pending = new Map<string, Pending>();
  let engineName = "unknown";

  pageEvents.on("completed", ({ jobId }) => {
    const docJob = jobId.replace(/-p\d+$/, "");
    const p = pending.get(docJob);
    const n = pageFromKey(jobId);
    if (!p || n === null || p.pagesSeen.has(n)) return;
    p.pagesSeen.add(n);
    emit({ type: "page", file: p.data.display, page: n, of: p.data.pageCount });
  });

  const track = async (jobId: string, data: DocumentJobData) => {
    const entry: Pending = { jobId, data, pagesSeen: new Set(), readds: 0 };
    pending.set(jobId, entry);
    // A Redis hiccup while adding is fine: the wait loop sees the job missing and adds it.
    await client.ensure(jobId, data).catch(() => undefined);
  };

  try {
    const notRead = [
      ...missing.map((m) => ({
        display: m,
        code: "INPUT_NOT_FOUND",
        message: `no such file or folder: ${m}`,
      })),
      ...unreadable.map((u) => ({
        display: u.display,
        code: "INPUT_UNREADABLE",
        message: `cannot read ${u.display}: ${u.reason}`,
      })),
    ];
    for (const m of notRead) {
      const abs = path.resolve(m.display);
      await track(unreadableJobId(abs, out, batch), {
        v: 1,
        documentId: "",
        file: abs,
        display: m.display,
        out,
        pageCount: 0,
        inputError: { code: m.code, message: m.message },
        settings,
      });
    }
    const opening = new Semaphore(4);
    await Promise.all(
      files.map((f) =>
        opening.run(async () => {
          const prepared = await prepare(f.path, f.display, out, settings, batch);
          const id = prepared.data.documentId;
          const done = id ? await findDone(out, id) : null;
          if (done) {
            emit(documentEvent(done, true));
            return;
          }
          await track(prepared.jobId, prepared.data);
        }),
      ),
    );

    const deadline = opts.waitTimeoutMs ? Date.now() + opts.waitTimeoutMs : Number.POSITIVE_INFINITY;
    while (pending.size > 0) {
      if (Date.now() > deadline) {
        throw new EnvironmentError(
          "QUEUE_UNAVAILABLE",
          `${pending.size} documents not finished after ${opts.waitTimeoutMs} ms`,
          "are workers running? (audit-extract worker; audit-extract status)",
        );
      }
      await sleep(pollMs);
      try {
        await poll();
      } catch {
        // Redis restarting: ioredis reconnects; try again on the next tick.
      }
    }
  } finally {
    await Promise.allSettled([pageEvents.close()]);
    eventsConnection.disconnect();
    await client.close();
  }

  async function finish(p: Pending, record: AuditRecord | null): Promise<void> {
    if (!record && p.data.documentId) {
      // The queue lost this document for good: leave a failed record so nothing is lost silently.
      record = await writeFailed(
        p.data,
        {
          id: p.data.documentId,
          file: p.data.display,
          engine: engineName,
          timings: { totalMs: 0, ocrMs: 0 },
        },
        "QUEUE_UNAVAILABLE",
        `the document job was lost ${p.readds} times`,
      );
    }
    pending.delete(p.jobId);
    if (record) {
      if (record.document.ocr.engine) engineName = record.document.ocr.engine;
      emit(documentEvent(record, false));
    }
  }

  async function poll(): Promise<void> {
    const entries = [...pending.values()];
    for (let i = 0; i < entries.length; i += 200) {
      const chunk = entries.slice(i, i + 200);
      const states = await Promise.all(chunk.map((p) => client.documents.getJobState(p.jobId)));
      for (const [k, p] of chunk.entries()) {
        const state = states[k];
        const id = p.data.documentId;
        if (state === "completed") {
          const done = id ? await findDone(out, id) : null;
          if (done || p.readds >= MAX_READDS) await finish(p, done);
          else {
            // Completed but its outputs are not there (deleted meanwhile): run it again.
            p.readds++;
            await client.ensure(p.jobId, p.data);
          }
        } else if (state === "failed") {
          const job = await client.documents.getJob(p.jobId);
          const reason = job?.failedReason ?? "";
          let record = id ? await findDone(out, id) : null;
          if (!record && id) {
            // The worker could not leave a record: write it here so nothing is lost.
            record = await writeFailed(
              p.data,
              { id, file: p.data.display, engine: engineName, timings: { totalMs: 0, ocrMs: 0 } },
              p.data.inputError?.code ?? codeFromReason(reason),
              p.data.inputError?.message ?? messageFromReason(reason),
            );
          }
          if (record) await finish(p, record);
          else {
            // No content hash (a missing file): the worker wrote its failed record by name.
            pending.delete(p.jobId);
            emit({
              type: "document",
              file: p.data.display,
              status: "failed",
              kind: "unknown",
              codes: [p.data.inputError?.code ?? codeFromReason(reason)],
              reused: false,
              pages: 0,
            });
          }
        } else if (state === "unknown") {
          // Never added (Redis was down), removed after completing, or lost with a Redis restart.
          const done = id ? await findDone(out, id) : null;
          if (done || p.readds >= MAX_READDS) await finish(p, done);
          else {
            p.readds++;
            await client.add(p.jobId, p.data);
          }
        }
      }
    }
  }

  emit({ type: "finishing" });
  const damaged: DamagedRecord[] = [];
  const all = await finishBatch(out, config.rules, damaged);
  const names = new Set([...files.map((f) => f.display), ...missing, ...unreadable.map((u) => u.display)]);
  const records = all.filter((r) => names.has(r.document.file));
  return { records, rejected: records.filter(isRejected).length, damaged };
}
