import { describe, expect, it } from "vitest";
import { Confusions, confusions, DIGIT_SHARE } from "../../src/noise/confusions.ts";
import { engineNoise } from "../../src/noise/model.ts";
import type { EngineNoise } from "../../src/noise/model-data.ts";

/** Counts as measure-cli writes them: `reads` maps printed -> read -> count (all in the unsure bucket); `self`
 * how often each character was read as itself. */
function counts(reads: Record<string, Record<string, number>>, self: Record<string, number>): EngineNoise {
  const chars_: EngineNoise["chars_"] = {};
  const sub: EngineNoise["sub"] = {};
  for (const [t, byRead] of Object.entries(reads)) {
    sub[t] = Object.fromEntries(Object.entries(byRead).map(([r, n]) => [`u${r}`, n]));
    const misread = Object.values(byRead).reduce((a, b) => a + b, 0);
    chars_[t] = [misread + (self[t] ?? 0), self[t] ?? 0, 0, 0, 0];
    for (const r of Object.keys(byRead)) chars_[r] ??= [self[r] ?? 0, self[r] ?? 0, 0, 0, 0];
  }
  return {
    chars: 1000,
    reads: 1000,
    sameShare: { u: 0.1, f: 0.1, c: 0.8 },
    chars_,
    sub,
    split: {},
    ins: {},
    delTotal: 0,
    insTotal: 0,
  };
}

describe("look-alike queries on measured counts", () => {
  const c = new Confusions(
    counts(
      {
        "0": { O: 30 },
        "1": { l: 2, 工: 40 },
        日: { 曰: 6, 月: 10 },
        "（": { "〈": 20, "《": 3 },
      },
      { "0": 70, "1": 958, 日: 84, 月: 500, "《": 200, O: 50, 工: 300 },
    ),
  );

  it("reads a Latin letter in a number as the digit it was measured for, above the share", () => {
    expect(c.digit("O")).toBe("0");
    expect(c.digit("7")).toBe("7");
    // l for 1 measured at 0.2%: below the share, not a digit.
    expect(2 / 1000).toBeLessThan(DIGIT_SHARE);
    expect(c.digit("l")).toBeNull();
    // A Han character read for a digit is never one: it separates numbers.
    expect(c.digit("工")).toBeNull();
    expect(c.digitClass()).toBe("0-9O");
    expect(c.readDigits("2O24-1O-0l")).toBe("2024-10-0l");
  });

  it("folds a reading to what it mostly stands for, and keeps one mostly printed as itself", () => {
    // 曰 is only ever a misread 日; 月 is read for 日 ten times but printed as itself five hundred.
    expect(c.fold("曰")).toBe("日");
    expect(c.fold("月")).toBe("月");
    expect(c.fold("〈")).toBe("（");
    expect(c.fold("《")).toBe("《");
    expect(c.foldLookAlikes("审核曰期")).toBe("审核日期");
    expect(c.foldsTo("日")).toEqual(["曰"]);
  });

  it("answers readings and confusability from either direction of a measured pair", () => {
    expect(c.readingsOf("日")).toEqual(["月", "曰"]);
    expect(c.readingsOf("（", 0, "mark")).toEqual(["〈", "《"]);
    expect(c.confusable("O", "0")).toBe(true);
    expect(c.confusable("0", "O")).toBe(true);
    expect(c.confusable("0", "Q")).toBe(false);
    expect(c.lookAlike("0", "O")).toBeCloseTo(0.3);
  });
});

describe("the measured model's answers", () => {
  const look = confusions();
  const all = engineNoise();

  it("reads for digits only letters whose pair with the digit was measured above the share", () => {
    expect(look.digitReadings().length).toBeGreaterThan(0);
    for (const letter of look.digitReadings()) {
      const digit = look.digit(letter) as string;
      const share = (t: string, r: string) =>
        Object.entries(all.sub[t] ?? {})
          .filter(([k]) => k.slice(1) === r)
          .reduce((a, [, n]) => a + n, 0) / (all.chars_[t]?.[0] ?? Number.POSITIVE_INFINITY);
      expect(Math.max(share(digit, letter), share(letter, digit)), letter).toBeGreaterThanOrEqual(
        DIGIT_SHARE,
      );
    }
  });

  it("has O for 0 measured (printed O read as 0 on the committed set and the open families)", () => {
    expect(look.digit("O")).toBe("0");
  });
});
