/**
 * The parser reads OCR look-alikes through the measured noise model (src/noise/confusions.ts), not through
 * character tables of its own (issue 25). Each case a deleted table covered is read here with values made as the
 * generator makes them and the look-alikes the model measured put in; a confusion the model never measured (L or |
 * for 1, 了 for 7, 曰 or 目 for 日, VV for M, S for 5, B for 8) is no longer read, and no test here pretends otherwise.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatParts } from "../../../fixtures/generator/dates.ts";
import { createRng } from "../../../fixtures/generator/prng.ts";
import { regNo } from "../../../fixtures/generator/team.ts";
import { CONFUSABLE_SHARE, confusions } from "../../../src/noise/confusions.ts";
import { readReportNumber } from "../../../src/parse/fields/header.ts";
import { voteCode } from "../../../src/parse/fields/names.ts";
import { findTechnicalCodes } from "../../../src/parse/normalize/codes.ts";
import { findDateRange, findDates } from "../../../src/parse/normalize/dates.ts";
import { parseCount, toHalfWidth } from "../../../src/parse/normalize/numbers.ts";
import { findRegistrations } from "../../../src/parse/normalize/registration.ts";
import { matchForm } from "../../../src/parse/text/chars.ts";
import { chineseParens, findLabels } from "../../../src/parse/text/labels.ts";
import { buildLines } from "../../../src/parse/text/lines.ts";
import { repairNumbering } from "../../../src/parse/text/sections.ts";
import { layoutPages } from "../helpers/layout.ts";

const look = confusions();
/** Each digit with a letter the model reads for it. */
const LETTER_FOR = new Map(look.digitReadings().map((l) => [look.digit(l) as string, l]));
/** Every digit in `s` that has a measured letter reading replaced by it, from position `from` on. */
const misreadDigits = (s: string, from = 0) =>
  s.slice(0, from) + [...s.slice(from)].map((ch) => LETTER_FOR.get(ch) ?? ch).join("");

/** One or two of the digits of `s` that have a measured letter reading replaced by it, as a line of OCR has them. */
function misreadSome(s: string, rng: ReturnType<typeof createRng>): string {
  const at = [...s].flatMap((ch, k) => (LETTER_FOR.has(ch) ? [k] : []));
  const misread = new Set(rng.pickN(at, rng.int(1, 2)));
  return [...s].map((ch, k) => (misread.has(k) ? (LETTER_FOR.get(ch) ?? ch) : ch)).join("");
}

