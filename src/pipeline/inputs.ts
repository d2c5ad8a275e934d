import type { Dirent } from "node:fs";
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { escapeControl } from "../domain/redact.ts";

const EXTENSIONS = new Set([".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"]);

export interface InputFile {
  path: string;
  /** Path relative to the folder it was found in (or the base name for a named file): how reports name it. */
  display: string;
}

/** A path that was found but cannot be used: it gets a failed record (INPUT_UNREADABLE), never silence. */
export interface UnreadableInput {
  /** As `InputFile.display`, with bytes that are not UTF-8 shown as `\xNN`. */
  display: string;
  reason: string;
}

export interface ExpandedInputs {
  files: InputFile[];
  missing: string[];
  unreadable: UnreadableInput[];
}

/** A name's bytes as text; bytes that are not UTF-8 become `\xNN` (such a name cannot be opened through a
 * string path, so it is reported, not read). */
function nameText(raw: Buffer): { text: string; exact: boolean } {
  const text = raw.toString("utf8");
  if (Buffer.from(text, "utf8").equals(raw)) return { text, exact: true };
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const byte = raw[i] ?? 0;
    const len = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 0;
    const piece = len ? raw.subarray(i, i + len) : null;
    if (piece && Buffer.from(piece.toString("utf8"), "utf8").equals(piece)) {
      out += piece.toString("utf8");
      i += len;
    } else {
      out += `\\x${byte.toString(16).padStart(2, "0")}`;
      i++;
    }
  }
  return { text: out, exact: false };
}

function why(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return "a broken symbolic link or a file removed meanwhile";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "a symbolic link loop";
  return code ?? String(error);
}

/** Files named on the command line are always taken (a wrong type gets a typed error); inside folders only
 * known extensions are, recursively, in a stable order. Symlink loops are walked once. Every entry that
 * cannot be examined is listed in `unreadable`, so the batch can give it a record. */
export async function expandInputs(inputs: readonly string[]): Promise<ExpandedInputs> {
  const files: InputFile[] = [];
  const missing: string[] = [];
  const unreadable: UnreadableInput[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  const walk = async (dir: string, root: string): Promise<void> => {
    // A folder that cannot be listed (permissions, removed meanwhile) is reported instead of ending the run.
    const real = await realpath(dir).catch(() => null);
    if (real === null) return void missing.push(dir);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    const listed = await readdir(dir, { withFileTypes: true, encoding: "buffer" }).catch((e: unknown) => e);
    if (!Array.isArray(listed)) {
      unreadable.push({ display: escapeControl(path.relative(root, dir) || dir), reason: why(listed) });
      return;
    }
    const entries = (listed as Dirent<Buffer>[])
      .map((e) => ({ raw: e.name, ...nameText(e.name) }))
      .sort((a, b) => a.text.localeCompare(b.text));
    for (const e of entries) {
      const full = path.join(dir, e.text);
      const display = path.relative(root, full);
      if (!e.exact) {
        const shown = escapeControl(display);
        if (EXTENSIONS.has(path.extname(e.text).toLowerCase()) || (await isDirBytes(dir, e.raw))) {
          unreadable.push({ display: shown, reason: "the name is not valid UTF-8" });
        }
        continue;
      }
      const st = await stat(full).catch((error: unknown) => ({ error }));
      if ("error" in st) {
        // Only entries that would have been taken are reported (a dangling link named *.pdf, not a stray socket).
        const link = await lstat(full).catch(() => null);
        if (link?.isSymbolicLink() || EXTENSIONS.has(path.extname(e.text).toLowerCase())) {
          unreadable.push({ display, reason: why(st.error) });
        }
        continue;
      }
      if (st.isDirectory()) await walk(full, root);
      else if (st.isFile() && EXTENSIONS.has(path.extname(e.text).toLowerCase())) {
        const r = await realpath(full).catch(() => full);
        if (seenFiles.has(r)) continue;
        seenFiles.add(r);
        files.push({ path: full, display });
      }
    }
  };

  for (const input of inputs) {
    const st = await stat(input).catch((error: unknown) => ({ error }));
    if ("error" in st) {
      const link = await lstat(input).catch(() => null);
      if (link) unreadable.push({ display: escapeControl(input), reason: why(st.error) });
      else missing.push(input);
    } else if (st.isDirectory()) await walk(input, input);
    else {
      const r = await realpath(input).catch(() => input);
      if (!seenFiles.has(r)) {
        seenFiles.add(r);
        files.push({ path: input, display: path.basename(input) });
      }
    }
  }
  return { files, missing, unreadable };
}

/** Whether a directory entry given by its raw bytes is a folder (reached through a Buffer path). */
async function isDirBytes(dir: string, raw: Buffer): Promise<boolean> {
  const full = Buffer.concat([Buffer.from(`${dir}${path.sep}`, "utf8"), raw]);
  return (await stat(full).catch(() => null))?.isDirectory() ?? false;
}
