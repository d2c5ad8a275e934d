import { distance } from "fastest-levenshtein";
import { matchForm } from "./chars.ts";
import type { DocLine } from "./lines.ts";

/** Synonyms per concept, in the report's vocabulary (several certification bodies, bilingual forms). */
export const LABELS = {
  reportNumber: [
    "报告编号",
    "项目编号",
    "报告编码",
    "审核报告编号",
    "项目代码",
    "合同编号",
    "Report No",
    "Project No",
  ],
  organization: [
    "受审核方名称",
    "受审核组织名称",
    "组织名称",
    "受审核方",
    "受审核组织",
    "被审核组织",
    "申请组织",
    "客户名称",
    "企业名称",
    "受审核单位",
    "被审核单位",
    "被审核方",
    "受审核企业",
    "认证委托人",
    "申请方",
    "申请单位",
    "Organization",
    "Auditee",
    "Client",
  ],
  certificationBody: ["认证机构名称", "认证机构", "Certification Body"],
  reportDate: ["报告日期", "报告编制日期", "编制日期", "报告签发日期", "Report Date"],
  auditDates: [
    "审核时间",
    "审核日期",
    "现场审核时间",
    "现场审核日期",
    "审核起止日期",
    "审核起止时间",
    "审核实施日期",
    "审核实施时间",
    "现场审核起止日期",
    "现场审核起止时间",
    "第二阶段审核日期",
    "二阶段审核日期",
    "Audit Date",
    "Audit Dates",
  ],
  coverage: ["审核覆盖时期", "审核覆盖期", "审核覆盖期间", "覆盖时期", "覆盖期间", "体系覆盖时期"],
  scope: ["审核范围", "认证范围", "申请认证范围", "认证范围的表述", "Audit Scope", "Scope"],
  founded: ["组织成立时间", "成立时间", "成立日期", "组织成立日期", "注册成立日期"],
  implemented: [
    "体系实施时间",
    "体系运行时间",
    "体系实施日期",
    "体系建立时间",
    "管理体系实施时间",
    "体系运行日期",
  ],
  rectification: [
    "不符合项整改时限",
    "整改时限",
    "整改期限",
    "整改完成时间",
    "纠正措施完成期限",
    "整改截止日期",
    "纠正措施期限",
    "纠正措施完成时间",
    "纠正措施应于",
    "纠正措施应在",
    "整改应于",
    "整改应在",
  ],
  nextAudit: [
    "下次现场审核日期",
    "下次审核日期",
    "下次监督审核日期",
    "下次审核时间",
    "下次监督审核时间",
    "下次监督审核",
    "下次现场审核",
    "下一次审核",
    "下次审核",
  ],
  standards: [
    "管理体系标准",
    "审核准则",
    "审核依据",
    "认证依据",
    "认证标准",
    "依据标准",
    "审核标准",
    "Audit Criteria",
    "Audit Standards",
    "Standards",
    "Standard",
  ],
  sites: [
    "注册地址",
    "办公地址",
    "经营地址",
    "生产地址",
    "生产经营地址",
    "审核地址",
    "现场地址",
    "多场所地址",
    "临时场所",
    "受审核组织地址",
    "受审核方地址",
    "经营场所",
    "生产场所",
    "办公场所",
    "受审核场所",
    "审核场所",
    "场所地址",
  ],
  headcount: ["员工总人数", "员工人数", "总人数", "人数", "有效人数", "人员数量"],
  auditType: ["审核类型", "审核类别", "审核性质", "Audit Type"],
} as const;

export type LabelKey = keyof typeof LABELS;

const ALL_FORMS: string[] = [...new Set(Object.values(LABELS).flatMap((l) => l.map(matchForm)))].sort(
  (a, b) => b.length - a.length,
);

export interface LabelHit {
  line: DocLine;
  /** Label span in line.text. */
  start: number;
  end: number;
  /** 1 for an exact match, lower per edit and without a following colon. */
  quality: number;
  label: string;
}

interface FormIndex {
  form: string;
  /** form position -> text position */
  toText: number[];
}

const formCache = new WeakMap<DocLine, FormIndex>();

export function formIndex(line: DocLine): FormIndex {
  const cached = formCache.get(line);
  if (cached) return cached;
  let form = "";
  const toText: number[] = [];
  [...line.text].forEach((ch, i) => {
    const f = matchForm(ch);
    if (f.length === 0) return;
    form += f;
    toText.push(i);
  });
  const made = { form, toText };
  formCache.set(line, made);
  return made;
}

function allowedEdits(len: number): number {
  if (len <= 3) return 0;
  if (len <= 6) return 1;
  return 2;
}

/** Best approximate occurrence of `label` in `form`: exact first, then windows of length ±1. Windows are only
 * tried where a character pair of the label occurs: within the allowed edits at least one pair survives. */
function approxFind(form: string, label: string): { at: number; len: number; edits: number } | null {
  const exact = form.indexOf(label);
  if (exact >= 0) return { at: exact, len: label.length, edits: 0 };
  const max = allowedEdits(label.length);
  if (max === 0) return null;
  const starts = new Set<number>();
  for (let k = 0; k + 1 < label.length; k++) {
    const pair = label.slice(k, k + 2);
    for (let p = form.indexOf(pair); p >= 0; p = form.indexOf(pair, p + 1)) {
      for (let d = -max; d <= max; d++) if (p - k + d >= 0) starts.add(p - k + d);
    }
  }
  let best: { at: number; len: number; edits: number } | null = null;
  // Same length first: a shorter window ("审核范" for "审核范囤") would cut the label short.
  for (const len of [label.length, label.length - 1, label.length + 1]) {
    for (const at of starts) {
      if (at + len > form.length) continue;
      const d = distance(form.slice(at, at + len), label);
      if (d <= max && (!best || d < best.edits || (d === best.edits && at < best.at && len === best.len)))
        best = { at, len, edits: d };
    }
  }
  return best;
}

