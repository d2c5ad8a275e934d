import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import type { AuditType } from "../../domain/record.ts";
import { AUDIT_TYPE_WORDS } from "../../lexicon/audit-types.ts";
import { BODIES_WITHOUT_NAME_WORDS, BODY_NAME_WORDS } from "../../lexicon/bodies.ts";
import {
  IMPRINT_WORDS,
  NOT_IN_NAME_WORDS,
  ORGANIZATION_NAME_ENDINGS,
  REPEATED_BODY_NAME,
  SHORT_NAME_WORDS,
} from "../../lexicon/organization.ts";
import { NONCONFORMITY_WORDS } from "../../lexicon/tables.ts";
import { confusions } from "../../noise/confusions.ts";
import {
  catalogueNumbers,
  repairStandardEditions,
  repairStandardPrefixes,
} from "../../noise/lexicons/standards.ts";
import { isBoxGlyph } from "../checkbox/vocab.ts";
import { isReportTitle } from "../classify.ts";
import { toHalfWidth } from "../normalize/numbers.ts";
import { fieldAt } from "../provenance.ts";
import { VALUE_LEAD_CLASS } from "../text/cell-edge.ts";
import { matchForm } from "../text/chars.ts";
import { chineseParens, findLabels, type LabelHit, valueAfter } from "../text/labels.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation, anyWord, looseAlternation } from "../text/pattern.ts";
import { fieldInWindow, windowFrom } from "../text/window.ts";

/** A report number after its label and what may stand between them. */
const REPORT_NUMBER_AFTER_LABEL = new RegExp(
  `^[${VALUE_LEAD_CLASS}]*([A-Za-z0-9][A-Za-z0-9\\-_/.()]{2,40})`,
  "u",
);
const ORG_SUFFIX = new RegExp(`(?:${looseAlternation(ORGANIZATION_NAME_ENDINGS)})$`, "i");
const NC_WORD = anyWord(NONCONFORMITY_WORDS);
const NOT_IN_NAME = anyWord(NOT_IN_NAME_WORDS);
const IMPRINT = new RegExp(`^\\s*(.{4,40}?)\\s*(?:${alternation(IMPRINT_WORDS)})\\s*$`);
const REPEATED_NAME_END = new RegExp(alternation(REPEATED_BODY_NAME.endings), "g");

function best<T>(cands: { field: Field<T>; score: number; order: number }[]): Field<T> {
  const sorted = [...cands].sort((a, b) => b.score - a.score || a.order - b.order);
  return sorted[0]?.field ?? missingField();
}

/** 报告编号/项目编号/Report No.: the first code-like token after the label. */
export function readReportNumber(lines: readonly DocLine[]): Field<string> {
  const cands = findLabels(lines, "reportNumber").flatMap((hit) => {
    // 不符合项编号 (an NC's own number) reads close to 项目编号.
    if (NC_WORD.test(hit.line.text.slice(Math.max(0, hit.start - 3), hit.end))) return [];
    const v = valueAfter(hit, lines);
    if (!v) return [];
    // A stroke of the table's rule or a speck may stand between label and number (ReportNo 。|DFBZ-2025-0150,
    // ReportNo， “|HXZR-2023-0143).
    const m = toHalfWidth(v.line.text.slice(v.start)).match(REPORT_NUMBER_AFTER_LABEL);
    if (!m) return [];
    const value = m[1]!.replace(/[.]$/, "");
    const at = v.start + m[0].length - m[1]!.length;
    const digits = /\d/.test(value) ? 1 : 0.5;
    return [
      {
        field: fieldAt(v.line, at, at + value.length, value, hit.quality * digits),
        score: hit.quality * digits,
        order: hit.line.index,
      },
    ];
  });
  return best(cands);
}

