/** Choosing the OCR engine: defaults < file < environment < flags, and what each choice builds. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/main.ts";
import { loadConfig } from "../../src/config/load.ts";
import { createEngine } from "../../src/pipeline/engine.ts";

describe("OCR engine selection", () => {
  it("defaults to paddle; file, environment and flags choose in that precedence", () => {
    expect(loadConfig({ env: {} }).ocr.engine).toBe("paddle");
    const file = join(mkdtempSync(join(tmpdir(), "ae-engine-")), "config.json");
    writeFileSync(file, JSON.stringify({ ocr: { engine: "paddle", paddleDetMaxSide: 1280 } }));
    const fromFile = loadConfig({ file, env: {} });
    expect(fromFile.ocr.engine).toBe("paddle");
    expect(fromFile.ocr.paddleDetMaxSide).toBe(1280);
    const fromEnv = loadConfig({
      file,
      env: { AUDIT_OCR_ENGINE: "tesseract", AUDIT_OCR_PADDLE_THREADS: "2" },
    });
    expect(fromEnv.ocr.engine).toBe("tesseract");
    expect(fromEnv.ocr.paddleThreads).toBe(2);
    const fromFlags = loadConfig({
      file,
      env: { AUDIT_OCR_ENGINE: "tesseract" },
      flags: { ocr: { engine: "paddle" } },
    });
    expect(fromFlags.ocr.engine).toBe("paddle");
    expect(() => loadConfig({ env: { AUDIT_OCR_ENGINE: "easyocr" } })).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID" }),
    );
  });

  it("accepts --ocr tesseract|paddle on ingest and refuses other engines", async () => {
    const run = (argv: string[]) =>
      buildProgram(() => undefined)
        .configureOutput({ writeErr: () => undefined, writeOut: () => undefined })
        .parseAsync(["node", "audit-extract", ...argv]);
    await expect(run(["ingest", "x.pdf", "--out", "o", "--ocr", "easyocr"])).rejects.toMatchObject({
      code: "commander.invalidArgument",
    });
  });

  it("replays recordings under the engine's name without starting it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ae-replay-"));
    const config = loadConfig({ env: {}, flags: { ocr: { engine: "paddle", replayDir: dir } } });
    const engine = await createEngine(config);
    expect(engine.name).toBe("PP-OCRv4 onnxruntime-node");
    await engine.close();
  });
});
