/**
 * The cores an OCR engine may keep busy, shared by all its worker pools: the page workers, the float model's
 * second reader and PP-OCR's line reader. Without it `--workers 1` ran the second readers beside the page
 * worker on a spare core (measured: 1.10–1.14 cores busy), so "one worker" was not one core's work.
 *
 * A pool takes a core after it has a free worker and gives it back when the job settles, so a core is only
 * held by a thread that is computing, never by a job that waits for a worker.
 */
import { enqueueAbortable } from "./abortable-queue.ts";

export type ReleaseCore = () => void;

interface Waiter {
  grant: (release: ReleaseCore) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export class CoreBudget {
  readonly size: number;
  private free: number;
  private readonly waiting: Waiter[] = [];

  constructor(size: number) {
    if (!(size >= 1)) throw new RangeError("core budget must be >= 1");
    this.size = this.free = Math.floor(size);
  }

  /** Jobs holding a core now; exposed for tests. */
  get inUse(): number {
    return this.size - this.free;
  }

  /** Resolves with the function that gives the core back (calling it twice gives back one core). A wait that
   * `signal` aborts leaves the queue and rejects with the signal's reason. */
  acquire(signal?: AbortSignal): Promise<ReleaseCore> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    return new Promise<ReleaseCore>((grant, reject) => {
      const waiter: Waiter = { grant, signal, onAbort: undefined };
      waiter.onAbort = enqueueAbortable(this.waiting, waiter, signal, reject);
    });
  }

  private releaser(): ReleaseCore {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (!next) {
        this.free++;
        return;
      }
      if (next.signal && next.onAbort) next.signal.removeEventListener("abort", next.onAbort);
      // The core passes straight to the next waiter, so a job queued later cannot overtake it.
      next.grant(this.releaser());
    };
  }
}
