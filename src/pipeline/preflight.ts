/** Checks made before any work: a batch must not OCR for an hour and then find it cannot write its results. */
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { AuditExtractError } from "../domain/errors.ts";
import { writeFileAtomic } from "./outputs.ts";

function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOTDIR") return "a part of the path is a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EROFS") return "the filesystem is read-only";
  if (code === "ENOSPC") return "the disk is full";
  if (code === "ENOENT") return "a part of the path cannot be created here";
  return code ?? String(error);
}

const unwritable = (out: string, why: string, cause?: unknown) =>
  new AuditExtractError(
    "OUTPUT_UNWRITABLE",
    `--out ${out} is not a writable folder: ${why}`,
    "give a folder you can write to (it is created if missing)",
    { cause },
  );

/**
 * `out` exists as a directory (created if missing, one level at a time: Node's recursive mkdir loops forever
 * under /proc) and a file can be written and renamed in it. Throws OUTPUT_UNWRITABLE.
 */
export async function checkOutDir(out: string): Promise<void> {
  const abs = path.resolve(out);
  const missing: string[] = [];
  let at = abs;
  for (;;) {
    const st = await stat(at).catch((error: unknown) => ({ error }));
    if (!("error" in st)) {
      if (!st.isDirectory()) throw unwritable(out, at === abs ? "it is a file" : `${at} is a file`);
      break;
    }
    const code = (st.error as { code?: string }).code;
    if (code !== "ENOENT") throw unwritable(out, reason(st.error), st.error);
    const parent = path.dirname(at);
    if (parent === at) throw unwritable(out, reason(st.error), st.error);
    missing.unshift(at);
    at = parent;
  }
  for (const dir of missing) {
    await mkdir(dir).catch((error: unknown) => {
      if ((error as { code?: string }).code !== "EEXIST") throw unwritable(out, reason(error), error);
    });
  }
  const probe = path.join(abs, ".audit-extract-write-test");
  try {
    await writeFileAtomic(probe, "ok\n", false);
    await rm(probe, { force: true });
  } catch (error) {
    throw unwritable(out, reason(error), error);
  }
}
