/**
 * Job-level behaviour on real Redis with workers in this process: idempotent enqueueing, unrecoverable input
 * errors carried as codes, a failed page still giving its document a record, Redis unreachable.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnection, redactUrl } from "../../queues/connection.ts";
import { useEngineFactory } from "../../queues/engine.ts";
import {
  codeFromReason,
  type DocumentJobData,
  documentJobId,
  messageFromReason,
  pageJobId,
  QUEUES,
  reasonWithCode,
} from "../../queues/names.ts";
import { QueueClient, runQueuedIngest } from "../../queues/submit.ts";
import { startWorkers } from "../../queues/worker.ts";
import { isAuditExtractError } from "../../src/domain/errors.ts";
import { openDocument } from "../../src/ingest/index.ts";
import { findDone } from "../../src/pipeline/outputs.ts";
import { createEngine as createFakeEngine } from "./fake-engine.ts";
import {
  deletePrefix,
  FAKE_PAGE_SANDBOX,
  freePort,
  REDIS_URL,
  requireRedis,
  testConfig,
  uniquePrefix,
} from "./helpers.ts";
import { pagePng, pagesPdf } from "./inputs.ts";

const prefix = uniquePrefix("jobs");
const config = testConfig({ prefix });
let tmp = "";

beforeAll(async () => {
  await requireRedis();
  tmp = await mkdtemp(path.join(os.tmpdir(), "ae-jobs-"));
  useEngineFactory(createFakeEngine);
});

afterAll(async () => {
  await deletePrefix(REDIS_URL, prefix);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

async function documentData(file: string, out: string): Promise<{ jobId: string; data: DocumentJobData }> {
  const doc = await openDocument(file, config.limits);
  await doc.close();
  const data: DocumentJobData = {
    v: 1,
    documentId: doc.id,
    file,
    display: path.basename(file),
    out,
    pageCount: doc.pageCount,
    inputError: null,
    settings: {
      limits: config.limits,
      rules: config.rules,
      savePageImages: false,
      renderDpi: config.ocr.dpi,
    },
  };
  return { jobId: documentJobId(doc.id, out), data };
}

describe("job ids and reasons", () => {
  it("are stable, BullMQ-safe and carry the error code", () => {
    const id = documentJobId("ab".repeat(32), "/data/out");
    expect(id).toBe(documentJobId("ab".repeat(32), "/data/out"));
    expect(id).not.toContain(":");
    expect(id).not.toBe(documentJobId("ab".repeat(32), "/data/out2"));
    expect(pageJobId(id, 3)).toMatch(/-p3$/);
    const reason = reasonWithCode("PDF_CORRUPT", "the PDF cannot be read: bad xref");
    expect(codeFromReason(reason)).toBe("PDF_CORRUPT");
    expect(messageFromReason(reason)).toBe("the PDF cannot be read: bad xref");
    expect(codeFromReason("Missing lock for job 1")).toBe("JOB_FAILED");
  });
});

describe("connection", () => {
  it("takes rediss:// URLs with a password and database", () => {
    const c = testConfig({ prefix, redisUrl: "rediss://:s3cret@redis.example:6380/2" });
    const conn = createConnection(c, { blocking: true });
    conn.on("error", () => undefined);
    try {
      expect(conn.options).toMatchObject({ host: "redis.example", port: 6380, password: "s3cret", db: 2 });
      expect(conn.options.tls).toBeTruthy();
      expect(conn.options.maxRetriesPerRequest).toBeNull();
      expect(redactUrl("rediss://:s3cret@redis.example:6380/2")).toBe("rediss://***@redis.example:6380/2");
    } finally {
      conn.disconnect();
    }
  });
});

describe("queue jobs", () => {
  it("enqueueing the same document twice adds one flow", async () => {
    const file = path.join(tmp, "twice.pdf");
    await writeFile(file, await pagesPdf([11, 12, 13]));
    const out = path.join(tmp, "out-twice");
    const { jobId, data } = await documentData(file, out);
    const client = await QueueClient.connect(config);
    try {
      await Promise.all([client.ensure(jobId, data), client.ensure(jobId, data)]);
      await client.ensure(jobId, data);
      const connection = new Redis(REDIS_URL);
      const pages = new Queue(QUEUES.pages, { connection, prefix });
      const counts = await pages.getJobCounts("wait", "active");
      expect((counts.wait ?? 0) + (counts.active ?? 0)).toBe(3);
      expect(await client.documents.getJobCounts("waiting-children")).toEqual({ "waiting-children": 1 });
      await client.documents.remove(jobId, { removeChildren: true });
      await pages.close();
      connection.disconnect();
    } finally {
      await client.close();
    }
  });

  it("a file changed after submitting: the page job fails for good with its code, the document still gets a record", async () => {
    const file = path.join(tmp, "changed.png");
    await writeFile(file, await pagePng(21));
    const out = path.join(tmp, "out-changed");
    const { jobId, data } = await documentData(file, out);
    const client = await QueueClient.connect(config);
    await client.ensure(jobId, data);
    await writeFile(file, await pagePng(22));
    const workers = await startWorkers(config, {
      concurrency: 1,
      documentConcurrency: 1,
      logger: pino({ level: "silent" }),
      pageProcessorFile: FAKE_PAGE_SANDBOX,
    });
    try {
      let state = "";
      for (let i = 0; i < 150 && state !== "completed"; i++) {
        await new Promise((r) => setTimeout(r, 200));
        state = await client.documents.getJobState(jobId);
      }
      expect(state).toBe("completed");
      const connection = new Redis(REDIS_URL);
      const pages = new Queue(QUEUES.pages, { connection, prefix });
      const failed = await pages.getJob(pageJobId(jobId, 1));
      expect(codeFromReason(failed?.failedReason)).toBe("INPUT_CHANGED");
      expect(failed?.attemptsMade).toBe(1); // unrecoverable: no retries
      await pages.close();
      connection.disconnect();
      const record = await findDone(out, data.documentId);
      expect(record?.document.status).toBe("failed");
      expect(record?.document.errors.map((e) => e.code)).toContain("INPUT_CHANGED");
    } finally {
      await workers.close();
      await client.close();
    }
  });

  it("a graceful stop waits for the active page job; a new worker finishes the document", async () => {
    const file = path.join(tmp, "graceful.pdf");
    await writeFile(file, await pagesPdf([41, 42, 43]));
    const out = path.join(tmp, "out-graceful");
    const { jobId, data } = await documentData(file, out);
    const client = await QueueClient.connect(config);
    const connection = new Redis(REDIS_URL);
    const pages = new Queue(QUEUES.pages, { connection, prefix });
    process.env.FAKE_OCR_DELAY_MS = "150";
    const silent = pino({ level: "silent" });
    try {
      const failedBefore = await pages.getFailedCount();
      await client.ensure(jobId, data);
      const first = await startWorkers(config, {
        concurrency: 1,
        documentConcurrency: 1,
        logger: silent,
        pageProcessorFile: FAKE_PAGE_SANDBOX,
      });
      let active: string[] = [];
      for (let i = 0; i < 150 && active.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        active = (await pages.getActive()).map((j) => j.id ?? "");
      }
      expect(active).toHaveLength(1);
      await first.close();
      // The job that was active when the stop began finished: nothing left active, nothing failed.
      expect(await pages.getJobState(active[0]!)).toMatch(/^(completed|unknown)$/); // unknown = removed on complete
      expect(await pages.getActiveCount()).toBe(0);
      expect(await pages.getFailedCount()).toBe(failedBefore);
      const second = await startWorkers(config, {
        concurrency: 1,
        documentConcurrency: 1,
        logger: silent,
        pageProcessorFile: FAKE_PAGE_SANDBOX,
      });
      let state = "";
      for (let i = 0; i < 150 && state !== "completed"; i++) {
        await new Promise((r) => setTimeout(r, 200));
        state = await client.documents.getJobState(jobId);
      }
      await second.close();
      expect(state).toBe("completed");
      expect((await findDone(out, data.documentId))?.document.status).toBe("ok");
    } finally {
      delete process.env.FAKE_OCR_DELAY_MS;
      await pages.close();
      connection.disconnect();
      await client.close();
    }
  });

  it("Redis unreachable: the submitter fails fast with QUEUE_UNAVAILABLE", async () => {
    const port = await freePort();
    const bad = testConfig({ prefix, redisUrl: `redis://127.0.0.1:${port}` });
    const file = path.join(tmp, "unreached.png");
    await writeFile(file, await pagePng(31));
    const t0 = Date.now();
    const err = await runQueuedIngest({ inputs: [file], out: path.join(tmp, "out-x"), config: bad }).catch(
      (e: unknown) => e,
    );
    expect(isAuditExtractError(err) && err.code).toBe("QUEUE_UNAVAILABLE");
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
