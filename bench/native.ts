/** Native `tesseract` for the benches: one page file per call, one thread, the engine's own settings and model. */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import type { PageImage } from "../src/domain/page.ts";
import { encodePgm } from "../src/ocr/pixels.ts";
import { languageDataFolder } from "../src/ocr/tesseract.ts";

export function hasNativeTesseract(): boolean {
  try {
    execFileSync("tesseract", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Native Tesseract on one page file, one thread (its OpenMP threads fight on 2 cores), with the engine's own
 * model from `tessdata` (see writePageFiles). */
export function readNative(file: string, tessdata: string, dpi: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(
      "tesseract",
      [
        file,
        "stdout",
        "--tessdata-dir",
        tessdata,
        "-l",
        "chi_sim",
        "--psm",
        "3",
        "--dpi",
        String(dpi),
        "-c",
        "preserve_interword_spaces=1",
        // As the engine is set (src/ocr/tesseract.ts): the same work on both sides.
        "-c",
        "tessedit_do_invert=0",
      ],
      { env: { ...process.env, OMP_THREAD_LIMIT: "1" }, stdio: ["ignore", "pipe", "ignore"] },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", () => resolve(out));
  });
}

export interface NativePages {
  /** Holds the page files and chi_sim.traineddata. */
  dir: string;
  files: string[];
}

/**
 * Pages as PGM files beside the engine's own chi_sim model. Debian's chi_sim has the same network but a config
 * that sets only preserve_interword_spaces; the npm package's carries Tesseract's CJK layout settings, with which
 * native tesseract read the same 4 pages in 1.69-1.74 s/page against 1.91-1.97 with Debian's. Giving native the
 * same model keeps the comparison one of engines, not of configs.
 */
export function writePageFiles(pages: readonly PageImage[]): NativePages {
  const dir = mkdtempSync(join(tmpdir(), "bench-native-"));
  const model = readFileSync(join(languageDataFolder("chi_sim"), "chi_sim.traineddata.gz"));
  writeFileSync(join(dir, "chi_sim.traineddata"), gunzipSync(model));
  const files = pages.map((image, i) => {
    const file = join(dir, `page-${i}.pgm`);
    writeFileSync(file, encodePgm(image));
    return file;
  });
  return { dir, files };
}

/** `processes` native readers over the files, each taking the next page; seconds of wall time. */
export async function timeNative(pages: NativePages, processes: number, dpi: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: processes }, async () => {
      while (next < pages.files.length) await readNative(pages.files[next++] ?? "", pages.dir, dpi);
    }),
  );
  return (performance.now() - t0) / 1000;
}
