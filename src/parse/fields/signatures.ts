import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import type { TeamRole } from "../../domain/record.ts";
import { AUDITEE_SIGNING_WORDS, SIGNING_ROLE_LABELS, SIGNING_WORDS } from "../../lexicon/tables.ts";
import { confusions } from "../../noise/confusions.ts";
import { decodePersonName } from "../../noise/lexicons/names.ts";
import { fieldAt } from "../provenance.ts";
import { matchForm } from "../text/chars.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation, anyWord } from "../text/pattern.ts";
import { looksLikeName, signingRoles } from "./team-words.ts";

// A speck OCR reads as a quote mark or dot between a label's bracket and its colon (审核组长(签字)“: 彭心敏).
const SPECK = `\\s*[“”"'‘’·.,]?`;
// Places where team members sign: 审核组长（签字）, 承诺人 审核组长：, 组员：, 审核组:张心、冉景洲, 签名.
const SIGNING_ROLES = alternation(SIGNING_ROLE_LABELS);
const SIGN = `(?:${alternation(SIGNING_WORDS.sign)})`;
const PLEDGE = alternation(SIGNING_WORDS.pledge);
// A role with a short bracketed remark before its colon is a signing place even where OCR garbled the remark
// (审核组长《等字):钟兰 for 审核组长（签字）：钟兰).
const OPEN = confusions().bracketClass("（");
const CLOSE = confusions().bracketClass("）");
const ROLE_REMARK = `^(?:${SIGNING_ROLES})\\s*[${OPEN}][^${CLOSE}:：]{1,3}[${CLOSE}]${SPECK}\\s*[:：]`;
const SIGN_CONTEXT = new RegExp(
  `${SIGN}[)）]?${SPECK}[:：]|${PLEDGE}|^(?:${SIGNING_ROLES})[:：]|${ROLE_REMARK}`,
);
/** A line listing the team by roles (审核组长：赵刚 审核员：钱芳 / 组长：周敏；组员：吴昊) without a word of signing. */
const ROLE_COLON = new RegExp(`(?:${SIGNING_ROLES})[:：]`, "g");
const SIGN_WORD = anyWord([...SIGNING_WORDS.sign, ...SIGNING_WORDS.pledge]);
const PLEDGE_WORD = anyWord(SIGNING_WORDS.pledge);
const NEXT_LABEL_AT_END = new RegExp(`(?:${alternation(SIGNING_WORDS.nextLabels)})\\s*$`);
/** The signing label in a line as printed (spaces kept), whose colon the name follows. */
const SIGNING_LABEL = new RegExp(
  `${SIGN}[)）]?${SPECK}\\s*[:：]|^\\s*(?:${SIGNING_ROLES})\\s*[:：]|${ROLE_REMARK.replace("^", "^\\s*")}`,
);

const AUDITEE_LABEL = anyWord(AUDITEE_SIGNING_WORDS);

/** What the report's signature places hold: the names written there, and the roles the places are printed for. */
export interface SignatureBlock {
  names: Field<string[]>;
  /** Roles of the team the located signing places have slots for, from their printed labels (审核组长（签字）：
   * is the leader's slot only). null when no slot label was read, or one names no role (签字：): then who should
   * have signed is unknown. */
  slots: Field<TeamRole[]>;
}

/** Names written at signature places (distinct, in order of first appearance). */
export function readSignatures(lines: readonly DocLine[]): Field<string[]> {
  return readSignatureBlock(lines).names;
}

/** A signing place's printed label (line and span) and the roles it names: null for none (签字：). */
interface Slot {
  line: DocLine;
  from: number;
  to: number;
  roles: TeamRole[] | null;
}

/** The slot labels of a signing line: the text before each of its colons back to the previous colon or cell
 * break, where it names a role or a word of signing (日期：, 受审核方代表： are no team's slot). */
