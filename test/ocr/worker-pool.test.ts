import { describe, expect, it } from "vitest";
import { CoreBudget } from "../../src/ocr/core-budget.ts";
import { PoolClosedError, WorkerPool } from "../../src/ocr/worker-pool.ts";

interface FakeWorker {
  id: number;
  terminated: boolean;
}

function fakePool(size: number, recycleAfter: number, cores?: CoreBudget) {
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
    ...(cores ? { cores } : {}),
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

  it("never hands a worker to a job aborted while that worker was starting (it is being terminated)", async () => {
    let next = 0;
    const handed: number[] = [];
    const pool = new WorkerPool<FakeWorker>({
      size: 1,
      recycleAfter: 100,
      create: async () => {
        await tick(30);
        return { id: next++, terminated: false };
      },
      destroy: async (w) => {
        w.terminated = true;
      },
    });
    const controller = new AbortController();
    const job = pool.run(async (w) => {
      handed.push(w.id);
      return w.terminated;
    }, controller.signal);
    await tick(5);
    controller.abort(new Error("timeout"));
    await expect(job).rejects.toThrow("timeout");
    await tick(60);
    expect(handed).toEqual([]);
    expect(await pool.run(async (w) => w.id)).toBe(1);
    await pool.close();
  });

  describe("with a core budget shared by pools (the page workers and the second readers)", () => {
    it("never runs more jobs at once, over all pools, than there are cores", async () => {
      const cores = new CoreBudget(1);
      const pages = fakePool(1, 100, cores).pool;
      const crops = fakePool(2, 100, cores).pool;
      let running = 0;
      let peak = 0;
      const job = async (): Promise<void> => {
        running++;
        peak = Math.max(peak, running);
        await tick(3);
        running--;
      };
      await Promise.all([
        ...Array.from({ length: 3 }, () => pages.run(job)),
        ...Array.from({ length: 4 }, () => crops.run(job)),
      ]);
      expect(peak).toBe(1);
      expect(cores.inUse).toBe(0);
      await Promise.all([pages.close(), crops.close()]);
    });

    it("serves the cores in the order jobs asked for them", async () => {
      const cores = new CoreBudget(1);
      const a = fakePool(1, 100, cores).pool;
      const b = fakePool(1, 100, cores).pool;
      const order: string[] = [];
      const job = (name: string) => async () => {
        order.push(name);
        await tick(2);
      };
      await Promise.all([a.run(job("a1")), b.run(job("b1")), a.run(job("a2")), b.run(job("b2"))]);
      // When a1 gives its core back, pool a at once asks for one for a2: the core must go to b1, which asked first.
      expect(order).toEqual(["a1", "b1", "a2", "b2"]);
      await Promise.all([a.close(), b.close()]);
    });

    it("gives the core back when a job fails, and keeps a worker whose job was aborted before it had a core", async () => {
      const cores = new CoreBudget(1);
      const pages = fakePool(1, 100, cores);
      const crops = fakePool(1, 100, cores);
      await expect(pages.pool.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
      expect(cores.inUse).toBe(0);
      const controller = new AbortController();
      const long = pages.pool.run(() => tick(30));
      const waiting = crops.pool.run(async (w) => w.id, controller.signal);
      await tick(5);
      controller.abort(new Error("timeout"));
      await expect(waiting).rejects.toThrow("timeout");
      await long;
      expect(crops.destroyed).toEqual([]);
      expect(await crops.pool.run(async (w) => w.id)).toBe(0);
      expect(cores.inUse).toBe(0);
      await Promise.all([pages.pool.close(), crops.pool.close()]);
    });
  });
});
