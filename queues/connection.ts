import { Redis, type RedisOptions } from "ioredis";
import type { AppConfig } from "../src/config/schema.ts";

export interface ConnectionOptions {
  /** Workers and QueueEvents block on Redis: they need `maxRetriesPerRequest: null` (retry forever). */
  blocking: boolean;
  /** Fail fast instead of waiting for Redis (status, the submitter's first contact). */
  failFast?: boolean;
}

/** One ioredis connection from `config.queue.redisUrl`: `redis://` or `rediss://` (TLS), user and password
 * in the URL (`rediss://:secret@host:6380/0`). Reconnects with capped backoff after Redis restarts. */
export function createConnection(config: AppConfig, opts: ConnectionOptions): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: opts.blocking ? null : opts.failFast ? 1 : 20,
    enableReadyCheck: true,
    connectTimeout: 10_000,
    retryStrategy: (times) => (opts.failFast && times > 2 ? null : Math.min(200 * 2 ** times, 5_000)),
    lazyConnect: false,
  };
  return new Redis(config.queue.redisUrl, options);
}

/** Options shared by Queue, Worker, FlowProducer and QueueEvents. */
export function queueOptions(config: AppConfig, connection: Redis): { connection: Redis; prefix: string } {
  return { connection, prefix: config.queue.prefix };
}

/** The Redis URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, "//***@");
}
