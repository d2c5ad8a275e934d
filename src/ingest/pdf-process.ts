/**
 * One child process running pdf.js (src/ingest/pdf-child.mjs). pdf.js parses and renders synchronously for
 * long stretches and keeps decoded data outside the JS heap, so neither a timer nor a heap limit in the same
 * process can stop it. Here the parent watches the child's resident memory and its time per request and
 * kills it hard (SIGKILL) past either limit; the request then fails with a typed error.
 */
import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AuditExtractError, type ErrorCode, InputError } from "../domain/errors.ts";
import type { ChildReply, ChildRequest } from "./pdf-protocol.ts";

const ENTRY = fileURLToPath(new URL("./pdf-child.mjs", import.meta.url));
const MEMORY_POLL_MS = 50;
const PAGE_SIZE = 4096;

type Outgoing = ChildRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/** Resident bytes of a process (Linux /proc); null where that cannot be read. */
function residentBytes(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/statm`, "latin1").split(" ");
    return Number(fields[1]) * PAGE_SIZE;
  } catch {
    return null;
  }
}

export interface RequestLimits {
  timeoutMs: number;
  /** Error when the time runs out. */
  onTimeout: () => AuditExtractError;
  /** Names the work in the memory error ("page 3", "opening the PDF"). */
  what: string;
  signal?: AbortSignal;
}

export class PdfProcess {
  private readonly pending = new Map<
    number,
    { resolve: (r: ChildReply) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private killedWith: Error | null = null;
  private stderrTail = "";
  alive = true;
  readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly memoryMb: number,
  ) {
    child.stderr?.on("data", (b: Buffer) => {
      this.stderrTail = (this.stderrTail + b.toString("utf8")).slice(-600);
    });
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.alive = false;
        const error = this.killedWith ?? this.crashError(code, signal);
        for (const p of this.pending.values()) p.reject(error);
        this.pending.clear();
        resolve();
      });
    });
    child.on("message", (reply: ChildReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      p?.resolve(reply);
    });
    child.on("error", () => this.kill(new InputError("PAGE_RENDER_FAILED", "the PDF process failed")));
  }

  static start(memoryMb: number): Promise<PdfProcess> {
    const child = fork(ENTRY, [], {
      execArgv: [`--max-old-space-size=${memoryMb}`],
      serialization: "advanced",
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    const proc = new PdfProcess(child, memoryMb);
    return new Promise((resolve, reject) => {
      const onReady = (reply: ChildReply) => {
        if (reply.type !== "ready") return;
        child.off("message", onReady);
        resolve(proc);
      };
      child.on("message", onReady);
      void proc.exited.then(() =>
        reject(new Error(`the PDF process exited while starting: ${proc.stderrTail}`)),
      );
    });
  }

  private crashError(code: number | null, signal: NodeJS.Signals | null): Error {
    // V8 stops a process at its heap limit with "Reached heap limit" (SIGABRT / 134).
    if (/heap limit|out of memory/i.test(this.stderrTail) || signal === "SIGABRT" || code === 134) {
      return new InputError(
        "PDF_RESOURCE_LIMIT",
        `reading the PDF needed more than ${this.memoryMb} MB of memory`,
        "limits.pdfMemoryMb sets this limit",
      );
    }
    return new InputError("PAGE_RENDER_FAILED", `the PDF process ended (${signal ?? code})`);
  }

  /** Ends the process at once; requests in flight fail with `error`. */
  kill(error: Error): void {
    if (!this.alive) return;
    this.killedWith ??= error;
    this.child.kill("SIGKILL");
  }

  /** Idle processes must not keep the parent alive (a CLI that is done exits). */
  setIdle(idle: boolean): void {
    if (idle) {
      this.child.unref();
      this.child.channel?.unref();
    } else {
      this.child.ref();
      this.child.channel?.ref();
    }
  }

  async request(message: Outgoing, limits: RequestLimits): Promise<ChildReply> {
    if (!this.alive)
      throw this.killedWith ?? new InputError("PAGE_RENDER_FAILED", "the PDF process has ended");
    const id = this.nextId++;
    const cap = this.memoryMb * 1024 * 1024;
    const reply = new Promise<ChildReply>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const timer = setTimeout(() => this.kill(limits.onTimeout()), limits.timeoutMs);
    const watch = setInterval(() => {
      const rss = residentBytes(this.child.pid ?? 0);
      if (rss !== null && rss > cap) {
        this.kill(
          new InputError(
            "PDF_RESOURCE_LIMIT",
            `${limits.what} needed more than ${this.memoryMb} MB of memory`,
            "limits.pdfMemoryMb sets this limit",
          ),
        );
      }
    }, MEMORY_POLL_MS);
    const onAbort = () =>
      this.kill(new AuditExtractError("PAGE_TIMEOUT", `${limits.what} was stopped (time limit)`));
    limits.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      this.child.send({ ...message, id } as ChildRequest);
      return await reply;
    } finally {
      clearTimeout(timer);
      clearInterval(watch);
      limits.signal?.removeEventListener("abort", onAbort);
    }
  }
}

/** A reply of type `error` as the typed error it stands for; `fallback` when the child's error had no code. */
export function replyError(reply: Extract<ChildReply, { type: "error" }>, fallback: ErrorCode): InputError {
  const code = (reply.code ?? fallback) as ErrorCode;
  return new InputError(code, reply.message, reply.hint ?? undefined);
}