const dates = fc
  .date({ min: new Date("2010-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((dt) => ({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() }));
const iso = (x: { y: number; m: number; d: number }) =>
  `${x.y}-${String(x.m).padStart(2, "0")}-${String(x.d).padStart(2, "0")}`;

describe("dates: digits, 日 and 〇 as the model measured them read (was: [OolI了] and 曰/目 in dates.ts)", () => {
  it("has letters read for digits to test with", () => {
    expect(LETTER_FOR.size).toBeGreaterThan(0);
  });

  it("reads a generated date with every digit that has a measured letter reading printed as that letter", () => {
    fc.assert(
      fc.property(dates, fc.constantFrom("cjk", "dash", "cjk-unpadded" as const), (x, style) => {
        const text = misreadDigits(formatParts(x.y, x.m, x.d, style));
        expect(findDates(`审核日期：${text}`)[0]?.iso, text).toBe(iso(x));
      }),
      { numRuns: 200 },
    );
  });

  it("reads 日 read as any of its measured readings before a half day", () => {
    const readings = look.readingsOf("日", 0, "han");
    expect(readings.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(dates, fc.constantFrom(...readings), (x, r) => {
        const text = formatParts(x.y, x.m, x.d, "cjk").replace("日", r);
        const range = findDateRange(`${text}上午至${formatParts(x.y, x.m, x.d, "cjk")}下午`);
        expect([range?.from.iso, range?.from.half], text).toEqual([iso(x), "am"]);
      }),
      { numRuns: 100 },
    );
  });

  it("reads the last numeral of a year read as its measured reading (四 as 由), with 〇 garbled", () => {
    const readings = look.numeralReadings();
    expect(readings.length).toBeGreaterThan(0);
    for (const r of readings) {
      const numeral = look.numeral(r) as string;
      const year = 2020 + "〇一二三四五六七八九".indexOf(numeral);
      const text = `${formatParts(year, 8, 13, "cjk-numeral")
        .replace("〇", "加")
        .replace(/(?<=^..二)./, r)}上午`;
      expect(findDates(text)[0]?.iso, text).toBe(`${year}-08-13`);
    }
  });

  it("reads 〇 of a year in numerals read as its measured Latin reading", () => {
    const zero = look.readingsOf("〇", 0, "latin");
    expect(zero.length).toBeGreaterThan(0);
    for (const r of zero) {
      const text = formatParts(2020, 3, 21, "cjk-numeral").replace("〇", r);
      expect(findDates(text)[0]?.iso, text).toBe("2020-03-21");
    }
  });
});

describe("registration numbers (was: DIGIT_FIX in registration.ts)", () => {
  it("reads generated CCAA numbers with the measured letters for digits in year, grade and serial", () => {
    const rng = createRng(4711);
    for (let i = 0; i < 60; i++) {
      const field = rng.pick(["QMS", "EMS", "OHSMS", "EnMS", "FSMS"]);
      const value = regNo(rng, 2025, field);
      const read = misreadDigits(value);
      expect(findRegistrations(read)[0]?.value, read).toBe(value);
    }
  });

  it("reads a field's letter read as its measured digit (N20HSMS), and a grade doubled as its letter", () => {
    const zero = LETTER_FOR.get("0");
    if (zero === "O")
      expect(findRegistrations("2010-N20HSMS-6739130")[0]?.value).toBe("2010-N2OHSMS-6739130");
    const one = LETTER_FOR.get("1");
    expect(one).toBeDefined();
    expect(findRegistrations(`2016-N1${one}QMS-8372781`)[0]?.value).toBe("2016-N1QMS-8372781");
    expect(findRegistrations(`2011-N1ISMS-8723015`)[0]?.value).toBe("2011-N1ISMS-8723015");
  });
});

describe("technical codes (was: O -> 0 next to digits in codes.ts)", () => {
  it("reads each digit's measured letter inside a code", () => {
    const rng = createRng(5150);
    for (let i = 0; i < 40; i++) {
      const code = [rng.int(1, 39), rng.int(0, 9), rng.int(0, 9)]
        .map((n) => String(n).padStart(2, "0"))
        .join(".");
      const read = misreadSome(code, rng);
      expect(findTechnicalCodes(`审核员 ${read}`), read).toEqual([code]);
    }
  });
});

describe("a code voted over the places it is printed (was: CONFUSABLE groups in names.ts)", () => {
  it("takes the footers' digits where the header read a measured look-alike letter", () => {
    const rng = createRng(2468);
    for (let i = 0; i < 10; i++) {
      const number = `HXZR-${rng.int(2015, 2025)}-${String(rng.int(100, 9999)).padStart(4, "0")}`;
      // One or two digits misread (the vote takes readings at most two characters off).
      const header = misreadSome(number, rng);
      const lines = buildLines(layoutPages(`报告编号：${header}\n${number} 1/3\n${number} 2/3`));
      expect(voteCode(readReportNumber(lines), lines).value, header).toBe(number);
    }
  });
});

describe("labels (was: LABEL_CONFUSIONS in text/chars.ts)", () => {
  it("finds a label with a character read as a measured look-alike that stands for it, as if read right", () => {
    const folds = look.foldsTo("日");
    expect(folds.length).toBeGreaterThan(0);
    for (const r of folds) {
      expect(matchForm(`审核${r}期`)).toBe(matchForm("审核日期"));
      const hit = findLabels(buildLines(layoutPages(`审核${r}期：2024年3月5日`)), ["审核日期"])[0];
      expect(hit?.quality, r).toBe(1);
    }
  });
});

describe("clause numbers (was: [lI] -> 1, O -> 0, [,，．·] -> . in sections.ts)", () => {
  it("reads a numbering with measured letters for digits and full-width dots", () => {
    const rng = createRng(31337);
    for (let i = 0; i < 30; i++) {
      const n = [rng.int(1, 9), rng.int(0, 9), rng.int(1, 9)].join(".");
      const read = misreadDigits(n).replace(/\./g, rng.chance(0.5) ? "．" : ". ");
      expect(repairNumbering(`${read} 审核范围`), read).toBe(`${n} 审核范围`);
    }
  });

  it("reads a dot read as any mark measured for it as often as confusable pairs are (a comma), and no other", () => {
    const dots = look.readingsOf(".", CONFUSABLE_SHARE, "mark");
    expect(dots.length).toBeGreaterThan(0);
    for (const r of dots) expect(repairNumbering(`1${r}5.2 审核范围`), r).toBe("1.5.2 审核范围");
    expect(repairNumbering("1、2024年3月5日")).toBe("1、2024年3月5日");
  });
});

describe("brackets (was: 〈 and 》 in labels.ts and numbers.ts)", () => {
  it("keeps （合肥市范围内） as printed", () => {
    expect(chineseParens("餐饮服务（合肥市范围内）")).toBe("餐饮服务（合肥市范围内）");
    expect(matchForm("（合肥市范围内）")).toBe("(合肥市范围内)");
  });

  it("reads a measured bracket misreading as the bracket, and a title pair as printed", () => {
    const open = look.foldsTo("（");
    expect(open).toContain("〈");
    expect(chineseParens("中检联合认证〈深圳》有限公司")).toBe("中检联合认证（深圳）有限公司");
    expect(chineseParens("中餐类制售(含凉菜)")).toBe("中餐类制售（含凉菜）");
    expect(chineseParens("策划了《内部审核控制程序》")).toBe("策划了《内部审核控制程序》");
    expect(parseCount("〈1）项")).toBe(1);
    expect(toHalfWidth("〈0）")).toBe("(0)");
  });
});
