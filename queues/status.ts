import { Queue } from "bullmq";
import type { AppConfig } from "../src/config/schema.ts";
import { safeLine } from "../src/domain/redact.ts";
import { createConnection, describeRedisError, probeRedis, queueOptions, redactUrl } from "./connection.ts";
import { codeFromReason, DocumentJobData, messageFromReason, QUEUES } from "./names.ts";

const STATES = [
  "waiting",
  "waiting-children",
  "active",
  "delayed",
  "prioritized",
  "completed",
  "failed",
] as const;

export interface QueueStatus {
  counts: Record<string, Record<string, number>>;
  failed: { jobId: string; file: string; code: string; message: string; attempts: number }[];
}

export async function readStatus(config: AppConfig, limit = 50): Promise<QueueStatus> {
  // One clear failure before any queue is made (queues print their own connection errors otherwise).
  await probeRedis(config);
  const connection = createConnection(config, { blocking: false, failFast: true });
  connection.on("error", () => undefined);
  const base = queueOptions(config, connection);
  const queues = [new Queue(QUEUES.documents, base), new Queue(QUEUES.pages, base)];
  for (const q of queues) q.on("error", () => undefined);
  try {
    const counts: QueueStatus["counts"] = {};
    for (const q of queues) counts[q.name] = await q.getJobCounts(...STATES);
    const failed: QueueStatus["failed"] = [];
    for (const job of await queues[0]!.getFailed(0, limit - 1)) {
      const data = DocumentJobData.safeParse(job.data);
      failed.push({
        jobId: job.id ?? "",
        file: data.success ? data.data.display : "?",
        code: codeFromReason(job.failedReason),
        message: messageFromReason(job.failedReason),
        attempts: job.attemptsMade,
      });
    }
    return { counts, failed };
  } finally {
    await Promise.allSettled(queues.map((q) => q.close()));
    connection.disconnect();
  }
}

/** `audit-extract status`: job counts per queue and state, then failed documents with their error code. */
export async function printStatus(config: AppConfig): Promise<number> {
  const w = (s: string) => process.stdout.write(`${s}\n`);
  let status: QueueStatus;
  try {
    status = await readStatus(config);
  } catch (e) {
    process.stderr.write(
      `${safeLine(`error QUEUE_UNAVAILABLE: cannot reach Redis at ${redactUrl(config.queue.redisUrl)}: ${describeRedisError(e)}`)}\n`,
    );
    return 1;
  }
  w(`queues on ${redactUrl(config.queue.redisUrl)} prefix "${config.queue.prefix}"`);
  w(`${"queue".padEnd(10)}${STATES.map((s) => s.padStart(17)).join("")}`);
  for (const [name, counts] of Object.entries(status.counts)) {
    w(`${name.padEnd(10)}${STATES.map((s) => String(counts[s] ?? 0).padStart(17)).join("")}`);
  }
  if (status.failed.length) {
    w("");
    w("failed documents:");
    for (const f of status.failed) w(`  ${f.code.padEnd(20)} ${f.file}  (${f.message})`);
  }
  return 0;
}
