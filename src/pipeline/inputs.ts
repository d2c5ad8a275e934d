import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";

const EXTENSIONS = new Set([".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"]);

export interface InputFile {
  path: string;
  /** Path relative to the folder it was found in (or the base name for a named file): how reports name it. */
  display: string;
}

/** Files named on the command line are always taken (a wrong type gets a typed error); inside folders only
 * known extensions are, recursively, in a stable order. Symlink loops are walked once. */
export async function expandInputs(
  inputs: readonly string[],
): Promise<{ files: InputFile[]; missing: string[] }> {
  const files: InputFile[] = [];
  const missing: string[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  const walk = async (dir: string, root: string): Promise<void> => {
    // A folder that cannot be listed (permissions, removed meanwhile) is reported like a missing input
    // instead of ending the whole run.
    const real = await realpath(dir).catch(() => null);
    if (real === null) return void missing.push(dir);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    const listed = await readdir(dir, { withFileTypes: true }).catch(() => null);
    if (listed === null) return void missing.push(dir);
    const entries = listed.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const st = await stat(full).catch(() => null);
      if (!st) continue;
      if (st.isDirectory()) await walk(full, root);
      else if (st.isFile() && EXTENSIONS.has(path.extname(e.name).toLowerCase())) {
        const r = await realpath(full).catch(() => full);
        if (seenFiles.has(r)) continue;
        seenFiles.add(r);
        files.push({ path: full, display: path.relative(root, full) });
      }
    }
  };

  for (const input of inputs) {
    const st = await stat(input).catch(() => null);
    if (!st) missing.push(input);
    else if (st.isDirectory()) await walk(input, input);
    else {
      const r = await realpath(input).catch(() => input);
      if (!seenFiles.has(r)) {
        seenFiles.add(r);
        files.push({ path: input, display: path.basename(input) });
      }
    }
  }
  return { files, missing };
}
