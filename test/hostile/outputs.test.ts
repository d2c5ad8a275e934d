/** --out faults: checked before any work; records written whole or not at all; a damaged record is named
 * and rebuilt or skipped, never fatal to a new batch. Configuration mistakes stop the run with their path. */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pagePng } from "../../fixtures/hostile/generate.ts";
import { main } from "../../src/cli/main.ts";
import { loadConfig } from "../../src/config/load.ts";
import { runIngest } from "../../src/pipeline/runner.ts";
import { ScriptedEngine } from "../helpers/fake-engines.ts";
import { REPORT_LINES } from "./helpers.ts";

const config = loadConfig({ env: {}, flags: { ocr: { workers: 1, dpi: 72 }, savePageImages: false } });

/** Runs the CLI in-process; returns its exit code and what it wrote to stderr. */
async function cli(...args: string[]): Promise<{ code: number; err: string }> {
  let err = "";
  const io = {
    out: () => undefined,
    err: (text: string) => {
      err += text;
    },
  };
  return { code: await main(["node", "audit-extract", ...args], io), err };
}

describe("--out and records", () => {
  it("a damaged record in --out is named; the batch's own input is read again, the rest skipped", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-damaged-"));
    const a = path.join(dir, "a.png");
    const b = path.join(dir, "b.png");
    await writeFile(a, await pagePng(420, 594, 50));
    await writeFile(b, await pagePng(420, 594, 51));
    const out = path.join(dir, "out");
    await runIngest({ inputs: [a, b], out, config, engine: new ScriptedEngine(REPORT_LINES) });
    const names = (await readdir(path.join(out, "records"))).sort();
    expect(names).toHaveLength(2);
    // What a full disk left behind before writes were atomic: one empty record, one cut short.
    await writeFile(path.join(out, "records", names[0] ?? ""), "");
    const whole = await readFile(path.join(out, "records", names[1] ?? ""), "utf8");
    await writeFile(path.join(out, "records", names[1] ?? ""), whole.slice(0, whole.length / 2));
    const engine = new ScriptedEngine(REPORT_LINES);
    const result = await runIngest({ inputs: [a], out, config, engine });
    expect(result.records.map((r) => r.document.file)).toEqual(["a.png"]);
    expect(result.records[0]?.document.status).toBe("ok");
    expect(engine.calls).toBeGreaterThan(0);
    // a.png's record was rebuilt; b.png's is still damaged and named.
    expect(result.damaged.map((d) => d.file)).toEqual([path.join("records", names[1] ?? "")]);
  });

  it("leaves no temporary or partial files beside the records", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-atomic-"));
    await writeFile(path.join(dir, "a.png"), await pagePng(420, 594, 50));
    const out = path.join(dir, "out");
    await runIngest({
      inputs: [path.join(dir, "a.png")],
      out,
      config,
      engine: new ScriptedEngine(REPORT_LINES),
    });
    for (const sub of ["records", "state", "text", "ocr"]) {
      for (const n of await readdir(path.join(out, sub)))
        expect(n.startsWith("."), `${sub}/${n}`).toBe(false);
    }
  });

  it("--out that is a file, or under /proc, is refused before any work with OUTPUT_UNWRITABLE, exit 2", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-out-"));
    const input = path.join(dir, "a.png");
    await writeFile(input, await pagePng(420, 594, 50));
    await writeFile(path.join(dir, "file"), "x");
    for (const out of [path.join(dir, "file"), path.join(dir, "file", "sub"), "/proc/self/out"]) {
      const t0 = Date.now();
      const { code, err } = await cli("ingest", input, "--out", out, "--ocr", "tesseract");
      expect(code, out).toBe(2);
      expect(err).toContain("OUTPUT_UNWRITABLE");
      expect(Date.now() - t0).toBeLessThan(10_000);
    }
  });
});

describe("strict configuration", () => {
  const cases: [string, unknown, string][] = [
    ["unknown key", { ocr: { wrokers: 2 } }, "at ocr.wrokers"],
    ["unknown section", { limit: { maxPages: 3 } }, "at limit"],
    ["misspelt rule id", { rules: { "TIME-LWO": { enabled: false } } }, "did you mean TIME-LOW"],
    [
      "misspelt rule id under rules.rules",
      { rules: { rules: { "DATE-IMPOSIBLE": {} } } },
      "rules.rules.DATE-IMPOSIBLE",
    ],
    ["unknown rules setting", { rules: { xdoc: { shingle: 3 } } }, "at rules.xdoc.shingle"],
    ["an array as the whole file", [{ ocr: {} }], "must be a JSON object, found an array"],
  ];
  for (const [what, content, expected] of cases) {
    it(`${what}: CONFIG_INVALID naming the mistake, exit 2`, async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "ae-cfg-"));
      const file = path.join(dir, "config.json");
      await writeFile(file, JSON.stringify(content));
      await mkdir(path.join(dir, "in"));
      const { code, err } = await cli(
        "ingest",
        path.join(dir, "in"),
        "--out",
        path.join(dir, "out"),
        "-c",
        file,
      );
      expect(code).toBe(2);
      expect(err).toContain("CONFIG_INVALID");
      expect(err).toContain(expected);
      expect(err).toContain(file);
    });
  }

  it("the README's example configuration is accepted", () => {
    const example = {
      ocr: { workers: 2, recycleAfter: 200, dpi: 200 },
      limits: { maxFileBytes: 209715200, maxPages: 500, maxPixelsPerPage: 60000000, pageTimeoutMs: 120000 },
      queue: { prefix: "audit-extract", concurrency: 2 },
      rules: { "TIME-LOW": { enabled: false }, reduction: 0.7 },
      savePageImages: true,
    };
    const parsed = loadConfig({ env: {}, flags: example });
    expect((parsed.rules as { rules?: Record<string, unknown> }).rules?.["TIME-LOW"]).toEqual({
      enabled: false,
    });
  });
});
