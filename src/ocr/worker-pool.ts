import { enqueueAbortable } from "./abortable-queue.ts";
import type { CoreBudget, ReleaseCore } from "./core-budget.ts";

/**
 * A fixed number of worker slots, each recycled after N jobs so a long batch keeps memory flat.
 *
 * Why not tesseract.js `createScheduler`: it has no way to remove or replace one worker, so recycling
 * would mean draining and restarting the whole scheduler (every core idle at each boundary), and a
 * worker wedged by an aborted job could not be dropped on its own. This pool is the same FIFO
 * dispatch with per-slot recycling.
 */

export interface WorkerPoolOptions<W> {
  size: number;
  /** Work (sum of job weights, 1 by default) a worker does before it is terminated and replaced
   * (Infinity = never). */
  recycleAfter: number;
  create: () => Promise<W>;
  destroy: (worker: W) => Promise<void>;
  /** Cores shared with other pools: a job (and a worker's start-up) runs only while it holds one. */
  cores?: CoreBudget;
}

interface Slot<W> {
  worker: Promise<W> | null;
  jobsDone: number;
  busy: boolean;
}

interface QueuedJob<W> {
  run: (worker: W) => Promise<unknown>;
  weight: number;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export class PoolClosedError extends Error {
  override readonly name = "PoolClosedError";
}

class JobAbandonedError extends Error {
  override readonly name = "JobAbandonedError";
}

export class WorkerPool<W> {
  private readonly slots: Slot<W>[];
  private readonly queue: QueuedJob<W>[] = [];
  private readonly retiring = new Set<Promise<void>>();
  private closed = false;
  /** Workers created over the pool's life (recycling included); exposed for tests and the bench. */
  workersCreated = 0;

  constructor(private readonly options: WorkerPoolOptions<W>) {
    if (!(options.size >= 1)) throw new RangeError("pool size must be >= 1");
    this.slots = Array.from({ length: Math.floor(options.size) }, () => ({
      worker: null,
      jobsDone: 0,
      busy: false,
    }));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Starts every worker now (otherwise they start on first use). */
  async warmUp(): Promise<void> {
    await Promise.all(this.slots.map((slot) => this.workerOf(slot)));
  }

  /**
   * Runs `run` on the next free worker. If `signal` aborts while the job waits, it leaves the queue;
   * if it aborts while running, the promise rejects at once and that worker is replaced (a running
   * tesseract job cannot be cancelled otherwise).
   */
  run<T>(run: (worker: W) => Promise<T>, signal?: AbortSignal, weight = 1): Promise<T> {
    if (this.closed) return Promise.reject(new PoolClosedError("worker pool is closed"));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const job: QueuedJob<W> = {
        run,
        weight,
        resolve: resolve as (value: unknown) => void,
        reject,
        signal,
        onAbort: undefined,
      };
      job.onAbort = enqueueAbortable(this.queue, job, signal, reject);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      this.detach(job);
      job.reject(new PoolClosedError("worker pool closed before the job ran"));
    }
    await Promise.all(this.slots.map((slot) => this.retire(slot)));
    await Promise.all([...this.retiring]);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.busy) this.start(slot, this.queue.shift()!);
    }
  }

  private start(slot: Slot<W>, job: QueuedJob<W>): void {
    // Its signal may have fired a moment ago, before this job's own abort listener ran.
    if (job.signal?.aborted) {
      this.detach(job);
      job.reject(job.signal.reason);
      this.dispatch();
      return;
    }
    slot.busy = true;
    let settled = false;
    // Whether the job reached its worker: one abandoned while it waited for a core never touched it.
    let started = false;
    let release: ReleaseCore | undefined;
    const finish = (ok: boolean, value: unknown): void => {
      if (settled) return;
      settled = true;
      release?.();
      this.detach(job);
      if (started) slot.jobsDone += job.weight;
      // A failed or abandoned job may leave the worker in a bad state: replace it.
      if ((!ok && started) || slot.jobsDone >= this.options.recycleAfter) void this.retire(slot);
      slot.busy = false;
      if (ok) job.resolve(value);
      else job.reject(value);
      if (!this.closed) this.dispatch();
    };
    if (job.signal) {
      this.detach(job);
      job.onAbort = () => finish(false, job.signal!.reason);
      job.signal.addEventListener("abort", job.onAbort, { once: true });
    }
    const core = this.options.cores?.acquire(job.signal) ?? Promise.resolve(undefined);
    core.then(
      (granted) => {
        if (settled) {
          granted?.();
          return;
        }
        release = granted;
        started = true;
        this.workerOf(slot)
          .then((worker) => {
            // Aborted while its worker was starting: that worker is being terminated (retire, above), and
            // tesseract.js posts a job to a terminated worker from an unawaited promise, which rejects
            // unhandled and stops the process. The job never reaches it.
            if (settled) throw new JobAbandonedError("job settled before its worker was ready");
            return job.run(worker);
          })
          .then(
            (value) => finish(true, value),
            (error: unknown) => finish(false, error),
          );
      },
      (error: unknown) => finish(false, error),
    );
  }

  private detach(job: QueuedJob<W>): void {
    if (job.signal && job.onAbort) job.signal.removeEventListener("abort", job.onAbort);
  }

  private workerOf(slot: Slot<W>): Promise<W> {
    if (!slot.worker) {
      this.workersCreated++;
      const created = this.options.create();
      // A worker that fails to start must not poison the slot for later jobs.
      created.catch(() => {
        if (slot.worker === created) slot.worker = null;
      });
      slot.worker = created;
    }
    return slot.worker;
  }

  private retire(slot: Slot<W>): Promise<void> {
    const old = slot.worker;
    slot.worker = null;
    slot.jobsDone = 0;
    if (!old) return Promise.resolve();
    const done = old
      .then((worker) => this.options.destroy(worker))
      .catch(() => undefined)
      .finally(() => this.retiring.delete(done));
    this.retiring.add(done);
    return done;
  }
}

/** An A4 page at 200 DPI, the unit of `recycleAfter`. */
const PAGE_PIXELS = 1654 * 2339;

/** A job's weight for `recycleAfter`: a page image's share of an A4 page at 200 DPI (a crop weighs little). */
export function pageEquivalents(image: { width: number; height: number }): number {
  return Math.max(0.01, (image.width * image.height) / PAGE_PIXELS);
}
