/** Every file in fixtures/hostile through the whole runner: each gets its expected outcome, none stops the batch. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  type ExpectedEntry,
  expectedList,
  HOSTILE_CASES,
  HOSTILE_CONFIG_LIMITS,
  HOSTILE_DIR,
  HOSTILE_FILES_DIR,
  HOSTILE_OCR_DPI,
} from "../../fixtures/hostile/generate.ts";
import { loadConfig } from "../../src/config/load.ts";
import type { AuditRecord } from "../../src/domain/record.ts";
import { expandInputs } from "../../src/pipeline/inputs.ts";
import { runIngest } from "../../src/pipeline/runner.ts";
import { ScriptedEngine } from "../helpers/fake-engines.ts";
import { REPORT_LINES } from "./helpers.ts";

const expected = JSON.parse(readFileSync(path.join(HOSTILE_DIR, "expected.json"), "utf8")) as ExpectedEntry[];

const config = loadConfig({
  env: {},
  flags: {
    ocr: { workers: 1, dpi: HOSTILE_OCR_DPI },
    savePageImages: false,
    limits: HOSTILE_CONFIG_LIMITS,
  },
});

const outcome = (r: AuditRecord): string =>
  r.document.status === "failed" ? (r.document.errors[0]?.code ?? "failed") : "ok";

describe("hostile corpus", () => {
  it("expected.json matches the generator (run `npx tsx fixtures/hostile/generate.ts` after changes)", () => {
    expect(expected).toEqual(expectedList());
  });

  it("committed files are what the generator builds", async () => {
    for (const c of HOSTILE_CASES.filter((k) => k.committed)) {
      const onDisk = readFileSync(path.join(HOSTILE_FILES_DIR, c.name));
      // Byte for byte: the generator is deterministic (pdf-lib without date stamps).
      expect(onDisk.equals(Buffer.from(await c.build())), c.name).toBe(true);
    }
  });

  it("each file gets its expected outcome through runIngest; the batch finishes", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-hostile-"));
    const inputs: string[] = [];
    for (const e of expected) {
      const to = path.join(dir, "in", e.file);
      await mkdir(path.dirname(to), { recursive: true });
      if (e.committed) await copyFile(path.join(HOSTILE_FILES_DIR, e.file), to);
      else await writeFile(to, await HOSTILE_CASES.find((c) => c.name === e.file)!.build());
      inputs.push(to);
    }
    const engine = new ScriptedEngine(REPORT_LINES);
    const result = await runIngest({ inputs, out: path.join(dir, "out"), config, engine });
    const got = Object.fromEntries(result.records.map((r) => [r.document.file, outcome(r)]));
    const want = Object.fromEntries(expected.map((e) => [e.file, e.expected]));
    expect(got).toEqual(want);

    const byFile = new Map(result.records.map((r) => [r.document.file, r]));
    expect(byFile.get("multipage.tif")?.document.pages).toBe(3);
    // Paths only, no text layer: the page went to OCR.
    expect(byFile.get("vector-text.pdf")?.document.kind).toBe("audit_report");
    // The poster was rendered below the configured DPI to stay under the pixel limit.
    expect(byFile.get("poster.pdf")?.document.ocr.dpi).toBeLessThan(HOSTILE_OCR_DPI);
    expect(byFile.get("poster.pdf")?.document.ocr.dpi).toBeGreaterThanOrEqual(72);
  });

  it("a FIFO or a device named as input is refused without being read (reading would block or never end)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-special-"));
    const fifo = path.join(dir, "pipe.pdf");
    const made = spawnSync("mkfifo", [fifo]);
    const inputs = made.status === 0 ? [fifo, "/dev/zero"] : ["/dev/zero"];
    const result = await runIngest({
      inputs,
      out: path.join(dir, "out"),
      config,
      engine: new ScriptedEngine(REPORT_LINES),
    });
    expect(result.records.map(outcome)).toEqual(inputs.map(() => "INPUT_UNSUPPORTED"));
  });

  it("a folder with a symlink loop is walked once", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-loop-"));
    const root = path.join(dir, "in");
    await mkdir(path.join(root, "sub"), { recursive: true });
    await copyFile(path.join(HOSTILE_FILES_DIR, "png-named.pdf"), path.join(root, "sub", "page.png"));
    await symlink(root, path.join(root, "sub", "loop")); // in/sub/loop -> in
    await symlink(path.join(root, "sub"), path.join(root, "sub", "self")); // in/sub/self -> in/sub
    await symlink(path.join(dir, "nowhere"), path.join(root, "dangling.png"));
    const { files } = await expandInputs([root]);
    expect(files.map((f) => f.display)).toEqual([path.join("sub", "page.png")]);

    const result = await runIngest({
      inputs: [root],
      out: path.join(dir, "out"),
      config,
      engine: new ScriptedEngine(REPORT_LINES),
    });
    // The dangling link is not lost silently: it gets its own failed record.
    expect(result.records.map((r) => [r.document.file, outcome(r)]).sort()).toEqual([
      ["dangling.png", "INPUT_UNREADABLE"],
      [path.join("sub", "page.png"), "ok"],
    ]);
  });
});