function slotLabels(line: DocLine): Omit<Slot, "line">[] {
  const out: Omit<Slot, "line">[] = [];
  let from = 0;
  for (let i = 0; i < line.text.length; i++) {
    const ch = line.text[i];
    if (ch === "\t") from = i + 1;
    if (ch !== ":" && ch !== "：") continue;
    const label = line.text.slice(from, i);
    const start = from;
    from = i + 1;
    if (AUDITEE_LABEL.test(label)) continue;
    const roles = signingRoles(label);
    if (roles === null && !SIGN_WORD.test(matchForm(label))) continue;
    const lead = label.length - label.trimStart().length;
    out.push({ from: start + lead, to: i, roles });
  }
  return out;
}

/** The slots' roles as a field: where the first label is printed, every label's text as raw, as sure as the
 * least sure line. A label naming no role makes the whole unknown (value null). */
function slotField(slots: readonly Slot[]): Field<TeamRole[]> {
  const first = slots[0];
  if (first === undefined) return missingField();
  const raw = slots.map((s) => s.line.text.slice(s.from, s.to).trim()).join("、");
  const least = slots.reduce((a, s) => (s.line.confidence < a.line.confidence ? s : a), first);
  const { confidence } = fieldAt(least.line, least.from, least.to, null, 0.9);
  const field = fieldAt(first.line, first.from, first.to, [] as TeamRole[], 0.9);
  if (slots.some((s) => s.roles === null)) return { ...field, value: null, raw, confidence: 0 };
  const roles = [...new Set(slots.flatMap((s) => s.roles ?? []))];
  return { ...field, value: roles, raw, confidence };
}

/** A signing table's row, printed without colons: a role's label alone in the first cell, the names signed in the
 * next, the date signed in the one after (审核组长 | 潘宁婷 | 2025年06月21日; 审核组成员Members | 黄伟志、宋娜雪 |
 * 二〇二五年…). A team table's row (a name, then the role, grade and number) never starts with the role, and a cover's
 * row (审核组长 | 张三) carries no date. The label's span and roles, and the names with their offsets, or null. */
function signingRow(
  line: DocLine,
): { from: number; to: number; roles: TeamRole[]; names: [string, number][] } | null {
  const cells = line.text.split("\t");
  const [label, signed, dated] = cells;
  if (cells.length < 3 || label === undefined || signed === undefined || dated === undefined) return null;
  if (/[:：]/.test(line.text)) return null;
  const bare = label.replace(/[A-Za-z .]+$/, "").trim();
  if (!SIGNING_ROLE_LABELS.some((w) => bare.startsWith(w)) || bare.length > 6) return null;
  const roles = signingRoles(bare);
  if (roles === null || !/年|\d{4}\s*[-./]/.test(dated)) return null;
  const at = label.length + 1;
  const names = signed
    .split(/[、，,；;\s]+/)
    .filter((t) => t !== "")
    .map((t): [string, number] => [t, at + signed.indexOf(t)]);
  if (names.length === 0 || !names.every(([t]) => looksLikeName(t))) return null;
  const lead = label.length - label.trimStart().length;
  return { from: lead, to: lead + bare.length, roles, names };
}

