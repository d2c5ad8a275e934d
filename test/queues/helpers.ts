import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { inject } from "vitest";
import { AppConfig } from "../../src/config/schema.ts";
import type { AuditRecord } from "../../src/domain/record.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The sandboxed page processor entry that runs the fake engine (for startWorkers in-process). */
export const FAKE_PAGE_SANDBOX = path.join(ROOT, "test/queues/fake-page-sandbox.mjs");
const FAKE_WORKER_MAIN = path.join(ROOT, "test/queues/fake-worker-main.ts");
/** The Redis the test setup found or started (test/setup/global-setup.ts). */
export const REDIS_URL = inject("redisUrl");

/** Queue tests need a real Redis: check it first and say so in one line, instead of hook timeouts. */
export async function requireRedis(url = REDIS_URL): Promise<void> {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    lazyConnect: true,
    connectTimeout: 2_000,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `queue tests need Redis at ${url.replace(/\/\/[^@]*@/, "//***@")} (${why}): start it with \`redis-server --daemonize yes --port 6379 --save "" --appendonly no\``,
    );
  } finally {
    redis.disconnect();
  }
}

/** A key prefix no other test run uses. */
export function uniquePrefix(label: string): string {
  return `test-${label}-${randomUUID().slice(0, 8)}`;
}

export function testConfig(opts: { prefix: string; redisUrl?: string; savePageImages?: boolean }): AppConfig {
  return AppConfig.parse({
    queue: { redisUrl: opts.redisUrl ?? REDIS_URL, prefix: opts.prefix, concurrency: 1 },
    ocr: { workers: 1 },
    savePageImages: opts.savePageImages ?? false,
  });
}

/** Deletes every key under `prefix:` (the queues of one test run). */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on("error", () => undefined);
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== "0");
  } catch {
    // Redis already gone (the restart test's own server): nothing to clean.
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  stderr: () => string;
  ready: Promise<void>;
  exited: Promise<number | null>;
  /** SIGTERM: graceful stop. */
  stop(): Promise<number | null>;
  /** SIGKILL to the worker and its sandbox children (its own process group): a machine dying. */
  kill9(): Promise<void>;
}

/** A worker process with the fake engine (test/queues/fake-worker-main.ts), or the production entry
 * (queues/worker-main.ts, real OCR) with `realEngine`, in its own process group. */
export function startWorkerProcess(opts: {
  prefix: string;
  redisUrl?: string;
  concurrency?: number;
  env?: Record<string, string>;
  realEngine?: boolean;
}): WorkerProcess {
  const entry = opts.realEngine ? path.join(ROOT, "queues/worker-main.ts") : FAKE_WORKER_MAIN;
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env: {
      ...process.env,
      REDIS_URL: opts.redisUrl ?? REDIS_URL,
      AUDIT_QUEUE_PREFIX: opts.prefix,
      AUDIT_QUEUE_CONCURRENCY: String(opts.concurrency ?? 1),
      AUDIT_OCR_WORKERS: "1",
      ...opts.env,
    },
  });
  let err = "";
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  child.stderr?.on("data", (b: Buffer) => {
    err += b.toString();
    if (err.includes("worker ready")) onReady();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const pid = child.pid!;
  return {
    child,
    pid,
    stderr: () => err,
    ready: Promise.race([
      ready,
      exited.then((code) => {
        throw new Error(`worker exited (${code}) before ready:\n${err}`);
      }),
    ]),
    exited,
    async stop() {
      if (child.exitCode === null) process.kill(pid, "SIGTERM");
      return exited;
    },
    async kill9() {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
      await exited;
    },
  };
}

/** Ends a worker whatever state it is in (test cleanup). */
export async function ensureStopped(w: WorkerProcess | undefined): Promise<void> {
  if (!w || w.child.exitCode !== null || w.child.signalCode !== null) {
    if (w) killGroup(w.pid);
    return;
  }
  process.kill(w.pid, "SIGTERM");
  const done = await Promise.race([w.exited.then(() => true), sleep(15_000).then(() => false)]);
  killGroup(w.pid);
  if (!done) await w.exited;
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // group already gone
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A throwaway redis-server on a spare port, no persistence: a restart loses every key. */
export async function startRedisServer(port?: number, extraArgs: string[] = []): Promise<RedisServer> {
  const p = port ?? (await freePort());
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(
      "redis-server",
      ["--port", String(p), "--save", "", "--appendonly", "no", "--daemonize", "no", ...extraArgs],
      {
        stdio: "ignore",
      },
    );
    for (let i = 0; i < 600; i++) {
      const r = new Redis(p, "127.0.0.1", {
        maxRetriesPerRequest: 1,
        retryStrategy: () => null,
        lazyConnect: true,
      });
      r.on("error", () => undefined);
      // A server with --requirepass answers NOAUTH: it is up.
      const ok = await r
        .connect()
        .then(() => r.ping())
        .then(() => true)
        .catch((e: unknown) => String(e).includes("NOAUTH"));
      r.disconnect();
      if (ok) return;
      await sleep(50);
    }
    throw new Error(`redis-server on port ${p} did not start`);
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => c.on("exit", () => resolve()));
    c.kill("SIGKILL");
    await gone;
  };
  await start();
  return { url: `redis://127.0.0.1:${p}`, port: p, stop, start };
}

/** A record without what legitimately differs between runs (timings). */
export function comparable(r: AuditRecord): unknown {
  const { timings: _t, ...document } = r.document;
  return { ...r, document };
}

export function byFile(records: readonly AuditRecord[]): Map<string, unknown> {
  return new Map(records.map((r) => [r.document.file, comparable(r)]));
}

/** Lines of records.jsonl, as records. */
export async function readJsonl(out: string): Promise<AuditRecord[]> {
  const text = await readFile(path.join(out, "records.jsonl"), "utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as AuditRecord);
}

/** The name a worker process gives its jobs (BullMQ's processedBy), from its "worker ready" log line. */
export function workerName(w: WorkerProcess): string {
  for (const line of w.stderr().split("\n")) {
    if (!line.includes("worker ready")) continue;
    const parsed: unknown = JSON.parse(line);
    if (
      typeof parsed === "object" &&
      parsed !== null &&
      "worker" in parsed &&
      typeof parsed.worker === "string"
    )
      return parsed.worker;
  }
  throw new Error(`no named "worker ready" line in:\n${w.stderr()}`);
}

/** Resolves once a job of `queueNames` is active under `worker` (so killing that worker leaves a job to
 * recover); rejects after `timeoutMs`. */
export async function untilHolding(
  redisUrl: string,
  prefix: string,
  queueNames: readonly string[],
  worker: string,
  timeoutMs = 30_000,
): Promise<void> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const queues = queueNames.map((n) => new Queue(n, { connection, prefix }));
  try {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      for (const q of queues) {
        const active = await q.getActive();
        if (active.some((j) => j.processedBy === worker)) return;
      }
      await sleep(20);
    }
    throw new Error(`worker ${worker} held no active job within ${timeoutMs} ms`);
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  }
}
