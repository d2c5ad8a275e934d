import { Redis, type RedisOptions } from "ioredis";
import type { AppConfig } from "../src/config/schema.ts";
import { EnvironmentError } from "../src/domain/errors.ts";
import { redact } from "../src/domain/redact.ts";

export interface ConnectionOptions {
  /** Workers and QueueEvents block on Redis: they need `maxRetriesPerRequest: null` (no per-command limit). */
  blocking: boolean;
  /** Fail fast instead of waiting for Redis (status, the submitter's first contact). */
  failFast?: boolean;
  /** Stop reconnecting once this long has been spent waiting for Redis in one outage (the connection then
   * ends: a worker exits with QUEUE_UNAVAILABLE). Default: reconnect for ever. */
  giveUpAfterMs?: number;
}

const backoff = (attempt: number) => Math.min(200 * 2 ** attempt, 5_000);

/** Time spent waiting before reconnection attempt `attempt` (ioredis counts from 1, afresh after a connect).
 * Stateless, so connections BullMQ duplicates from this one keep the same bound. */
function waitedBefore(attempt: number): number {
  let total = 0;
  for (let i = 1; i < attempt; i++) total += backoff(i);
  return total;
}

/** One ioredis connection from `config.queue.redisUrl`: `redis://` or `rediss://` (TLS), user and password
 * in the URL (`rediss://:secret@host:6380/0`). Reconnects with capped backoff after Redis restarts. */
export function createConnection(config: AppConfig, opts: ConnectionOptions): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: opts.blocking ? null : opts.failFast ? 1 : 20,
    enableReadyCheck: true,
    connectTimeout: 10_000,
    retryStrategy: (times) => {
      if (opts.failFast && times > 2) return null;
      if (opts.giveUpAfterMs !== undefined && waitedBefore(times) >= opts.giveUpAfterMs) return null;
      return backoff(times);
    },
    lazyConnect: false,
  };
  return new Redis(config.queue.redisUrl, options);
}

/** Options shared by Queue, Worker, FlowProducer and QueueEvents. */
export function queueOptions(config: AppConfig, connection: Redis): { connection: Redis; prefix: string } {
  return { connection, prefix: config.queue.prefix };
}

/** The Redis URL without its password, for messages and logs (a password may hold `@` and `/`). */
export function redactUrl(url: string): string {
  return redact(url);
}

/** A client error as one short line: its message only, never the error object (ioredis errors carry the
 * command and its arguments, AUTH's password among them). */
export function describeRedisError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  const text = typeof code === "string" && !message.includes(code) ? `${code} ${message}` : message;
  return redact(text.split("\n")[0] ?? "");
}

/**
 * Waits until Redis answers, trying again with backoff for at most `config.queue.connectRetryMs`; each failed
 * attempt is reported through `onRetry` (one line). Throws QUEUE_UNAVAILABLE when the time is spent.
 */
export async function waitForRedis(
  config: AppConfig,
  onRetry: (info: { attempt: number; inMs: number; reason: string }) => void,
): Promise<void> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await probeRedis(config);
      return;
    } catch (error) {
      const reason = describeRedisError(error);
      const left = config.queue.connectRetryMs - (Date.now() - started);
      if (left <= 0) {
        throw new EnvironmentError(
          "QUEUE_UNAVAILABLE",
          `cannot reach Redis at ${redactUrl(config.queue.redisUrl)} after ${Math.round((Date.now() - started) / 1000)} s: ${reason}`,
          "start Redis or set REDIS_URL; queue.connectRetryMs (AUDIT_QUEUE_CONNECT_RETRY_MS) sets how long to wait",
        );
      }
      const inMs = Math.min(backoff(attempt + 2), left);
      onRetry({ attempt, inMs, reason });
      await new Promise((resolve) => setTimeout(resolve, inMs));
    }
  }
}

/** One PING on a fail-fast connection. Throws the connection's own error (ECONNREFUSED, WRONGPASS) rather than
 * ioredis's "max retries" wrapper, which says nothing about why. */
export async function probeRedis(config: AppConfig): Promise<void> {
  const probe = createConnection(config, { blocking: false, failFast: true });
  let cause: unknown = null;
  probe.on("error", (error: unknown) => {
    cause ??= error;
  });
  try {
    await probe.ping();
  } catch (error) {
    throw cause ?? error;
  } finally {
    probe.disconnect();
  }
}