/** Names written at signature places, and the roles the places are printed for. */
export function readSignatureBlock(lines: readonly DocLine[]): SignatureBlock {
  const slots: Slot[] = [];
  const names: string[] = [];
  let first: Field<string[]> | null = null;
  // Writing at a signing place that reads as no name (a seal over it, a scribble): the names found are then not
  // all the signatures there are, so the field is marked doubtful and TEAM-SIGNATURE cannot conclude.
  let unreadable: Field<string[]> | null = null;
  let prevWasPledge = false;
  for (const line of lines) {
    const row = signingRow(line);
    if (row) {
      slots.push({ line, from: row.from, to: row.to, roles: row.roles });
      for (const [read, at] of row.names) {
        const name = decodePersonName(
          [...read].map((ch, k) => ({ ch, conf: line.charConfidences[at + k] ?? line.confidence })),
        );
        if (names.includes(name)) continue;
        names.push(name);
        first ??= fieldAt(line, at, at + read.length, [] as string[], 0.9);
      }
      prevWasPledge = false;
      continue;
    }
    const form = matchForm(line.text);
    const listing = !SIGN_WORD.test(form) && (form.match(ROLE_COLON)?.length ?? 0) >= 2;
    const inContext =
      !listing && (SIGN_CONTEXT.test(form) || (prevWasPledge && /^[\u4e00-\u9fa5]{1,6}[:：]/.test(form)));
    prevWasPledge = PLEDGE_WORD.test(form);
    if (!inContext) continue;
    const colon = Math.max(line.text.lastIndexOf(":"), line.text.lastIndexOf("："));
    if (colon < 0) continue;
    for (const label of slotLabels(line)) slots.push({ line, ...label });
    // What follows the auditee's own label (受审核方代表：李明) is no team member's signature.
    const auditee = AUDITEE_LABEL.test(line.text.slice(Math.max(0, colon - 8), colon));
    const segments: [number, number][] = auditee ? [] : [[colon + 1, line.text.length]];
    // The name written at the signing label itself, where a later label follows on the line
    // (审核组长签字：孙丽华　日期：2024年6月13日).
    const signing = SIGNING_LABEL.exec(line.text);
    if (signing) {
      const start = signing.index + signing[0].length;
      const next = line.text.slice(start).search(/[:：]/);
      if (next >= 0) segments.unshift([start, start + next]);
    }
    /** The name's place, if it is a new name. */
    const add = (
      on: DocLine,
      read: string,
      at: number,
      length: number,
      atLabel = true,
    ): Field<string[]> | null => {
      if (!looksLikeName(read)) {
        if (atLabel && read.trim() !== "") unreadable ??= fieldAt(on, at, at + length, [] as string[], 0.9);
        return null;
      }
      const name = decodePersonName(
        [...read].map((ch, k) => ({ ch, conf: on.charConfidences[at + k] ?? on.confidence })),
      );
      if (names.includes(name)) return null;
      names.push(name);
      return fieldAt(on, at, at + length, [] as string[], 0.9);
    };
    // A name signed under its label, alone on the line below (审核组长签字： / 王晓明).
    const below = lines[line.index + 1];
    if (
      signing &&
      line.text.slice(signing.index + signing[0].length).trim() === "" &&
      below?.page === line.page
    ) {
      const name = below.text.trim();
      // The next line may be anything else: only a name there counts, nothing else makes the place doubtful.
      const place = add(below, name, below.text.indexOf(name), name.length, false);
      first ??= place;
    }
    for (const [from, to] of segments) {
      const rest = line.text
        .slice(from, to)
        .replace(NEXT_LABEL_AT_END, "")
        // The next label's English gloss runs into a Chinese name (王晓明Date 日期：…).
        .replace(/(?<=[\u4e00-\u9fa5])[A-Za-z][A-Za-z .]*$/, "")
        // So does the date signed beside the name (罗文斌2024年5月14日).
        .replace(/\s*(?:\d{4}|[二〇○零一三四五六七八九]{4})\s*(?:年|[-./]\d).*$/, "");
      for (const token of rest.split(/[、，,；;\s\t]+/)) {
        const place = add(
          line,
          token.replace(/[()（）“”"‘’]/g, ""),
          line.text.indexOf(token, from),
          token.length,
        );
        first ??= place;
      }
    }
  }
  const doubt = unreadable === null ? 1 : 0.4;
  const place: Field<string[]> | null = first ?? unreadable;
  const slotRoles = slotField(slots);
  if (!place) return { names: missingField(), slots: slotRoles };
  return {
    names: { ...place, value: names, raw: names.join("、"), confidence: place.confidence * doubt },
    slots: slotRoles,
  };
}
