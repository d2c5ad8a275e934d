import { distance } from "fastest-levenshtein";
import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import { unionBbox } from "../../domain/geometry.ts";
import { COPULAS, SITE_PLACE_WORDS } from "../../lexicon/labels.ts";
import {
  AUDIT_SCOPE_LABEL,
  CONTACT_WORDS,
  HEADCOUNT_WORDS,
  NONE_WORDS,
  SCOPE_SECTION_TITLE,
} from "../../lexicon/organization.ts";
import { confusions } from "../../noise/confusions.ts";
import { startsWithDivision } from "../normalize/divisions.ts";
import { CHINESE_NUMERAL_CLASS, parseInteger, toHalfWidth } from "../normalize/numbers.ts";
import { fieldAt } from "../provenance.ts";
import { VALUE_LEAD_CLASS } from "../text/cell-edge.ts";
import { matchForm } from "../text/chars.ts";
import {
  chineseParens,
  familyLabelAtStart,
  findEveryLabel,
  findLabels,
  isStackedTwin,
  type LabelHit,
  opensWithLabel,
  type ValueSpan,
  valueAfter,
} from "../text/labels.ts";
import type { DocLine } from "../text/lines.ts";
import { alternation, escapeRegExp, spaced } from "../text/pattern.ts";
import type { FoundSection } from "../text/sections.ts";
import { headingOf } from "../text/sections.ts";
import { CLEAR } from "../text/vote.ts";

export interface OrganizationFields {
  scope: Field<string>;
  scopeStatements: Field<string>[];
  sites: Field<string[]>;
  employees: Field<number>;
  headcounts: Field<number>[];
}

const LEADING_COPULA = new RegExp(`^(?:[\\s:：]|${alternation(COPULAS)})+`);
const REMARK_OR_COPULA = new RegExp(`^[（(][^）)]*[）)]|^(?:${alternation(COPULAS)})`);
const SCOPE_TITLE = new RegExp(
  `(?:${alternation(SCOPE_SECTION_TITLE.heads)})(?:${alternation(SCOPE_SECTION_TITLE.tails)})?$`,
);
const NONE_AT_START = new RegExp(`^(?:${alternation(NONE_WORDS)})`);

function cleanStatement(s: string): string {
  return s
    .replace(LEADING_COPULA, "")
    .replace(/[\s。；;]+$/, "")
    .replace(/\t/g, " ")
    .trim();
}

// What closes a scope label: a remark in brackets, a connecting word, then a colon or a cell break
// ("认证范围为：X", "审核范围（如…请说明原因）：X"), or the colon misread (the noise model's misreadings of :, e.g.
// ;) before the value (审核范围; X).
const SCOPE_LABEL_CLOSE = new RegExp(
  `^\\s*(?:[（(][^）)]*[）)])?\\s*(?:${alternation(COPULAS)})?\\s*(?:[:：\\t]|[${confusions().classBody(":", { misreadOnly: true })}](?=\\s*\\S))`,
);

/** A value that a table row goes on after: up to the next cell that reads like a label of its own (审核范围\tX\t员工总数
 * \t156人), a short cell of words followed by another cell. */
function cellValue(text: string): string {
  const cells = text.split("\t");
  const label = cells.findIndex(
    (c, i) =>
      i > 0 &&
      i < cells.length - 1 &&
      /^[\u4e00-\u9fa5A-Za-z ()（）]{2,10}$/.test(c.trim()) &&
      cells[0]!.trim() !== "",
  );
  return label > 0 ? cells.slice(0, label).join("\t") : text;
}

/** The value of a scope label: after what closes the label (the statement may hold colons of its own: Q：…；
 * E/S：…), else after the last colon of the line (a remark whose bracket OCR lost), else the next line when
 * the line ends at the label. */
