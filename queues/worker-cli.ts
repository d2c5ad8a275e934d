import pino from "pino";
import type { AppConfig } from "../src/config/schema.ts";
import { startWorkers, workerOptionsFromEnv } from "./worker.ts";

/** `audit-extract worker`: runs until SIGTERM/SIGINT, then stops taking jobs and waits for the active ones
 * (a second signal abandons them: another worker recovers them as stalled). Returns the exit code. */
export async function runWorkerCli(config: AppConfig, concurrency?: number): Promise<number> {
  const logger = pino({ name: "audit-extract-worker" }, pino.destination(2));
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    logger.error({ concurrency }, "--concurrency must be a whole number ≥ 1");
    return 2;
  }
  const workers = await startWorkers(config, {
    ...workerOptionsFromEnv(process.env),
    ...(concurrency ? { concurrency } : {}),
    logger,
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
  });
}
