/** Hostile file names through the whole runner: every output stays inside --out, no two inputs share one. */
import { mkdir, mkdtemp, readdir, realpath, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pagePng } from "../../fixtures/hostile/generate.ts";
import { loadConfig } from "../../src/config/load.ts";
import { outputName } from "../../src/export/names.ts";
import { runIngest } from "../../src/pipeline/runner.ts";
import { ScriptedEngine } from "../helpers/fake-engines.ts";
import { allFiles, REPORT_LINES } from "./helpers.ts";

const config = loadConfig({ env: {}, flags: { ocr: { workers: 1 }, savePageImages: true } });

const HOSTILE_NAMES = [
  "..png", // all dots but the extension
  "-rf.png", // reads as an option
  "CON.png", // Windows device name
  "\u202Egnp.exe.png", // RTL override: shows as "png.exe.png" reversed
  "tab\there\u0001\u001b[31m.png", // control characters and an ANSI escape, no NUL
  "报告📄🧾 audit.png",
  "e\u0301cole.png", // decomposed é; "école.png" (composed) below sanitises alike
  "\u00e9cole.png",
  `${"长".repeat(40)}${"a".repeat(130)}.png`, // 250 bytes in UTF-8 with the extension: at the FS limit
  `${"x".repeat(246)}.png`, // 250 ASCII characters
];

describe("hostile output names", () => {
  it("keeps every output inside --out and gives each input its own files", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-names-"));
    const inDir = path.join(dir, "in");
    await mkdir(path.join(inDir, "a"), { recursive: true });
    await mkdir(path.join(inDir, "b"), { recursive: true });
    const out = path.join(dir, "nested", "out");
    const inputs: string[] = [];
    let n = 0;
    const write = async (rel: string): Promise<string> => {
      const file = path.join(inDir, rel);
      // Distinct bytes (different height) so each input is a distinct document.
      await mkdir(path.dirname(file), { recursive: true });
      const png = await pagePng(420, 590 + n++, 50);
      await writeFile(file, png);
      return file;
    };
    for (const name of HOSTILE_NAMES) inputs.push(await write(name));
    // Same base name, different folders, named directly: different bytes, so different documents.
    inputs.push(await write("a/report.png"), await write("b/report.png"));
    // Same base name found in two folders of one input: kept apart by the folder in the name. (Byte-identical
    // copies are one document by id: the runner reads it once and reuses the record, by design.)
    const twins = path.join(dir, "twins");
    await mkdir(path.join(twins, "x"), { recursive: true });
    await mkdir(path.join(twins, "y"), { recursive: true });
    await writeFile(path.join(twins, "x", "same.png"), await pagePng(420, 700, 50));
    await writeFile(path.join(twins, "y", "same.png"), await pagePng(420, 701, 50));
    inputs.push(twins);
    // Missing inputs are recorded under the path as typed, traversal included.
    const missing = ["../../../../etc/passwd.pdf", "..\\..\\win.pdf", "/abs/olute.pdf"];
    inputs.push(...missing);

    const result = await runIngest({ inputs, out, config, engine: new ScriptedEngine(REPORT_LINES) });

    const realOut = await realpath(out);
    const files = await allFiles(out);
    for (const f of files) expect(f.startsWith(`${realOut}${path.sep}`), f).toBe(true);
    for (const f of files) expect(Buffer.byteLength(path.basename(f))).toBeLessThanOrEqual(255);

    // Two direct inputs share the display name "report.png": the runner keeps both records.
    const expectedCount = HOSTILE_NAMES.length + 2 + 2 + missing.length;
    const records = (await readdir(path.join(out, "records"))).length;
    expect(records).toBe(expectedCount);
    const names = new Set<string>();
    for (const r of result.records) names.add(outputName(r));
    expect(names.size).toBe(result.records.length);
    expect(
      result.records
        .filter((r) => r.document.status === "failed")
        .map((r) => r.document.file)
        .sort(),
    ).toEqual([...missing].sort());
    expect(result.records.map((r) => r.document.file)).toEqual(
      expect.arrayContaining([path.join("x", "same.png"), path.join("y", "same.png")]),
    );
    for (const name of names) {
      expect(name).not.toMatch(/[/\\\p{Cc}\p{Cf}]/u); // no separators, control or format (RTL) characters
      expect(name.startsWith(".")).toBe(false);
      expect(name.startsWith("-")).toBe(false);
    }
  });
});
