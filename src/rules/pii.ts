import type { Evidence } from "../domain/flag.ts";
import { ACCOUNT_LABELS, ID_LABELS } from "../lexicon/narrative.ts";
import {
  finding,
  innermostFirst,
  type RuleDef,
  sectionEvidence,
  sectionMatches,
  unchecked,
} from "./context.ts";

/** PII-ID-NUMBER: personal data a report must not carry in clear (PIPL; the report goes to the committee and
 * to CNCA). Masks the value in flags too, so flags.csv does not spread what it reports. */

type Kind = "身份证号" | "部分遮挡但暴露出生日期的身份证号" | "手机号" | "银行账号";

const BIRTH = "(?:19|20)\\d{2}(?:0[1-9]|1[0-2])";
/** Unmasked 18-digit resident ID: region(6) + birth date(8) + sequence(3) + check digit. */
const ID_FULL = new RegExp(
  `(?<![\\dA-Za-z])\\d{6}${BIRTH}(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx](?![\\dA-Za-z])`,
  "g",
);
/** Masked ID that still shows region + birth year and month: 6224251983031****. */
const ID_PARTIAL = new RegExp(`(?<![\\dA-Za-z])\\d{6}${BIRTH}\\d{0,4}[*＊xX]{2,}`, "g");
/** After an ID label, a truncated number (mask lost in OCR: "证件号码6224251983031") still shows the birth date. */
const ID_LABELLED = new RegExp(
  `(?:${ID_LABELS.join("|")})[:：]?\\s*(\\d{6}${BIRTH}\\d{0,5})(?![\\d*＊])`,
  "g",
);
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
/** Bank cards: UnionPay numbers start with 62; other 16–19 digit runs only next to 账号/卡号. */
const UNIONPAY = /(?<!\d)62\d{14,17}(?!\d)/g;
const ACCOUNT = new RegExp(`(${ACCOUNT_LABELS.join("|")})[:：]?\\s*(\\d{12,19})(?!\\d)`, "g");

export function mask(value: string): string {
  if (value.length <= 8) return `${value.slice(0, 2)}****`;
  return `${value.slice(0, 4)}${"*".repeat(value.length - 8)}${value.slice(-4).replace(/\d/g, "*")}`;
}

/** OCR splits long numbers with spaces ("6224 2519 …"); join digit runs before matching. */
function joinDigits(text: string): string {
  return text.normalize("NFKC").replace(/(?<=\d) (?=\d)/g, "");
}

export function findPii(text: string): { kind: Kind; value: string; index: number }[] {
  const t = joinDigits(text);
  const hits: { kind: Kind; value: string; index: number }[] = [];
  const taken: [number, number][] = [];
  const add = (kind: Kind, value: string, index: number) => {
    if (taken.some(([a, b]) => index < b && index + value.length > a)) return;
    taken.push([index, index + value.length]);
    hits.push({ kind, value, index });
  };
  for (const m of t.matchAll(ID_FULL)) add("身份证号", m[0], m.index);
  for (const m of t.matchAll(ID_PARTIAL)) add("部分遮挡但暴露出生日期的身份证号", m[0], m.index);
  for (const m of t.matchAll(ID_LABELLED)) {
    add("部分遮挡但暴露出生日期的身份证号", m[1]!, m.index + m[0].indexOf(m[1]!));
  }
  for (const m of t.matchAll(UNIONPAY)) add("银行账号", m[0], m.index);
  for (const m of t.matchAll(ACCOUNT)) add("银行账号", m[2]!, m.index + m[0].indexOf(m[2]!));
  for (const m of t.matchAll(MOBILE)) add("手机号", m[0], m.index);
  return hits;
}

const piiIdNumber: RuleDef["check"] = (ctx) => {
  if (ctx.report.sections.length === 0) return [unchecked(ctx, "个人信息", ["章节正文"])];
  const evidence: Evidence[] = [];
  const kinds = new Set<Kind>();
  const seen = new Set<string>();
  for (const section of innermostFirst(ctx.report.sections)) {
    // The body's own template pages (说明, 承诺) carry its contact numbers, not a client's personal data.
    if (sectionMatches(section, ctx.config.xdoc.boilerplateSections)) continue;
    for (const hit of findPii(section.text)) {
      if (seen.has(hit.value)) continue;
      seen.add(hit.value);
      kinds.add(hit.kind);
      evidence.push(sectionEvidence(section, `${section.id} ${hit.kind}：${mask(hit.value)}`, hit.value));
    }
  }
  if (evidence.length === 0) return [];
  return [
    finding(
      ctx,
      `正文含未遮挡或遮挡不足的个人信息：${[...kinds].join("、")}（${evidence.length} 处）`,
      evidence,
    ),
  ];
};

export const piiRules: RuleDef[] = [
  {
    id: "PII-ID-NUMBER",
    family: "PII",
    severity: "low",
    description: "正文含未遮挡或遮挡不足（暴露出生日期）的身份证号、手机号、银行账号",
    inputs: { sections: ["all"] },
    check: piiIdNumber,
  },
];