/** A bilingual label's gloss between the label and its colon (审核日期（Audit Date）：): part of the label. */
const GLOSS = /^\s*[（(][^）)\d]{0,40}[）)](?=\s*[:：])/;

/** Every line holding one of the synonyms, fuzzily. Longer synonyms win where several match at one place. A gloss
 * in brackets before the colon belongs to the label, so every reader finds the value right after `end`. */
export function findLabels(lines: readonly DocLine[], synonyms: readonly string[]): LabelHit[] {
  const forms = [...new Set(synonyms.map(matchForm))].sort((a, b) => b.length - a.length);
  const hits: LabelHit[] = [];
  for (const line of lines) {
    const { form, toText } = formIndex(line);
    let best: LabelHit | null = null;
    for (const label of forms) {
      const found = approxFind(form, label);
      if (!found) continue;
      const start = toText[found.at]!;
      const endForm = found.at + found.len;
      const labelEnd = (toText[endForm - 1] ?? start) + 1;
      const end = labelEnd + (GLOSS.exec(line.text.slice(labelEnd))?.[0].length ?? 0);
      const next = form[endForm];
      const colon = next === ":" || next === "(" || line.text[labelEnd] === "\t";
      const quality = (1 - 0.12 * found.edits) * (colon ? 1 : 0.85);
      if (!best || quality > best.quality + 1e-9) best = { line, start, end, quality, label };
    }
    if (best) hits.push(best);
  }
  return hits;
}

export interface ValueSpan {
  line: DocLine;
  start: number;
  end: number;
  text: string;
}

/** An English label's Chinese half, up to its colon (Address 地址；…). */
const CHINESE_TWIN = /^\s*[\u4e00-\u9fa5]{2,8}(?=\s*[:：;；\t])/;
// What stands between a label and its value: the colon (which OCR may read as .; or ,:), a remark in brackets, 为/是.
const LEAD = /^(?:\s|[:：\t]|[.．;；,，、]|[（(][^）)]{0,40}[）)]|为|是)+/;

/** Where another label starts later in the text (exact, followed by a colon or after a cell break). */
function cutAtNextLabel(line: DocLine, from: number): number {
  const { form, toText } = formIndex(line);
  for (let f = 0; f < form.length; f++) {
    const t = toText[f]!;
    if (t <= from) continue;
    for (const label of ALL_FORMS) {
      if (!form.startsWith(label, f)) continue;
      const afterColon = form[f + label.length] === ":";
      const afterTab = line.text.slice(from, t).includes("\t");
      if (afterColon || afterTab) return t;
    }
  }
  return line.text.length;
}

/** The value printed after a label: same line (cut before the next label), else the next line. */
// The English half of a bilingual label ("报告编号 Report No.:", "受审核方 Client 甲公司"): alphabetic words
// right after the Chinese label, up to a colon or to the value (which holds digits, or is Chinese).
const SECOND_LANGUAGE =
  /^[\s\t]*[A-Za-z][A-Za-z.'/&]*(?:[ \t]+[A-Za-z][A-Za-z.'/&]*){0,3}\.?[ \t]*(?:[:：]|(?=[\t ][^\s]*\d)|(?=[\t ]*\P{ASCII}))/u;

/** A line (or the start of one) that opens with a label of its own: a short run of words, then a colon (审核日期：,
 * 受审核部门：). Its value is that label's, never the value of a label that ended the line above. */
export function opensWithLabel(text: string): boolean {
  return /^\s*[^:：。，,；;\s][^:：。，,；;]{0,11}[:：]/.test(text);
}

export function valueAfter(hit: LabelHit, lines: readonly DocLine[], nextLine = true): ValueSpan | null {
  const rest = hit.line.text.slice(hit.end);
  // The label's other half: its English after a Chinese label, or its Chinese after an English one (Address 地址；…).
  const bilingual = /^[\x20-\x7e]+$/.test(hit.label)
    ? (rest.match(CHINESE_TWIN)?.[0].length ?? 0)
    : (rest.match(SECOND_LANGUAGE)?.[0].length ?? 0);
  const lead = bilingual + (rest.slice(bilingual).match(LEAD)?.[0].length ?? 0);
  const start = hit.end + lead;
  const end = cutAtNextLabel(hit.line, start);
  const text = compactValue(hit.line.text.slice(start, end));
  if (text.length > 0) return { line: hit.line, start, end, text };
  if (!nextLine) return null;
  const following = lines[hit.line.index + 1];
  if (!following || opensWithLabel(following.text)) return null;
  return {
    line: following,
    start: 0,
    end: following.text.length,
    text: compactValue(following.text),
  };
}

/** A value as one string: cell breaks and spaces next to Chinese characters go (111 号 -> 111号), other cell
 * breaks become spaces. */
export function compactValue(s: string): string {
  return s
    .replace(/[\t ]+(?=\P{ASCII})|(?<=\P{ASCII})[\t ]+/gu, "")
    .replace(/\t/g, " ")
    .trim();
}

/** Brackets around Chinese words are printed full-width; OCR often returns ASCII ones: (含凉菜) -> （含凉菜）. */
export function chineseParens(s: string): string {
  return s.replace(/[(〈](?=[\u4e00-\u9fa5])/g, "（").replace(/(?<=[\u4e00-\u9fa5])[)〉》]/g, "）");
}

/** Text of the line and the one after it, for values a scan wrapped onto the next line. */
export function withNextLine(line: DocLine, lines: readonly DocLine[]): string {
  const next = lines[line.index + 1];
  return next && next.page === line.page ? `${line.text}${next.text}` : line.text;
}