function scopeAt(
  line: DocLine,
  labelEnd: number,
  lines: readonly DocLine[],
): { line: DocLine; start: number; text: string } | null {
  const rest = line.text.slice(labelEnd);
  const closed = rest.match(SCOPE_LABEL_CLOSE)?.[0].length;
  const lastColon = Math.max(rest.lastIndexOf(":"), rest.lastIndexOf("："));
  const cut = closed ?? (lastColon >= 0 ? lastColon + 1 : (rest.match(REMARK_OR_COPULA)?.[0].length ?? 0));
  const text = cleanStatement(cellValue(rest.slice(cut)));
  if (text.length > 0) return { line, start: labelEnd + cut, text };
  const next = lines[line.index + 1];
  if (!next || headingOf(next)) return null;
  // The next row opening with another family's label is that label's (an English label stacked under 认证范围
  // ends its line; 注册地址 … below is no scope).
  const other = familyLabelAtStart(next.text);
  if (other && other.family !== "scope" && other.quality >= 0.88) return null;
  const t = cleanStatement(next.text);
  return t.length > 0 ? { line: next, start: 0, text: t } : null;
}

// A bilingual report's heading or label standing alone: a few English words, then their Chinese (Audit Team 审核组).
const BILINGUAL_HEADING =
  /^\s*[A-Za-z][A-Za-z.'/&]*(?:\s+[A-Za-z][A-Za-z.'/&]*){0,3}\s*[\u4e00-\u9fa5]{2,12}\s*$/;
