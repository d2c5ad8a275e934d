import { describe, expect, it } from "vitest";
import { findTechnicalCodes } from "../../../src/parse/normalize/codes.ts";
import {
  chineseToNumber,
  parseCount,
  parseHeadcount,
  parseInteger,
  toHalfWidth,
} from "../../../src/parse/normalize/numbers.ts";
import { findRegistrations, joinRegistrations } from "../../../src/parse/normalize/registration.ts";

describe("numbers", () => {
  it("reads Chinese numerals", () => {
    expect(chineseToNumber("十一")).toBe(11);
    expect(chineseToNumber("二十三")).toBe(23);
    expect(chineseToNumber("一百零九")).toBe(109);
    expect(chineseToNumber("二〇二三")).toBe(2023);
    expect(chineseToNumber("两")).toBe(2);
  });
  it("converts full-width digits", () => {
    expect(toHalfWidth("１０９人：")).toBe("109人:");
    expect(parseInteger("１０９")).toBe(109);
  });
  it("reads counts in every bracket style", () => {
    for (const s of ["（1）项", "(1)项", "1 项", "( 1 ) 项", "一项", "１项"])
      expect(parseCount(s), s).toBe(1);
    expect(parseCount("（0）项")).toBe(0);
    expect(parseCount("多项")).toBeNull();
  });
  it("reads headcounts", () => {
    expect(parseHeadcount("109人")).toBe(109);
    expect(parseHeadcount("109 名")).toBe(109);
    expect(parseHeadcount("一百零九人")).toBe(109);
  });
});

describe("registration numbers", () => {
  it("reads clean and OCR-damaged CCAA numbers", () => {
    expect(findRegistrations("2021-N1QMS-3207381")[0]!.value).toBe("2021-N1QMS-3207381");
    expect(findRegistrations("2021-NIQMS-32O7381")[0]!.value).toBe("2021-N1QMS-3207381");
    // The grade digit doubled as a letter: N1IQMS is N1QMS; a real field is left alone.
    expect(findRegistrations("2011-N1IQMS-8723015")[0]!.value).toBe("2011-N1QMS-8723015");
    expect(findRegistrations("2011-N1ISMS-8723015")[0]!.value).toBe("2011-N1ISMS-8723015");
    // (An S read as 5S inside the field, seen on unseen seeds, was never measured: issue 25 dropped it.)
    // The grade read twice, as a letter and a digit, and a stray digit before the dash (unseen seed 8888).
    expect(findRegistrations("2010-N1I1QMS-1387491")[0]!.value).toBe("2010-N1QMS-1387491");
    expect(findRegistrations("2010-N2QMS9-3468417")[0]!.value).toBe("2010-N2QMS-3468417");
    // Eight digits with no dash between field and serial stay unread: which digit is extra is unknown.
    expect(findRegistrations("2010-N2QMS93468417")).toEqual([]);
    expect(findRegistrations("2O21 - N1 QMS - 3207381")[0]!.value).toBe("2021-N1QMS-3207381");
    expect(findRegistrations("2021—N1QMS—3207381")[0]!.value).toBe("2021-N1QMS-3207381");
    expect(findRegistrations("２０２１-Ｎ１ＱＭＳ-３２０７３８１")[0]!.value).toBe("2021-N1QMS-3207381");
    expect(findRegistrations("2023-N1QMS- 2267598")[0]!.value).toBe("2023-N1QMS-2267598");
    // O of OHSMS read as a zero after the grade digit; a zero after the field stays out of it.
    expect(findRegistrations("2010-N20HSMS-6739130")[0]!.value).toBe("2010-N2OHSMS-6739130");
    expect(findRegistrations("2016-N2QMS05036306")).toHaveLength(0);
  });
  it("reads numbers a narrow table cell wrapped inside the year or the serial", () => {
    expect(joinRegistrations("2014-N1QMS-2 043512;20 16-N1EMS-204 3512")).toBe(
      "2014-N1QMS-2043512; 2016-N1EMS-2043512",
    );
    expect(findRegistrations("杨帆2017-N1QMS-129086618.05.00")[0]!.value).toBe("2017-N1QMS-1290866");
    expect(findRegistrations("2017-N1QMS-12908661")).toHaveLength(0);
    expect(findRegistrations("(CCAA2015:NI1QMS-1088712)")[0]!.value).toBe("2015-N1QMS-1088712");
    // The register spells EnMS in mixed case; OCR may read it in capitals.
    expect(findRegistrations("2016-N1EnMS-1112233")[0]!.value).toBe("2016-N1EnMS-1112233");
    expect(findRegistrations("2016-N1ENMS-1112233")[0]!.value).toBe("2016-N1EnMS-1112233");
    // A row number before the year is no digit of it.
    expect(findRegistrations("2 2021-N1QMS-3207381")[0]!.value).toBe("2021-N1QMS-3207381");
  });
  it("joins several numbers of one person", () => {
    expect(joinRegistrations("2020-N1EMS-7654321; 2021-N1QMS-7654322")).toBe(
      "2020-N1EMS-7654321; 2021-N1QMS-7654322",
    );
    expect(joinRegistrations("2020-N1EMS-7654321 2020-N1EMS-7654321")).toBe("2020-N1EMS-7654321");
  });
  it("rejects what is not a registration number", () => {
    expect(findRegistrations("20647-2023-Q")).toHaveLength(0);
    expect(findRegistrations("010-58246011")).toHaveLength(0);
  });
});

describe("technical codes", () => {
  it("reads codes, several per cell, with OCR O for 0", () => {
    expect(findTechnicalCodes("33.03.01")).toEqual(["33.03.01"]);
    expect(findTechnicalCodes("18.05.00；18.06.00")).toEqual(["18.05.00", "18.06.00"]);
    expect(findTechnicalCodes("33.O3.01")).toEqual(["33.03.01"]);
    expect(findTechnicalCodes("28.02")).toEqual(["28.02"]);
  });
  it("does not read dates or registration numbers as codes", () => {
    expect(findTechnicalCodes("2023.11.08")).toEqual([]);
    expect(findTechnicalCodes("2021-N1QMS-3207381")).toEqual([]);
  });
});