const OPEN = confusions().bracketClass("（");
const CLOSE = confusions().bracketClass("）");
// Brackets as OCR reads them (the noise model's readings of a bracket as another).
const SHORT_NAME = new RegExp(
  `[${OPEN}]\\s*(?:${alternation(SHORT_NAME_WORDS)})[^${CLOSE}]*(?:[${CLOSE}]|$)`,
  "g",
);
const CLOSED_TWICE = new RegExp(`(?<=）)[${CLOSE}]`, "g");

function cleanName(s: string): string {
  return chineseParens(
    s
      // The short name a report goes on to use is no part of the name: （以下简称“新锐包装”）.
      .replace(SHORT_NAME, "")
      .replace(/[（(][^）)]*$/, "")
      .replace(/^[\s:：(（"“]+|[\s。，,；;:："”)）]+$/g, "")
      .trim(),
  );
}

/** 组织名称/受审核方(名称)/受审核组织: a value that reads like an organisation's name. */
export function readOrganization(lines: readonly DocLine[]): Field<string> {
  const cands = findLabels(lines, "organization").flatMap((hit: LabelHit) => {
    const v = valueAfter(hit, lines, hit.quality >= 0.99);
    if (!v) return [];
    const name = cleanName(v.text.split(/[。，,；;]/)[0] ?? "");
    if (name.length < 2 || name.length > 60 || NOT_IN_NAME.test(name)) return [];
    const named = ORG_SUFFIX.test(name) ? 1 : 0.6;
    const labelled =
      hit.quality >= 0.85 * 0.99 && /[:：\t]/.test(hit.line.text.slice(hit.end, hit.end + 2)) ? 1 : 0.7;
    if (named < 1 && labelled < 1) return [];
    const start = v.line.text.indexOf(name.slice(0, 2), v.start);
    const at = start >= 0 ? start : v.start;
    const q = hit.quality * named * labelled;
    return [{ field: fieldAt(v.line, at, at + name.length, name, q), score: q, order: hit.line.index }];
  });
  return best(cands);
}

/** The body that wrote the report: a 认证机构 label, an "X 编制" imprint, else the name the report repeats. */
export function readCertificationBody(lines: readonly DocLine[]): Field<string> {
  for (const hit of findLabels(lines, "certificationBody")) {
    const v = valueAfter(hit, lines);
    const name = v ? cleanName(v.text.split(/[。，,；;\s]/)[0] ?? "") : "";
    if (v && ORG_SUFFIX.test(name)) {
      const at = Math.max(v.start, v.line.text.indexOf(name));
      return fieldAt(v.line, at, at + name.length, name, hit.quality);
    }
  }
  for (const line of lines) {
    const m = line.text.match(IMPRINT);
    if (m && ORG_SUFFIX.test(m[1]!.trim())) {
      const name = chineseParens(m[1]!.trim());
      const at = line.text.indexOf(name);
      return fieldAt(line, at, at + name.length, name, 0.9);
    }
  }
  return letterheadName(lines) ?? repeatedBodyName(lines);
}

/** A certification body's name standing alone at the head of the first page (its letterhead), maybe with its
 * English name after it (必维认证（北京）有限公司 Bureau Veritas Certification (Beijing) Co., Ltd.). */
function letterheadName(lines: readonly DocLine[]): Field<string> | null {
  const first = lines[0]?.page;
  for (const line of lines.filter((l) => l.page === first).slice(0, 6)) {
    // Brackets as OCR reads them (〈深圳)) are made Chinese first, and a closing bracket read twice (〈深圳)》) once;
    // both keep every character's place.
    const text = chineseParens(line.text).replace(CLOSED_TWICE, " ");
    const printed = text.match(/^\s*([\u4e00-\u9fa5()（）\s]{4,40}?)\s*(?:[A-Za-z][\x20-\x7e]*)?$/)?.[1];
    const name = printed?.replace(/\s/g, "") ?? "";
    if (/^[\u4e00-\u9fa5()（）]{4,30}$/.test(name) && isBodyName(name) && ORG_SUFFIX.test(name)) {
      const at = text.indexOf(printed!);
      return fieldAt(line, at, at + printed!.length, name, 0.75);
    }
  }
  return null;
}

