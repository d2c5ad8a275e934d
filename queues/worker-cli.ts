import { describeError } from "../src/cli/exit-codes.ts";
import type { AppConfig } from "../src/config/schema.ts";
import { waitForRedis } from "./connection.ts";
import { redactedLogger, startWorkers, type WorkerOptions, workerOptionsFromEnv } from "./worker.ts";

/** `audit-extract worker`: waits for Redis (with backoff, at most queue.connectRetryMs), then runs until
 * SIGTERM/SIGINT, then stops taking jobs and waits for the active ones (a second signal abandons them: another
 * worker recovers them as stalled). Redis lost for longer than queue.connectRetryMs ends it with exit 1
 * (QUEUE_UNAVAILABLE). Returns the exit code. `extra`: for programs that embed a worker (tests). */
export async function runWorkerCli(
  config: AppConfig,
  concurrency?: number,
  extra: Partial<WorkerOptions> = {},
): Promise<number> {
  const logger = redactedLogger();
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    logger.error({ concurrency }, "--concurrency must be a whole number ≥ 1");
    return 2;
  }
  try {
    await waitForRedis(config, ({ attempt, inMs, reason }) =>
      logger.warn({ attempt, retryInMs: inMs, reason }, "Redis not reachable; trying again"),
    );
  } catch (error) {
    logger.error({ code: "QUEUE_UNAVAILABLE" }, describeError(error));
    return 1;
  }
  const workers = await startWorkers(config, {
    ...workerOptionsFromEnv(process.env),
    ...(concurrency ? { concurrency } : {}),
    logger,
    ...extra,
  });
  return new Promise<number>((resolve) => {
    let signals = 0;
    const stop = (signal: NodeJS.Signals) => {
      signals++;
      const force = signals > 1;
      logger.info({ signal, force }, force ? "stopping now" : "stopping: waiting for active jobs");
      workers.close(force).then(
        () => resolve(0),
        (err: unknown) => {
          logger.error({ err: err instanceof Error ? err.message : String(err) }, "stop failed");
          resolve(1);
        },
      );
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    void workers.lost.then(() => {
      logger.error(
        { code: "QUEUE_UNAVAILABLE" },
        `Redis unreachable for longer than ${config.queue.connectRetryMs} ms: stopping`,
      );
      workers.close(true).finally(() => resolve(1));
    });
  });
}