// The English translation after a Chinese statement (…的设计和制造 Design and manufacture of …): four words or more.
const ENGLISH_TAIL = /^(.*[\u4e00-\u9fa5][^A-Za-z]*?)\s*[A-Z][A-Za-z]*(?:[\s,;&'()/-]+[A-Za-z]+){3,}[\s.;]*$/;

/** The lines a value wrapped onto (at most three): each below a line that reaches the page's right margin, not a label,
 * heading or table row of its own; or, for a value in a table cell (after a cell break), each line below that starts
 * where the value starts and holds no cell break (the cell's next line). */
function wrappedOnto(line: DocLine, valueStart: number, lines: readonly DocLine[]): DocLine[] {
  const page = lines.filter((l) => l.page === line.page);
  const right = Math.max(...page.map((l) => l.bbox[2]));
  const left = Math.min(...page.map((l) => l.bbox[0]));
  const inCell = line.text.slice(0, valueStart).includes("\t");
  const cellX = line.charBoxes[valueStart]?.[0] ?? line.bbox[0];
  const out: DocLine[] = [];
  let cur = line;
  while (out.length < 3) {
    const next = lines[cur.index + 1];
    if (!next || next.page !== cur.page || headingOf(next) || /\t/.test(next.text)) break;
    if (opensWithLabel(next.text) || BILINGUAL_HEADING.test(next.text)) break;
    const height = cur.bbox[3] - cur.bbox[1];
    if (next.bbox[1] - cur.bbox[3] > 1.2 * height) break;
    const carriesOn = inCell
      ? Math.abs(next.bbox[0] - cellX) <= 1.5 * height
      : !/\t/.test(cur.text) && cur.bbox[2] - left >= 0.92 * (right - left);
    if (!carriesOn) break;
    out.push(next);
    cur = next;
  }
  return out;
}

function readScope(
  lines: readonly DocLine[],
  sections: readonly FoundSection[],
): { scope: Field<string>; all: Field<string>[] } {
  const all: { field: Field<string>; priority: number; index: number }[] = [];
  for (const hit of findLabels(lines, "scope")) {
    // Narrative mentions ("认证范围适宜") are not statements: the label must close its clause.
    const after = hit.line.text.slice(hit.end, hit.end + 40);
    if (!SCOPE_LABEL_CLOSE.test(after) && !/^\s*$/.test(after)) continue;
    if (isStackedTwin(hit, lines)) continue;
    const v = scopeAt(hit.line, hit.end, lines);
    if (!v) continue;
    const wraps = wrappedOnto(v.line, v.start, lines);
    const printed = [v.text, ...wraps.map((l) => l.text)].join("");
    // A bilingual statement is the Chinese one; the English beside it translates it.
    const chinese = printed.match(ENGLISH_TAIL)?.[1];
    v.text = chineseParens(cleanStatement(chinese && /[\u4e00-\u9fa5]{4}/.test(chinese) ? chinese : printed));
    if (v.text.length > 300) continue;
    const priority = hit.label.includes(AUDIT_SCOPE_LABEL) ? 2 : 1;
    const field = fieldAt(v.line, v.start, v.start + v.text.length, v.text, hit.quality);
    field.raw = v.text;
    if (wraps.length > 0) field.bbox = unionBbox([v.line.bbox, ...wraps.map((l) => l.bbox)]);
    all.push({ field, priority, index: hit.line.index });
  }
  // A section whose title states the scope (四、…认证范围的表述) carries it as its first line.
  for (const s of sections) {
    const title = s.title.replace(/[（(][^）)]*[）)]/g, "");
    if (!SCOPE_TITLE.test(title) || all.some((a) => a.index === s.heading.line.index)) continue;
    const body = s.lines.slice(1).find((l) => l.text.trim().length > 0);
    if (!body || headingOf(body)) continue;
    const text = chineseParens(cleanStatement(body.text));
    if (text.length === 0 || text.length > 300) continue;
    all.push({ field: fieldAt(body, 0, body.text.length, text, 0.9), priority: 1, index: body.index });
  }
  all.sort((a, b) => a.index - b.index);
  const main = [...all].sort((a, b) => b.priority - a.priority || a.index - b.index)[0];
  return { scope: main?.field ?? missingField(), all: all.map((a) => a.field) };
}

const VALUE_LEAD = new RegExp(`^[${VALUE_LEAD_CLASS}]+`, "u");

/** The address a site label's value (a line's rest, or its table cell) opens with. */
export function addressIn(value: string): string {
  // The label's printed prompt comes first ("临时场所（需注明其项目名称…）：无"), in whatever bracket OCR saw;
  // a speck or the table's rule between the label and the address (注册地址Registered。|郑州市…) ends no sentence.
  const rest = value.replace(PROMPT, "").replace(VALUE_LEAD, "");
  // An address holds no clause break: what follows a comma is another statement (…21层，办公场所面积约…).
  return cleanStatement(rest.split(/[。；;，,]/)[0] ?? "");
}

/** The address after a site label, without the label's printed prompt and what follows the sentence. */
// A bracket as OCR reads one (the noise model's readings), or square brackets; then a colon as OCR reads one.
const PROMPT = new RegExp(
  `^\\s*[${confusions().bracketClass("（")}【[][^${confusions().bracketClass("）")}】\\]]*[${confusions().bracketClass("）")}】\\]]\\s*[${confusions().classBody(":")}]?\\s*`,
);

/** A middle dot (a foreign name's ·) as OCR reads it: the noise model's class of · (read . in 40% of its readings). */
const MIDDLE_DOT = new RegExp(`[${confusions().classBody("·")}]`, "g");

function siteText(hit: LabelHit, lines: readonly DocLine[]): { v: ValueSpan; text: string } | null {
  const v = valueAfter(hit, lines, false);
  if (!v) return null;
  let text = addressIn(v.text);
  if (v.end >= v.line.text.length && !/[。；;，,]/.test(v.text)) text += continuation(v.line, lines);
  return text.length < 4 || NONE_AT_START.test(text) ? null : { v, text };
}

/** The end of a sentence the scan wrapped onto the next line (…麓谷大道280号B / 座15层。): a short run up to the
 * sentence's end on a line of its own that opens with no label; nothing otherwise. */
function continuation(line: DocLine, lines: readonly DocLine[]): string {
  const next = lines[line.index + 1];
  if (!next || next.page !== line.page || opensWithLabel(next.text)) return "";
  const m = /^\s*([^\s。；;，,:：\t|]{1,8})[。；;]/.exec(next.text);
  // A label whose colon OCR read as a full stop (经营地址。…) opens the next item; it continues nothing.
  return m?.[1] && !familyLabelAtStart(m[1]) ? m[1] : "";
}

// A contact word's Chinese characters may stand apart (电 话).
const CONTACT = new RegExp(
  CONTACT_WORDS.map((w) => (/^\p{Script=Han}+$/u.test(w) ? spaced(w) : escapeRegExp(w))).join("|"),
  "i",
);

/** A bare 地址 is the auditee's only below the auditee's name on the same page and outside a contact block: the
 * certification body prints its own 地 址 among 电话/官网/邮箱 on the cover. */
function bareAddressHits(lines: readonly DocLine[]): LabelHit[] {
  const orgLines = findLabels(lines, "organization").map((h) => h.line);
  return findLabels(lines, ["地址", "Address"]).filter((hit) => {
    // Only its English gloss may come first (Address 地址：…).
    if (matchForm(hit.line.text.slice(0, hit.start)).replace(/[a-z.]/gi, "").length > 0) return false;
    const near = lines.filter((l) => l.page === hit.line.page && Math.abs(l.index - hit.line.index) <= 2);
    if (near.some((l) => CONTACT.test(l.text))) return false;
    return orgLines.some(
      (o) => o.page === hit.line.page && o.index < hit.line.index && hit.line.index - o.index <= 12,
    );
  });
}

/** A label further along a line that opens a listed item: after a clause break, followed by its colon
 * (…21层；经营地址：…). */
function listedAfterClause(hit: LabelHit): boolean {
  const before = hit.line.text.slice(0, hit.start).trimEnd();
  return /[，,;；。、\t]$/.test(before) && /^\s*[:：]/.test(hit.line.text.slice(hit.end));
}

/** Addresses under site labels at the start of a line (the same words inside prose are not a site list); without
 * any, an address under a bare 地址 below the auditee's name. */
function readSites(lines: readonly DocLine[]): Field<string[]> {
  const values: string[] = [];
  let first: Field<string[]> | null = null;
  const atStart = (hit: LabelHit) => matchForm(hit.line.text.slice(0, hit.start)).length <= 3;
  // A near match that has none of the words for a place is another label (受审核组织（Auditee） for 受审核组织地址).
  const labelled = findEveryLabel(lines, "sites").filter((hit) => {
    const found = matchForm(hit.line.text.slice(hit.start, hit.end));
    return SITE_PLACE_WORDS.some((w) => found.includes(w));
  });
  // Further along a line, a label lists a further site only on a line that opened with one (注册地址：X；经营地址：Y),
  // and only before an address: prose that mentions 注册地址 mid-sentence, or 办公场所面积约…, lists none.
  const listLines = new Set(labelled.filter(atStart).map((hit) => hit.line));
  const found = labelled
    .filter((hit) => atStart(hit) || (listLines.has(hit.line) && listedAfterClause(hit)))
    .map((hit) => ({ site: siteText(hit, lines), quality: hit.quality, hit }))
    .filter(({ site, hit }) => atStart(hit) || (site && startsWithDivision(site.text)));
  const hits = found.some((f) => f.site)
    ? found
    : bareAddressHits(lines).map((hit) => ({ site: siteText(hit, lines), quality: hit.quality * 0.8 }));
  for (const { site, quality } of hits) {
    if (!site) continue;
    const { v, text } = site;
    // The same address under two labels (注册地址, 办公地址) may differ by OCR slips: one site.
    const key = matchForm(text).replace(MIDDLE_DOT, "");
    const same = (x: string) => {
      const other = matchForm(x).replace(MIDDLE_DOT, "");
      return other === key || distance(other, key) <= Math.max(1, Math.floor(0.15 * key.length));
    };
    if (values.some(same)) continue;
    values.push(text);
    first ??= fieldAt(v.line, v.start, v.end, [], quality);
  }
  if (!first) return missingField();
  return { ...first, value: values, raw: values.join("; ") };
}

interface Headcount {
  field: Field<number>;
  labelled: boolean;
  /** Every digit of the count read clearly. */
  clear: boolean;
}

function clearAt(line: DocLine, at: number, length: number): boolean {
  for (let i = at; i < at + length; i++)
    if ((line.charConfidences[i] ?? line.confidence) < CLEAR) return false;
  return true;
}

/** A count whose digits were read unclearly (员工人数 5, the 9 half gone) where at least two clear counts elsewhere
 * agree on another number and none on its own: the clear one, derived. A clear disagreement stays for TIME-HEADCOUNT. */
function mendUnclearCounts(all: Headcount[]): void {
  for (const h of all) {
    if (h.clear) continue;
    const clear = all.filter((o) => o.clear && o !== h);
    if (clear.some((o) => o.field.value === h.field.value)) continue;
    const tally = new Map<number, Headcount[]>();
    for (const o of clear) tally.set(o.field.value!, [...(tally.get(o.field.value!) ?? []), o]);
    const agreed = [...tally.values()].filter((os) => os.length >= 2);
    if (agreed.length !== 1) continue;
    h.field = {
      ...h.field,
      value: agreed[0]![0]!.field.value,
      confidence: Math.min(h.field.confidence, 0.6),
      method: "derived",
    };
  }
}

const NUMBER = `([0-9]{1,6}|[${CHINESE_NUMERAL_CLASS}]{1,8})`;
const UNITS = alternation(HEADCOUNT_WORDS.units);
const HEADCOUNT = new RegExp(
  `(${alternation(HEADCOUNT_WORDS.subjects)})[^，。；;,\\d]{0,10}?${NUMBER}\\s*(${UNITS})`,
  "g",
);
const TOTAL = new RegExp(`(?:${alternation(HEADCOUNT_WORDS.totals)})\\s*${NUMBER}\\s*(?:${UNITS})`);
const LABELLED_COUNT = new RegExp(
  `${alternation(HEADCOUNT_WORDS.labelled)}|(?:${alternation(HEADCOUNT_WORDS.labelledWithColon)})[:：]`,
);

/** Every headcount the report prints; the labelled total (员工总人数) is the employee count. */
function readHeadcounts(lines: readonly DocLine[]): { employees: Field<number>; all: Field<number>[] } {
  const all: Headcount[] = [];
  for (const line of lines) {
    const text = toHalfWidth(line.text);
    const own: Headcount[] = [];
    for (const m of text.matchAll(HEADCOUNT)) {
      const n = parseInteger(m[2]!);
      if (n === null || n <= 0) continue;
      const labelled = LABELLED_COUNT.test(m[0]);
      const at = m.index + m[0].length - m[3]!.length - m[2]!.length;
      own.push({
        field: fieldAt(line, m.index, m.index + m[0].length, n, labelled ? 0.95 : 0.85),
        labelled,
        clear: clearAt(line, at, m[2]!.length),
      });
    }
    // Parts and their total on one line (生产人员80人，管理人员20人，共计100人): the total is the count.
    const total = own.length > 0 ? TOTAL.exec(text) : null;
    const n = total ? parseInteger(total[1]!) : null;
    if (total && n !== null && (own.length >= 2 || own.some((o) => o.labelled))) {
      for (const o of own) o.labelled = false;
      own.push({
        field: fieldAt(line, total.index, total.index + total[0].length, n, 0.9),
        labelled: true,
        clear: true,
      });
    }
    all.push(...own);
  }
  // A labelled count printed without 人 ("员工人数：86").
  for (const hit of findLabels(lines, "headcount")) {
    if (all.some((a) => a.field.page === hit.line.page && a.field.raw && hit.line.text.includes(a.field.raw)))
      continue;
    const v = valueAfter(hit, lines, false);
    const m = v ? toHalfWidth(v.line.text.slice(v.start)).match(/^\s*([0-9]{1,6})(?![0-9.\-年月])/) : null;
    if (!v || !m) continue;
    const at = v.start + m[0].length - m[1]!.length;
    all.push({
      field: fieldAt(v.line, at, at + m[1]!.length, Number(m[1]), hit.quality * 0.9),
      labelled: true,
      clear: clearAt(v.line, at, m[1]!.length),
    });
  }
  mendUnclearCounts(all);
  const main = all.find((a) => a.labelled) ?? all[0];
  return { employees: main?.field ?? missingField(), all: all.map((a) => a.field) };
}

export function readOrganizationFields(
  lines: readonly DocLine[],
  sections: readonly FoundSection[],
): OrganizationFields {
  const scope = readScope(lines, sections);
  const heads = readHeadcounts(lines);
  return {
    scope: scope.scope,
    scopeStatements: scope.all,
    sites: readSites(lines),
    employees: heads.employees,
    headcounts: heads.all,
  };
}
