import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.ts";
import { recordedEngine, replayEngine } from "../../src/ocr/recorded-engine.ts";
import { createEngine } from "../../src/pipeline/engine.ts";

const folder = () => mkdtempSync(join(tmpdir(), "ae-recorded-"));

describe("the engine of a folder of OCR recordings", () => {
  it("is the recording's, whatever the configuration names, and names the run", async () => {
    const dir = folder();
    writeFileSync(join(dir, "engine.json"), '{"engine":"tesseract"}');
    expect(replayEngine(dir, "paddle", false)).toBe("tesseract");
    const engine = await createEngine(
      loadConfig({ env: {}, flags: { ocr: { engine: "paddle", replayDir: dir } } }),
    );
    expect(engine.name).toMatch(/tesseract/);
    await engine.close();
  });

  it("is written when recording starts a folder, and recording another engine there is refused", () => {
    const dir = join(folder(), "new");
    expect(recordedEngine(dir)).toBeNull();
    expect(replayEngine(dir, "paddle", true)).toBe("paddle");
    expect(JSON.parse(readFileSync(join(dir, "engine.json"), "utf8"))).toEqual({ engine: "paddle" });
    expect(() => replayEngine(dir, "tesseract", true)).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID" }),
    );
  });

  it("follows the configuration in a folder recorded before manifests, writing nothing when only replaying", () => {
    const dir = folder();
    expect(replayEngine(dir, "tesseract", false)).toBe("tesseract");
    expect(existsSync(join(dir, "engine.json"))).toBe(false);
  });

  it("is stated for the committed recordings", () => {
    expect(recordedEngine("fixtures/golden-ocr")).toBe("tesseract");
  });
});
