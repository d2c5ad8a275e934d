/** The document job on its own, with a stand-in for BullMQ's Job: what it does when its pages' results are gone
 * (Redis restarted without persistence between the page jobs and the document job). */
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Job } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { processDocumentJob } from "../../queues/document-processor.ts";
import { codeFromReason, type DocumentJobData, pageJobId } from "../../queues/names.ts";
import { loadConfig } from "../../src/config/load.ts";
import type { OcrPage } from "../../src/domain/ocr.ts";

const config = loadConfig({ env: {}, flags: {} });
let tmp = "";

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function page(n: number): OcrPage {
  return {
    page: n,
    source: "ocr",
    width: 100,
    height: 100,
    dpi: 200,
    rotation: 0,
    skew: 0,
    text: "审核报告",
    lines: [],
    meanConfidence: 0.9,
    marks: [],
    error: null,
  };
}

async function documentJob(childValues: Record<string, unknown>, attemptsMade = 0) {
  tmp ||= await mkdtemp(path.join(os.tmpdir(), "ae-docjob-"));
  const data: DocumentJobData = {
    v: 1,
    documentId: "ab".repeat(32),
    file: path.join(tmp, "report.pdf"),
    display: "report.pdf",
    out: path.join(tmp, `out-${attemptsMade}-${Object.keys(childValues).length}`),
    pageCount: 2,
    inputError: null,
    settings: { limits: config.limits, rules: config.rules, savePageImages: false, renderDpi: 200 },
  };
  const job = {
    data,
    opts: { attempts: 3 },
    attemptsMade,
    timestamp: Date.now(),
    getChildrenValues: async () => childValues,
    getIgnoredChildrenFailures: async () => ({}),
  } as unknown as Job;
  return { job, data };
}

describe("document job", () => {
  it("fails to be run again, writing nothing, when its pages' results were lost", async () => {
    const { job, data } = await documentJob({
      [`bull:x:${pageJobId("doc", 1)}`]: { engine: "e", ms: 5, page: page(1) },
    });
    const err = await processDocumentJob(job, { engineName: "e" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(codeFromReason((err as Error).message)).toBe("QUEUE_STATE_LOST");
    expect((err as Error).message).toContain("page 2");
    expect(existsSync(path.join(data.out, "records"))).toBe(false);
  });

  it("leaves a failed record on its last attempt, so nothing is lost", async () => {
    const { job, data } = await documentJob({}, 2);
    const err = await processDocumentJob(job, { engineName: "e" }).catch((e: unknown) => e);
    expect(codeFromReason((err as Error).message)).toBe("QUEUE_STATE_LOST");
    expect(readdirSync(path.join(data.out, "records"))).toHaveLength(1);
  });

  it("writes the record when every page has its result", async () => {
    const values = {
      [`bull:x:${pageJobId("doc", 1)}`]: { engine: "e", ms: 5, page: page(1) },
      [`bull:x:${pageJobId("doc", 2)}`]: { engine: "e", ms: 5, page: page(2) },
    };
    const { job, data } = await documentJob(values);
    const result = await processDocumentJob(job, { engineName: "e" });
    expect(result.pages).toBe(2);
    expect(result.codes).not.toContain("QUEUE_STATE_LOST");
    expect(readdirSync(path.join(data.out, "records"))).toHaveLength(1);
  });
});
