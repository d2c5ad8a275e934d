import { describe, expect, it } from "vitest";
import { normalizeText } from "../../src/ingest/normalize-text.ts";
import { isMeaningfulTextLayer } from "../../src/ingest/pdf-text.ts";

describe("normalizeText", () => {
  it("maps Kangxi radicals (pdf.js text of CJK PDFs) to the ideographs", () => {
    // ⼈ U+2F08, ⼯ U+2F2F, ⽣ U+2F63, ⼒ U+2F12
    expect(normalizeText("\u2F08\u2F2F\u2F63\u2F12")).toBe("人工生力");
  });

  it("maps CJK Radicals Supplement forms NFKC leaves alone", () => {
    expect("\u2EA0".normalize("NFKC")).toBe("\u2EA0");
    expect(normalizeText("\u2ED3\u2EC5\u2ECB")).toBe("长见车");
  });

  it("folds full-width forms and collapses whitespace", () => {
    expect(normalizeText("  证书编号：２０２１－Ｎ１ＱＭＳ\u3000（有效）  ")).toBe(
      "证书编号:2021-N1QMS (有效)",
    );
  });
});

describe("isMeaningfulTextLayer", () => {
  const line = (text: string) => ({ text, bbox: [0, 0, 1, 1] as [number, number, number, number] });
  it("rejects empty and near-empty layers and glyph garbage", () => {
    expect(isMeaningfulTextLayer([])).toBe(false);
    expect(isMeaningfulTextLayer([line("第1页")])).toBe(false);
    expect(isMeaningfulTextLayer([line("\uE001\uE002\uE003".repeat(10))])).toBe(false);
  });
  it("accepts a real text layer", () => {
    expect(isMeaningfulTextLayer([line("管理体系审核报告 组织名称：重庆金微科技有限公司")])).toBe(true);
  });
});