function isBodyName(name: string): boolean {
  return BODY_NAME_WORDS.some((w) => name.includes(w)) || BODIES_WITHOUT_NAME_WORDS.includes(name);
}

/** The longest company name containing 认证 that the report repeats most: its own name in its boilerplate. */
function repeatedBodyName(lines: readonly DocLine[]): Field<string> {
  const counts = new Map<string, { n: number; line: DocLine; at: number }>();
  for (const line of lines) {
    for (const m of line.text.matchAll(REPEATED_NAME_END)) {
      const end = m.index + m[0].length;
      for (let len = m[0].length + 4; len <= 24 && end - len >= 0; len++) {
        const cand = line.text.slice(end - len, end);
        if (!/^[\u4e00-\u9fa5()（）]+$/.test(cand) || !cand.includes(REPEATED_BODY_NAME.holds)) continue;
        const c = counts.get(cand);
        counts.set(cand, c ? { ...c, n: c.n + 1 } : { n: 1, line, at: end - len });
      }
    }
  }
  const top = Math.max(0, ...[...counts.values()].map((c) => c.n));
  if (top < 3) return missingField();
  const bestName = [...counts.entries()]
    .filter(([, c]) => c.n === top)
    .sort((a, b) => b[0].length - a[0].length)[0];
  if (!bestName) return missingField();
  const [name, c] = bestName;
  return fieldAt(c.line, c.at, c.at + name.length, name, 0.6);
}

// A management-system standard: GB/T 19001-2016, ISO 9001:2015, and combined forms joined by "/".
const STD = String.raw`(?:GB/T|GB[A-Z]/T|GBT|GB|ISO/IEC|ISO|IEC|IATF|RB/T|T/[A-Z]+)\s*\d{3,5}(?:\.\d+)?(?:\s*[-:：]\s*\d{4})?`;
const STD_COMPOUND = new RegExp(`${STD}(?:\\s*/\\s*${STD})*`, "g");
/** A catalogued management-system standard's number, or HACCP (a system some reports cite by name alone). */
const MS_NUMBERS = anyWord([...catalogueNumbers(), "HACCP"], "");

