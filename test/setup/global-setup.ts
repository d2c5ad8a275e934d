/**
 * Provisions what `npm test` needs beyond npm, so a fresh clone needs no other command:
 * - Debian packages (CJK fonts, Chromium, redis-server): installed through scripts/install-system-deps.sh when
 *   missing and this user may install them; otherwise the run stops at once with the one command to run.
 * - Redis: REDIS_URL (default 127.0.0.1:6379) when it answers, else a throwaway redis-server on a free port,
 *   stopped after the run. Test files read the URL with `inject("redisUrl")`.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCRIPT = path.join(ROOT, "scripts/install-system-deps.sh");
const NEEDS = ["fonts", "chromium", "redis"];

function stop(line: string): never {
  process.stderr.write(`\ntest setup: ${line}\n\n`);
  process.exit(1);
}

function missingPackages(): string {
  const r = spawnSync("bash", [SCRIPT, "--check", ...NEEDS], { encoding: "utf8" });
  return r.status === 0 ? "" : r.stdout.trim();
}

function mayInstall(): boolean {
  if (process.env.AUDIT_TEST_INSTALL === "0") return false;
  if (spawnSync("sh", ["-c", "command -v apt-get"]).status !== 0) return false;
  if (process.getuid?.() === 0) return true;
  return spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0;
}

function provisionSystemPackages(): void {
  const missing = missingPackages();
  if (!missing) return;
  const command = `sudo bash scripts/install-system-deps.sh ${NEEDS.join(" ")}`;
  if (!mayInstall()) stop(`missing Debian packages ${missing}; run: ${command}`);
  process.stderr.write(`test setup: installing missing Debian packages (${missing}) with ${command}\n`);
  try {
    execFileSync("bash", [SCRIPT, ...NEEDS], { stdio: "inherit" });
  } catch {
    stop(`installing ${missing} failed; run: ${command}`);
  }
  const still = missingPackages();
  if (still) stop(`still missing ${still} after installing; run: ${command}`);
}

/** True when a Redis server answers PING at host:port within a second. */
function answersPing(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (d) => done(d.toString().startsWith("+PONG")));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function startThrowawayRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  for (let i = 0; i < 100; i++) {
    if (await answersPing("127.0.0.1", port)) return { url: `redis://127.0.0.1:${port}`, child };
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  child.kill("SIGKILL");
  stop(`redis-server did not start on port ${port}; is redis-server installed?`);
}

export default async function setup(project: TestProject): Promise<() => void> {
  provisionSystemPackages();
  const wanted = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const given = wanted.password === "" && (await answersPing(wanted.hostname, Number(wanted.port || 6379)));
  if (given || wanted.password !== "") {
    project.provide("redisUrl", wanted.toString());
    return () => undefined;
  }
  const redis = await startThrowawayRedis();
  process.stderr.write(`test setup: no Redis at ${wanted.host}; started a throwaway one at ${redis.url}\n`);
  project.provide("redisUrl", redis.url);
  return () => {
    redis.child.kill("SIGTERM");
  };
}
