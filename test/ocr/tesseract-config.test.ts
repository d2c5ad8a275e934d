import { describe, expect, it } from "vitest";
import { languageDataFolder, parseLanguages } from "../../src/ocr/tesseract.ts";

describe("tesseract language configuration", () => {
  it("accepts the shipped languages and reads data from the npm package's best_int folder", () => {
    expect(parseLanguages("chi_sim")).toEqual(["chi_sim"]);
    expect(parseLanguages("eng+chi_sim")).toEqual(["eng", "chi_sim"]);
    expect(languageDataFolder("chi_sim")).toMatch(/@tesseract\.js-data\/chi_sim\/4\.0\.0_best_int$/);
  });

  it("refuses languages that are not installed, and the order tesseract.js cannot load", () => {
    expect(() => parseLanguages("fra")).toThrow(expect.objectContaining({ code: "OCR_LANG_MISSING" }));
    expect(() => parseLanguages("chi_sim+eng")).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });
});