function standardsIn(text: string): { value: string; start: number; end: number }[] {
  // A misread issuer (IS0 9001, 150 9001, /lIS09001, ISO09001) decoded against the prefix lexicon; repairs keep the
  // length, so positions still point into the line.
  const repaired = repairStandardEditions(repairStandardPrefixes(toHalfWidth(text)));
  return [...repaired.matchAll(STD_COMPOUND)].map((m) => ({
    // (GBT and GBA/T are GB/T with its slash lost or misread.)
    value: m[0]
      .replace(/\s+/g, "")
      .replace(/：/g, ":")
      .replace(/^GB[A-Z]?\/?T/, "GB/T"),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The management-system standards a text names, in order, once each (a table cell of the criteria label). */
export function managementStandardsIn(text: string): string[] {
  return [
    ...new Set(
      standardsIn(text)
        .filter((s) => MS_NUMBERS.test(s.value))
        .map((s) => s.value),
    ),
  ];
}

/** A line that ends inside or right after a standard (a digit, ISO, GB/T or a separator), and one that carries such a
 * list on: it opens with the rest of a standard or the next one (14001:2015；GB/T 45001…), never with words. */
const STD_AT_END = /(?:\d|ISO|IEC|\/T|GBT|GB|[/;；、,，])\s*$/;
const STD_GOES_ON = /^\s*(?:\d|[/;；、,，]|ISO|IEC|GB|IATF|RB\/T|T\/)/;

/** The audit criteria: standards after a 管理体系标准/审核准则 label, else management-system standards anywhere. Of
 * several labels the one followed by the longest list: a label heading a table column (审核依据 over one standard
 * per system row) shows the first only, a 审核准则 line further on all of them. */
export function readStandards(lines: readonly DocLine[]): Field<string[]> {
  let best: Field<string[]> | null = null;
  for (const hit of findLabels(lines, "standards")) {
    const read = standardsAfter(hit, lines);
    if (read && (read.value?.length ?? 0) > (best?.value?.length ?? 0)) best = read;
  }
  return best ?? standardsAnywhere(lines);
}

function standardsAfter(hit: LabelHit, lines: readonly DocLine[]): Field<string[]> | null {
  for (const line of [hit.line, lines[hit.line.index + 1]]) {
    if (!line) continue;
    const from = line === hit.line ? hit.end : 0;
    // A list that runs to the line's end may go on below (…；GB/T 24001-2016/ISO / 14001:2015；GB/T 45001…).
    let more = 0;
    for (let cur = line; more < 3; more++) {
      const next = lines[cur.index + 1];
      if (next?.page !== cur.page || !STD_AT_END.test(cur.text) || !STD_GOES_ON.test(next.text)) break;
      cur = next;
    }
    const win = windowFrom(lines, line, from, more);
    const found = standardsIn(win.text).filter((s) => MS_NUMBERS.test(s.value));
    if (found.length === 0) continue;
    const values = [...new Set(found.map((f) => f.value))];
    return fieldInWindow(win, found[0]!.start, found[found.length - 1]!.end, values, hit.quality);
  }
  return null;
}

function standardsAnywhere(lines: readonly DocLine[]): Field<string[]> {
  for (const line of lines) {
    const found = standardsIn(line.text).filter((s) => MS_NUMBERS.test(s.value) && s.value.includes("/I"));
    if (found.length > 0)
      return fieldAt(
        line,
        found[0]!.start,
        found[found.length - 1]!.end,
        [...new Set(found.map((f) => f.value))],
        0.6,
      );
  }
  return missingField();
}

const TYPE_WORDS: [RegExp, AuditType][] = AUDIT_TYPE_WORDS.map(({ type, words }) => [anyWord(words), type]);

function typesIn(text: string): AuditType[] {
  const types = new Set(TYPE_WORDS.filter(([re]) => re.test(text)).map(([, t]) => t));
  // 初次认证第二阶段审核 names one audit: the stage of the initial certification.
  if (types.has("initial") && (types.has("stage1") || types.has("stage2")) && types.size === 2)
    types.delete("initial");
  // 监督审核（含扩项）: a scope extension done within another audit; that audit is the type.
  if (types.has("special") && types.size === 2) types.delete("special");
  return [...types];
}

/** Audit type printed as words: a 审核类型 value naming one type, or the report title ((第二阶段)). Options
 * printed with tick boxes name several types, and ticks are not read from glyphs, so those give nothing. */
export function readAuditTypeText(lines: readonly DocLine[]): Field<AuditType> {
  for (const hit of findLabels(lines, "auditType")) {
    const v = valueAfter(hit, lines);
    // A value opening with a box (口再认证审核) is one option of a printed list: the boxes say which, not the words.
    const option = v !== null && isBoxGlyph(v.text.trim().charAt(0));
    const types = v && !option ? typesIn(v.text) : [];
    if (v && types.length === 1) return fieldAt(v.line, v.start, v.end, types[0]!, hit.quality * 0.9);
  }
  // The title as OCR reads it: 审核报告, 审核报后, 审核报司 ... a short line ending in 审核报 + one character.
  const titleIndex = lines.findIndex((l) => {
    const form = matchForm(l.text);
    return form.length <= 24 && isReportTitle(form);
  });
  if (titleIndex < 0) return missingField();
  for (const line of lines.slice(Math.max(0, titleIndex - 1), titleIndex + 3)) {
    const form = matchForm(line.text);
    if (form.length > 24) continue;
    const types = typesIn(form);
    if (types.length === 1) return fieldAt(line, 0, line.text.length, types[0]!, 0.8);
  }
  return missingField();
}
