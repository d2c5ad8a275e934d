import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createTesseractEngine, languageDataFolder, parseLanguages } from "../../src/ocr/tesseract.ts";

describe("tesseract language configuration", () => {
  it("accepts the shipped languages and reads data from the npm package's best_int folder", () => {
    expect(parseLanguages("chi_sim")).toEqual(["chi_sim"]);
    expect(parseLanguages("eng+chi_sim")).toEqual(["eng", "chi_sim"]);
    expect(languageDataFolder("chi_sim")).toMatch(/@tesseract\.js-data\/chi_sim\/4\.0\.0_best_int$/);
    // The second reader's float model comes from the same package.
    expect(languageDataFolder("chi_sim", "best")).toMatch(/@tesseract\.js-data\/chi_sim\/4\.0\.0$/);
  });

  it("offers a second reader unless it is turned off (then no doubtful word is even cropped)", async () => {
    const on = await createTesseractEngine({ workers: 1, warmUp: false });
    const off = await createTesseractEngine({ workers: 1, warmUp: false, secondLook: false });
    try {
      expect(typeof on.reread).toBe("function");
      expect(off.reread).toBeUndefined();
    } finally {
      await Promise.all([on.close(), off.close()]);
    }
  });

  it("refuses languages that are not installed, and the order tesseract.js cannot load", () => {
    expect(() => parseLanguages("fra")).toThrow(expect.objectContaining({ code: "OCR_LANG_MISSING" }));
    expect(() => parseLanguages("chi_sim+eng")).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });
});

describe("tesseract.js worker thread script", () => {
  it("drops Leptonica's stderr messages and passes every other", () => {
    const script = fileURLToPath(new URL("../../src/ocr/tesseract-worker.cjs", import.meta.url));
    // The worker prints what the Tesseract core would, then leaves (tesseract.js's listener would keep it).
    const body = [
      `require(${JSON.stringify(script)});`,
      `console.error("Error in pixScanForForeground: invalid box");`,
      `console.warn("Warning in pixReadMemPnm: extra data");`,
      `console.error("Error opening data file x.traineddata");`,
      "setTimeout(() => process.exit(0), 50);",
    ].join("\n");
    const main = `new (require("node:worker_threads").Worker)(${JSON.stringify(body)}, { eval: true });`;
    const run = spawnSync(process.execPath, ["-e", main], { encoding: "utf8", timeout: 20_000 });
    expect(run.stderr).toContain("Error opening data file x.traineddata");
    expect(run.stderr).not.toContain("pixScanForForeground");
    expect(run.stderr).not.toContain("pixReadMemPnm");
  });
});
