import { describe, expect, it } from "vitest";
import { PoolClosedError, WorkerPool } from "../../src/ocr/worker-pool.ts";

interface FakeWorker {
  id: number;
  terminated: boolean;
}

function fakePool(size: number, recycleAfter: number) {
  let next = 0;
  const destroyed: number[] = [];
  const pool = new WorkerPool<FakeWorker>({
    size,
    recycleAfter,
    create: async () => ({ id: next++, terminated: false }),
    destroy: async (w) => {
      w.terminated = true;
      destroyed.push(w.id);
    },
  });
  return { pool, destroyed };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("WorkerPool", () => {
  it("runs at most `size` jobs at once", async () => {
    const { pool } = fakePool(2, 100);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        pool.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await tick(5);
          running--;
        }),
      ),
    );
    expect(peak).toBe(2);
    await pool.close();
  });

  it("replaces a worker after `recycleAfter` jobs", async () => {
    const { pool, destroyed } = fakePool(1, 2);
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push(await pool.run(async (w) => w.id));
    expect(ids).toEqual([0, 0, 1, 1, 2]);
    await pool.close();
    expect(destroyed).toEqual([0, 1, 2]);
    expect(pool.workersCreated).toBe(3);
  });

  it("counts light jobs (strips) by their weight, not as whole pages", async () => {
    const { pool } = fakePool(1, 2);
    const ids: number[] = [];
    // A page, then four strips of a quarter page: 2 page-equivalents reached on the last strip.
    ids.push(await pool.run(async (w) => w.id));
    for (let i = 0; i < 4; i++) ids.push(await pool.run(async (w) => w.id, undefined, 0.25));
    ids.push(await pool.run(async (w) => w.id));
    expect(ids).toEqual([0, 0, 0, 0, 0, 1]);
    expect(pool.workersCreated).toBe(2);
    await pool.close();
  });

  it("replaces a worker whose job failed, and keeps serving", async () => {
    const { pool } = fakePool(1, 100);
    await expect(pool.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await pool.run(async (w) => w.id)).toBe(1);
    await pool.close();
  });

  it("aborts queued and running jobs", async () => {
    const { pool, destroyed } = fakePool(1, 100);
    const controller = new AbortController();
    const running = pool.run(() => tick(200).then(() => "late"), controller.signal);
    const queued = pool.run(() => Promise.resolve("queued"), controller.signal);
    await tick(5);
    controller.abort(new Error("timeout"));
    await expect(running).rejects.toThrow("timeout");
    await expect(queued).rejects.toThrow("timeout");
    expect(await pool.run(async (w) => w.id)).toBe(1);
    expect(destroyed).toContain(0);
    await pool.close();
    await expect(pool.run(async () => 1)).rejects.toBeInstanceOf(PoolClosedError);
  });
});
