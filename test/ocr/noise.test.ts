import { describe, expect, it } from "vitest";
import { alignInto } from "../../src/noise/align.ts";
import { repairStandardPrefixes } from "../../src/noise/lexicons/standards.ts";
import { decode, reading } from "../../src/noise/match.ts";
import { countLine } from "../../src/noise/measure.ts";
import { BOX_IN_RUNNING_TEXT, noiseModel } from "../../src/noise/model.ts";
import { emptyCounts } from "../../src/noise/model-data.ts";
import { stripBoxGlyphs } from "../../src/parse/text/chars.ts";

describe("measuring: a reading aligned into the text it was read from", () => {
  it("finds the stretch of the page the line reads, with its substitutions, insertions and omissions", () => {
    const a = alignInto([..."审核组长和攻明"], [..."第一页审核组长蒋明签字"]);
    expect(a.from).toBe(3);
    expect(a.to).toBe(9);
    expect(a.cost).toBe(2);
    const counts = emptyCounts();
    countLine(counts, { steps: a.steps, confs: [...a.steps].map(() => 0.5) });
    // 蒋 read as the two characters 和攻: one substitution, one insertion, one split.
    expect(counts.split.蒋).toEqual({ 和攻: 1 });
    expect(counts.seen.审).toBe(1);
  });

  it("counts an inserted character before a tick box's label as a box reading", () => {
    const a = alignInto([..."口符合"], [..."符合"]);
    const counts = emptyCounts();
    countLine(counts, { steps: a.steps, confs: [0.5, 0.9, 0.9] }, new Set(["符合"]));
    expect(counts.boxIns.口).toBe(1);
  });
});

describe("the measured model", () => {
  const model = noiseModel();
  it("makes a measured confusion likelier than one never seen, and an unsure one likelier than a clear one", () => {
    expect(model.readCost("鑫", "伟", 0.5)).toBeLessThan(model.readCost("鑫", "信", 0.5));
    expect(model.readCost("昊", "吴", 0.5)).toBeLessThan(model.readCost("昊", "吴", 0.95));
  });

  it("defines what a tick box reads as once, from the measurements", () => {
    for (const ch of ["口", "回", "国", "■", "☑", "□"]) expect(model.isBoxGlyph(ch)).toBe(true);
    expect(model.isBoxGlyph("和")).toBe(true);
    // 和 is read for a box now and then but is mostly itself: not a box in running text.
    expect(model.isBoxGlyph("和", BOX_IN_RUNNING_TEXT)).toBe(false);
    expect(stripBoxGlyphs("口符合 回基本符合 和谐")).toBe("符合 基本符合 和谐");
  });
});

describe("decoding against a typed lexicon", () => {
  const model = noiseModel();
  it("takes the entry of least −log P(entry) − log P(reading | entry), or none when none is near", () => {
    const lex = ["ISO", "GB/T", "IEC"].map((t) => ({ text: t, value: t, prior: 1 / 3 }));
    expect(decode(model, reading("IS0", 0.5), lex)?.entry.text).toBe("ISO");
    expect(decode(model, reading("XYZW", 0.5), lex)).toBeNull();
  });

  it("reads the ISO misreadings the parser once listed one by one (1IS0, lIS0, I50, IS5, 150)", () => {
    expect(repairStandardPrefixes("GB/T 19001-2016/IS0 9001:2015")).toBe("GB/T 19001-2016/ ISO9001:2015");
    expect(repairStandardPrefixes("19001-2016/1IS09001")).toBe("19001-2016/ ISO9001");
    expect(repairStandardPrefixes("19001-2016/lIS09001")).toBe("19001-2016/ ISO9001");
    expect(repairStandardPrefixes("19001-2016/I509001")).toBe("19001-2016/ISO9001");
    expect(repairStandardPrefixes("idt1SO9001")).toBe("idtISO9001");
    expect(repairStandardPrefixes("IS5 09001:2015")).toBe("  ISO9001:2015");
    expect(repairStandardPrefixes("150 9001:2015")).toBe(" ISO9001:2015");
    expect(repairStandardPrefixes("ISO09001")).toBe(" ISO9001");
  });

  it("leaves prefixes read right, a GB/T number, and digits that are one number", () => {
    for (const s of ["GB/T19001-2016", "GB/T 24001-2016/ISO14001", "ISO 45001:2018", "共有15009001号"]) {
      expect(repairStandardPrefixes(s)).toBe(s);
    }
  });
});
