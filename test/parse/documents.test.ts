/** The words that classify a document and name an audit type are lexicon data (src/lexicon/documents.ts,
 * src/lexicon/audit-types.ts): each kind of wording the lexicon lists is read, and words it does not list are not. */
import { describe, expect, it } from "vitest";
import { AUDIT_TYPE_WORDS } from "../../src/lexicon/audit-types.ts";
import { classify } from "../../src/parse/classify.ts";
import { readAuditTypeText } from "../../src/parse/fields/header.ts";
import { buildLines } from "../../src/parse/text/lines.ts";
import { layoutPages } from "./helpers/layout.ts";

const linesOf = (text: string) => buildLines(layoutPages(text));

const REPORT_BODY = [
  "审核组成员：张伟（组长）",
  "审核范围：塑料制品的生产",
  "不符合项：2项",
  "审核结论：审核组推荐认证注册",
].join("\n");

describe("document kind from the lexicon's titles and cues", () => {
  it("takes a report whose title's last character OCR misread for an audit report", () => {
    const c = classify(linesOf(`质量管理体系审核报司\n${REPORT_BODY}`), false);
    expect(c.kind).toBe("audit_report");
    expect(c.evidence).toContain("title 审核报告");
  });
  it("knows an audit notice by its title and its upcoming-audit phrase with words between its parts", () => {
    const c = classify(
      linesOf("审核通知书\n请贵单位于十月中旬做好迎审准备\n审核范围：塑料制品的生产"),
      false,
    );
    expect(c.kind).toBe("not_audit_report");
    expect(c.evidence).toEqual(expect.arrayContaining(["audit notice/plan title", "upcoming-audit wording"]));
  });
  it("knows a letter by a title ending in 函, not by 函 inside a title", () => {
    expect(classify(linesOf("审核安排确认函\n此致\n敬礼"), false).evidence).toContain("letter");
    expect(classify(linesOf(`函数计算审核报告\n${REPORT_BODY}`), false).evidence).not.toContain("letter");
  });
});

describe("audit type in words", () => {
  it("reads each type the lexicon words, in Chinese and English", () => {
    for (const { type, words } of AUDIT_TYPE_WORDS) {
      for (const word of words.filter((w) => w.length > 2)) {
        const read = readAuditTypeText(linesOf(`审核类型：${word}\n审核范围：塑料制品的生产`));
        expect(read.value, word).toBe(type);
      }
    }
  });
  it("takes the stage of an initial certification and the audit a scope extension was done in", () => {
    expect(readAuditTypeText(linesOf("审核类型：初次认证第二阶段审核")).value).toBe("stage2");
    expect(readAuditTypeText(linesOf("审核类型：监督审核（含扩项）")).value).toBe("surveillance");
  });
  it("names no type for a value the lexicon does not know", () => {
    expect(readAuditTypeText(linesOf("审核类型：年度例行检查")).value).toBeNull();
  });
});
