/**
 * CPU time of this process and its child processes (the PDF processes), Linux /proc. Children still running are
 * read from their own stat; children that ended and were waited for are in this process's cutime/cstime.
 */
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  /** utime + stime, seconds */
  cpu: number;
  /** cutime + cstime, seconds */
  reaped: number;
}

function readStat(pid: number | "self"): Stat | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "latin1");
    // The command name may hold spaces: fields start after its closing parenthesis.
    const f = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
    const n = (i: number) => Number(f[i - 3]);
    return {
      ppid: n(4),
      cpu: (n(14) + n(15)) / TICKS_PER_SECOND,
      reaped: (n(16) + n(17)) / TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}

export interface CpuSnapshot {
  self: number;
  reaped: number;
  children: Map<number, number>;
}

export function cpuSnapshot(): CpuSnapshot {
  const own = readStat("self");
  const children = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/u.test(name)) continue;
    const s = readStat(Number(name));
    if (s && s.ppid === process.pid) children.set(Number(name), s.cpu);
  }
  const usage = process.cpuUsage();
  return { self: (usage.user + usage.system) / 1e6, reaped: own?.reaped ?? 0, children };
}

/** CPU seconds between two snapshots: this process, and its children (running or ended). */
export function cpuSince(before: CpuSnapshot, after: CpuSnapshot = cpuSnapshot()) {
  let children = after.reaped - before.reaped;
  for (const [pid, cpu] of after.children) children += cpu - (before.children.get(pid) ?? 0);
  // A child that ended in between is in `reaped` with all its time, part of which was before.
  for (const [pid, cpu] of before.children) if (!after.children.has(pid)) children -= cpu;
  return { main: after.self - before.self, children };
}
