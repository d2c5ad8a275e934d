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
