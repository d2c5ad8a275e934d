import { fileURLToPath } from "node:url";
import { Queue, Worker, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { expect, it } from "vitest";
it("sandbox shim works", async () => {
  const prefix = `scratch-${Date.now()}`;
  const conn = new Redis({ maxRetriesPerRequest: null });
  const q = new Queue("s", { connection: conn, prefix });
  const w = new Worker("s", fileURLToPath(new URL("./shim.mjs", import.meta.url)), { connection: conn, prefix, concurrency: 2, workerForkOptions: { env: { ...process.env, SCRATCH_ENV: "1" } } });
  const ev = new QueueEvents("s", { connection: conn.duplicate(), prefix });
  await ev.waitUntilReady();
  const job = await q.add("x", { n: 1 });
  const r = await job.waitUntilFinished(ev, 30000);
  expect(r).toBe(1042);
  await w.close(); await ev.close(); await q.obliterate({ force: true }); await q.close(); conn.disconnect();
});
