import { describe, expect, it } from "vitest";
import { findPii, mask } from "../../src/rules/pii.ts";
import { edit, findings, flagsOf, sectionById } from "./builders.ts";

describe("PII-ID-NUMBER", () => {
  it("fires on an unmasked ID number, phone and bank account, masking them in the flag", () => {
    const r = edit((x) => {
      sectionById(x, "3.2").text =
        "客户身份证号 622425198303125517，手机 13812345678，收款账号：6222021234567890123。";
    });
    const [fl] = findings(r, "PII-ID-NUMBER");
    expect(fl?.severity).toBe("low");
    expect(fl?.message).toContain("身份证号");
    expect(fl?.message).toContain("手机号");
    expect(fl?.message).toContain("银行账号");
    expect(JSON.stringify(fl)).not.toContain("622425198303125517");
    expect(JSON.stringify(fl)).not.toContain("13812345678");
  });
  it("fires on a masked ID that still shows the birth date", () => {
    expect(findPii("证件类型:身份证证件号码 6224251983031****").map((h) => h.kind)).toEqual([
      "部分遮挡但暴露出生日期的身份证号",
    ]);
  });
  it("is quiet on properly masked data, dates and the body's landline", () => {
    const r = edit((x) => {
      sectionById(x, "3.2").text =
        "账户:1779**8* 姓名:师*强 证件号码 622425********5517，客户于 2023-09-16 12:15:21 授权。电话：010-8225 2376。";
    });
    expect(flagsOf(r, "PII-ID-NUMBER")).toEqual([]);
  });
  it("masks", () => {
    expect(mask("13812345678")).toBe("1381*******");
  });
});

describe("PII-ID-NUMBER, truncated", () => {
  it("fires on an ID number cut short after its birth date (mask lost in OCR)", () => {
    expect(findPii("证件类型:身份证证件号码6224251983031\n通过组织").map((h) => h.kind)).toEqual([
      "部分遮挡但暴露出生日期的身份证号",
    ]);
  });
});
