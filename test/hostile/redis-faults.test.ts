/**
 * Secrets and a missing Redis: a password in REDIS_URL (holding `@` and `/`) appears in no output of `status`,
 * `worker` or `ingest --queue`, with Redis down or up; `status` says one line and exits 1; `worker` gives up
 * after queue.connectRetryMs with QUEUE_UNAVAILABLE; production code loads no module named by the environment.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { redactUrl } from "../../queues/connection.ts";
import { createWorkerEngine } from "../../queues/engine.ts";
import { loadConfig } from "../../src/config/load.ts";
import { escapeControl, redact, registerUrlSecrets } from "../../src/domain/redact.ts";
import { freePort, ROOT } from "../queues/helpers.ts";

const PASSWORD = "p@ss/w0rd-s3cret";
const CLI = path.join(ROOT, "bin/audit-extract.js");

function run(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 180_000,
): Promise<{ code: number | null; out: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [CLI, ...args], {
      cwd: os.tmpdir(),
      env: { ...process.env, AUDIT_QUEUE_PREFIX: "test-hostile-redis", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
    });
    child.stderr?.on("data", (b: Buffer) => {
      out += b.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out, ms: Date.now() - t0 });
    });
  });
}

const leaks = (out: string) =>
  ["p@ss", "w0rd", "s3cret", encodeURIComponent(PASSWORD)].filter((s) => out.includes(s));

describe("one redaction for every line", () => {
  it("URL passwords holding @ and / are removed whole, wherever they appear", () => {
    const url = `redis://:${PASSWORD}@cache.internal:6379/0`;
    expect(leaks(redactUrl(url))).toEqual([]);
    registerUrlSecrets(url);
    // How ioredis errors print their command: the AUTH arguments, outside any URL.
    const printed = `ReplyError: WRONGPASS { command: { name: 'auth', args: [ '${PASSWORD}' ] } }`;
    expect(leaks(redact(printed))).toEqual([]);
    expect(escapeControl("a\u001b[2Jb\u009bc\nd")).toBe("a\\x1b[2Jb\\u009bc\\nd");
  });
});

describe("Redis down", () => {
  let url = "";
  beforeAll(async () => {
    url = `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${await freePort()}`;
  });

  it("status: one line with QUEUE_UNAVAILABLE, exit 1, no password", async () => {
    const r = await run(["status"], { REDIS_URL: url });
    expect(r.code).toBe(1);
    expect(r.out.trim().split("\n")).toHaveLength(1);
    expect(r.out).toContain("QUEUE_UNAVAILABLE");
    expect(leaks(r.out)).toEqual([]);
  }, 240_000);

  it("worker: retries for queue.connectRetryMs, then exit 1 with QUEUE_UNAVAILABLE, no password", async () => {
    const r = await run(["worker"], { REDIS_URL: url, AUDIT_QUEUE_CONNECT_RETRY_MS: "3000" });
    expect(r.code).toBe(1);
    expect(r.out).toContain("QUEUE_UNAVAILABLE");
    expect(leaks(r.out)).toEqual([]);
  }, 240_000);

  it("ingest --queue: exit 1 with QUEUE_UNAVAILABLE, no password", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-redis-down-"));
    await writeFile(path.join(dir, "a.pdf"), "%PDF-1.4 not really");
    const r = await run(["ingest", dir, "--out", path.join(dir, "out"), "--queue"], { REDIS_URL: url });
    expect(r.code).toBe(1);
    expect(r.out).toContain("QUEUE_UNAVAILABLE");
    expect(leaks(r.out)).toEqual([]);
  }, 240_000);
});

describe("no code loaded from the environment", () => {
  it("AUDIT_ENGINE_MODULE is ignored by the worker's engine factory", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-engine-env-"));
    const module = path.join(dir, "evil.mjs");
    await writeFile(
      module,
      "globalThis.__evilLoaded = true; export async function createEngine() { return { name: 'evil', recognize() {}, close() {} }; }",
    );
    process.env.AUDIT_ENGINE_MODULE = module;
    try {
      const config = loadConfig({ env: {}, flags: { ocr: { replayDir: dir } } });
      const engine = await createWorkerEngine(config);
      expect(engine.name).not.toBe("evil");
      expect((globalThis as { __evilLoaded?: boolean }).__evilLoaded).toBeUndefined();
      await engine.close();
    } finally {
      delete process.env.AUDIT_ENGINE_MODULE;
    }
  });
});
