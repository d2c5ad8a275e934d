import { distance } from "fastest-levenshtein";
import { COPULAS, DISTINGUISHING_WORDS, LABEL_FAMILIES, type LabelFamilyId } from "../../lexicon/labels.ts";
import { classChar, confusions } from "../../noise/confusions.ts";
import { matchForm } from "./chars.ts";
import type { DocLine } from "./lines.ts";
import { alternation } from "./pattern.ts";

/** Synonyms per label family, from the lexicon (Chinese first, then English). */
const FAMILY_IDS = Object.keys(LABEL_FAMILIES) as LabelFamilyId[];
function synonymsByFamily(): Readonly<Record<LabelFamilyId, readonly string[]>> {
  const out = {} as Record<LabelFamilyId, readonly string[]>;
  for (const id of FAMILY_IDS) out[id] = [...LABEL_FAMILIES[id].zh, ...LABEL_FAMILIES[id].en];
  return out;
}
export const LABELS = synonymsByFamily();

export type LabelKey = LabelFamilyId;

const ALL_FORMS: string[] = [...new Set(Object.values(LABELS).flatMap((l) => l.map(matchForm)))].sort(
  (a, b) => b.length - a.length,
);

/** Every family's forms, for telling a match apart from its neighbours. */
const FAMILY_FORMS: { family: LabelFamilyId; form: string }[] = FAMILY_IDS.flatMap((family) =>
  LABELS[family].map((syn) => ({ family, form: matchForm(syn) })),
);

const DISTINGUISHING_FORMS = DISTINGUISHING_WORDS.map((set) => set.map(matchForm));

export interface LabelHit {
  line: DocLine;
  /** Label span in line.text. */
  start: number;
  end: number;
  /** 1 for an exact match, lower per edit and without a following colon. */
  quality: number;
  label: string;
  /** The lexicon family the label was found as, when it was looked for by family. */
  family?: LabelFamilyId;
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

interface Occurrence {
  at: number;
  len: number;
  edits: number;
}

/** Best approximate occurrence of `label` in `form` that `accept` allows: exact first, then windows of length ±1.
 * Windows are only tried where a character pair of the label occurs: within the allowed edits at least one pair
 * survives. */
function approxFind(form: string, label: string, accept: (o: Occurrence) => boolean): Occurrence | null {
  for (let p = form.indexOf(label); p >= 0; p = form.indexOf(label, p + 1)) {
    const exact = { at: p, len: label.length, edits: 0 };
    if (accept(exact)) return exact;
  }
  const max = allowedEdits(label.length);
  if (max === 0) return null;
  const starts = new Set<number>();
  for (let k = 0; k + 1 < label.length; k++) {
    const pair = label.slice(k, k + 2);
    for (let p = form.indexOf(pair); p >= 0; p = form.indexOf(pair, p + 1)) {
      for (let d = -max; d <= max; d++) if (p - k + d >= 0) starts.add(p - k + d);
    }
  }
  let best: Occurrence | null = null;
  // Same length first: a shorter window ("审核范" for "审核范囤") would cut the label short.
  for (const len of [label.length, label.length - 1, label.length + 1]) {
    for (const at of starts) {
      if (at + len > form.length) continue;
      const d = distance(form.slice(at, at + len), label);
      if (d === 0 || d > max) continue;
      if (best && !(d < best.edits || (d === best.edits && at < best.at && len === best.len))) continue;
      const o: Occurrence = { at, len, edits: d };
      if (accept(o)) best = o;
    }
  }
  return best;
}

/** A bilingual label's gloss between the label and its colon (审核日期（Audit Date）：): part of the label. */
const GLOSS = /^\s*[（(][^）)\d]{0,40}[）)](?=\s*[:：])/;

/** The text says another word of a distinguishing set where the label says its own (上次 where 下次 is
 * expected): a different label, however few the edits. */
function swapsDistinguishingWord(label: string, found: string): boolean {
  for (const set of DISTINGUISHING_FORMS) {
    const own = set.filter((w) => label.includes(w));
    if (own.length === 0 || own.some((w) => found.includes(w))) continue;
    if (set.some((w) => !own.includes(w) && found.includes(w) && !own.some((o) => o.includes(w))))
      return true;
  }
  return false;
}

/** Whether a match of `family` at form[at, at+len) with `edits` errors belongs to another family: a longer label
 * of another family printed over it (上次审核日期 around 审核日期), or the matched text as close to another
 * family's label as to this one. A match never crosses families. */
function belongsElsewhere(
  form: string,
  at: number,
  len: number,
  edits: number,
  family: LabelFamilyId,
): boolean {
  const found = form.slice(at, at + len);
  for (const other of FAMILY_FORMS) {
    if (other.family === family) continue;
    // Another family's longer label printed over all of this match that is not an edit.
    if (other.form.length > len - edits) {
      for (let p = form.indexOf(other.form); p >= 0; p = form.indexOf(other.form, p + 1)) {
        const overlap = Math.min(p + other.form.length, at + len) - Math.max(p, at);
        if (overlap >= len - edits && other.form.length > overlap) return true;
      }
    }
    if (edits > 0 && Math.abs(other.form.length - len) <= edits && distance(found, other.form) <= edits)
      return true;
  }
  return false;
}

/** The best match of `label` in the line's form from form position `offset` on that the family rules allow, as a
 * hit with its form span. */
function matchIn(
  line: DocLine,
  label: string,
  family: LabelFamilyId | null,
  offset = 0,
  twins: readonly string[] = [],
): { hit: LabelHit; from: number; to: number } | null {
  const { form, toText } = formIndex(line);
  const rest = offset === 0 ? form : form.slice(offset);
  const found = approxFind(
    rest,
    label,
    (o) =>
      (o.edits === 0 || !swapsDistinguishingWord(label, rest.slice(o.at, o.at + o.len))) &&
      !(family && belongsElsewhere(form, offset + o.at, o.len, o.edits, family)),
  );
  if (!found) return null;
  const from = offset + found.at;
  const to = from + found.len;
  const start = toText[from]!;
  const labelEnd = (toText[to - 1] ?? start) + 1;
  const glossEnd = labelEnd + (GLOSS.exec(line.text.slice(labelEnd))?.[0].length ?? 0);
  // The label's other language right behind it belongs to the label (Audit Date(s) / 审核日期 …): every reader
  // finds the value after it.
  const end =
    glossEnd +
    (family
      ? sameFamilyTwin(line.text.slice(glossEnd), family)
      : listTwin(line.text.slice(glossEnd), label, twins));
  const colon =
    form[to] === ":" ||
    form[to] === "(" ||
    line.text[labelEnd] === "\t" ||
    /^\s*[:：\t]/.test(line.text.slice(end));
  const quality = (1 - 0.12 * found.edits) * (colon ? 1 : 0.85);
  return { hit: { line, start, end, quality, label, ...(family ? { family } : {}) }, from, to };
}

/** Every line holding one of the synonyms, fuzzily. Longer synonyms win where several match at one place. A gloss
 * in brackets before the colon belongs to the label, so every reader finds the value right after `end`. Given a
 * lexicon family, a match that belongs to another family (see belongsElsewhere) is no hit. */
export function findLabels(lines: readonly DocLine[], labels: readonly string[] | LabelKey): LabelHit[] {
  const family = typeof labels === "string" ? labels : null;
  const synonyms = typeof labels === "string" ? LABELS[labels] : labels;
  const forms = [...new Set(synonyms.map(matchForm))].sort((a, b) => b.length - a.length);
  const hits: LabelHit[] = [];
  for (const line of lines) {
    let best: LabelHit | null = null;
    for (const label of forms) {
      const hit = matchIn(line, label, family, 0, family ? [] : forms)?.hit;
      if (hit && (!best || hit.quality > best.quality + 1e-9)) best = hit;
    }
    if (best) hits.push(best);
  }
  return hits;
}

/** Every occurrence of a family's labels on each line, not only the best one per line (a line listing several
 * labelled items: 注册地址：…，经营地址：…). Overlapping matches keep the better one; the same family rules as
 * findLabels. */
export function findEveryLabel(lines: readonly DocLine[], family: LabelKey): LabelHit[] {
  const forms = [...new Set(LABELS[family].map(matchForm))].sort((a, b) => b.length - a.length);
  const hits: LabelHit[] = [];
  for (const line of lines) {
    const own: { hit: LabelHit; from: number; to: number }[] = [];
    for (const label of forms) {
      for (let m = matchIn(line, label, family); m; m = matchIn(line, label, family, m.to)) {
        const { hit, from, to } = m;
        const clash = own.findIndex((o) => from < o.to && o.from < to);
        const other = own[clash];
        if (other) {
          if (
            other.hit.quality > hit.quality ||
            (other.hit.quality === hit.quality && other.to - other.from >= to - from)
          )
            continue;
          own.splice(clash, 1);
        }
        own.push(m);
      }
    }
    hits.push(...own.map((o) => o.hit).sort((x, y) => x.start - y.start));
  }
  return hits;
}

export interface ValueSpan {
  line: DocLine;
  start: number;
  end: number;
  text: string;
}

/** A label's colon as OCR reads it: : or ： as printed, and what the noise model measured read for it (; ；). */
const COLON = confusions().classBody(":");
/** An English label's Chinese half, up to its colon (Address 地址；…). */
const CHINESE_TWIN = new RegExp(`^\\s*[\\u4e00-\\u9fa5]{2,8}(?=\\s*[${COLON}\\t])`);
// What stands between a label and its value: the colon as OCR reads it, other punctuation a form prints there or a
// speck leaves (. , 、: a format choice, no misreading of the colon), a remark in brackets, 为/是.
const LEAD = new RegExp(`^(?:\\s|[${COLON}\\t]|[.．,，、]|[（(][^）)]{0,40}[）)]|${alternation(COPULAS)})+`);

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

/** The same label in its other language right after it, behind a slash or a space (Audit Date(s) / 审核日期,
 * Organization 受审核方): the length of that half, or 0. Only a label of the hit's own family counts, so a value
 * that happens to be short Chinese (Name 赵宁) is never taken for a translation. */
function sameFamilyTwin(rest: string, family: LabelFamilyId | undefined): number {
  if (!family) return 0;
  const lead = /^\s*[/／|]?\s*/.exec(rest)?.[0].length ?? 0;
  const twin = familyLabelAtStart(rest.slice(lead));
  if (!twin || twin.family !== family) return 0;
  const end = lead + twin.end;
  return end + (GLOSS_AFTER_TWIN.exec(rest.slice(end))?.[0].length ?? 0);
}
/** For a caller's own list of labels (no lexicon family): another label of the list in the other script right
 * behind the found one (Department / 部门), as exact label form. */
function listTwin(rest: string, found: string, twins: readonly string[]): number {
  const lead = /^\s*[/／|]?\s*/.exec(rest)?.[0].length ?? 0;
  const latin = /^[\x20-\x7e]+$/.test(found);
  let best = 0;
  for (const twin of twins) {
    if (/^[\x20-\x7e]+$/.test(twin) === latin) continue;
    let k = lead;
    let f = 0;
    while (k < rest.length && f < twin.length) {
      const m = matchForm(rest[k]!);
      if (m.length === 0 || m === twin[f]) {
        f += m.length;
        k++;
      } else break;
    }
    if (f === twin.length && k > best) best = k;
  }
  return best;
}

/** A remark in brackets after a label's second half (审核日期（含一阶段）). */
const GLOSS_AFTER_TWIN = /^\s*[（(][^）)\d]{0,40}[）)]/;

/** A label alone on its line under a line that opens with a label of the same family: the other language of the
 * label above, printed under it (Scope Recommended … / 推荐认证范围). Its value is the one above, not the next row. */
export function isStackedTwin(hit: LabelHit, lines: readonly DocLine[]): boolean {
  if (!hit.family || hit.line.text.slice(hit.end).trim() !== "") return false;
  if (matchForm(hit.line.text.slice(0, hit.start)).length > 3) return false;
  const above = lines[hit.line.index - 1];
  if (!above || above.page !== hit.line.page) return false;
  return familyLabelAtStart(above.text)?.family === hit.family;
}

export function valueAfter(hit: LabelHit, lines: readonly DocLine[], nextLine = true): ValueSpan | null {
  const rest = hit.line.text.slice(hit.end);
  // The label's other half: its English after a Chinese label, or its Chinese after an English one (Address 地址；…,
  // Audit Date(s) / 审核日期 …).
  // (A same-family twin is already part of the hit: matchIn.)
  const bilingual = /^[\x20-\x7e]+$/.test(hit.label)
    ? (rest.match(CHINESE_TWIN)?.[0].length ?? 0)
    : (rest.match(SECOND_LANGUAGE)?.[0].length ?? 0);
  const lead = bilingual + (rest.slice(bilingual).match(LEAD)?.[0].length ?? 0);
  const start = hit.end + lead;
  const end = cutAtNextLabel(hit.line, start);
  const text = compactValue(hit.line.text.slice(start, end));
  if (text.length > 0) return { line: hit.line, start, end, text };
  if (!nextLine || isStackedTwin(hit, lines)) return null;
  const following = lines[hit.line.index + 1];
  if (!following || opensWithLabel(following.text)) return null;
  // A line that opens with another family's label holds that label's value (an English label stacked under its
  // Chinese one ends its line; the next row's 注册地址 … is not its value).
  const next = familyLabelAtStart(following.text);
  if (next && hit.family && next.family !== hit.family && next.quality >= 0.88) return null;
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

const look = confusions();
const cls = (chars: readonly string[]) => chars.map(classChar).join("");
// Readings that mostly stand for a full-width bracket (the noise model's: 〈 for （), and ASCII ones.
const OPEN_READ = new RegExp(`[(${cls(look.foldsTo("（"))}](?=[\\u4e00-\\u9fa5])`, "g");
const CLOSE_READ = new RegExp(`(?<=[\\u4e00-\\u9fa5])[)${cls(look.foldsTo("）"))}]`, "g");
// Any measured reading of a round bracket as another bracket (《 and 》 too, which are mostly printed as themselves):
// taken for the bracket only as a pair around Chinese words that is no pair as printed (〈深圳》, not 《标准》).
const OPENERS = ["(", ...look.readingsOf("（", 0, "mark").filter((ch) => /^\p{Ps}$/u.test(ch))];
const CLOSERS = [")", ...look.readingsOf("）", 0, "mark").filter((ch) => /^\p{Pe}$/u.test(ch))];
const PAIR = new RegExp(
  `([${cls(OPENERS)}])([\\u4e00-\\u9fa5](?:[^${cls(OPENERS)}${cls(CLOSERS)}\\n]{0,30}?[\\u4e00-\\u9fa5])?)([${cls(CLOSERS)}])`,
  "g",
);
/** Whether a pair of marks is printed so: both stand for themselves and are not ASCII brackets. */
const asPrinted = (open: string, close: string) =>
  open !== "(" && close !== ")" && look.fold(open) === open && look.fold(close) === close;

/** Brackets around Chinese words are printed full-width; OCR often returns ASCII ones or another look-alike (the
 * noise model's measured readings of a bracket): (含凉菜) -> （含凉菜）, 〈深圳》 -> （深圳）. */
export function chineseParens(s: string): string {
  return s
    .replace(PAIR, (whole, open: string, inner: string, close: string) =>
      asPrinted(open, close) ? whole : `（${inner}）`,
    )
    .replace(OPEN_READ, "（")
    .replace(CLOSE_READ, "）");
}

/** Text of the line and the one after it, for values a scan wrapped onto the next line. */
export function withNextLine(line: DocLine, lines: readonly DocLine[]): string {
  const next = lines[line.index + 1];
  return next && next.page === line.page ? `${line.text}${next.text}` : line.text;
}

/** A lexicon family's label at the start of a short text (a table cell: 报告编号, 审核日期 Audit Date：…): the
 * family, where the label ends in the text, and its quality. The same family rules as findLabels; rival families
 * are matched too, so a cell labelled 上次审核日期 is known as such rather than taken for 下次审核日期. */
export function familyLabelAtStart(
  text: string,
): { family: LabelFamilyId; end: number; quality: number; label: string } | null {
  let form = "";
  const toText: number[] = [];
  [...text].forEach((ch, i) => {
    const f = matchForm(ch);
    if (f.length === 0) return;
    form += f;
    toText.push(i);
  });
  let best: { family: LabelFamilyId; end: number; quality: number; label: string; len: number } | null = null;
  for (const { family, form: label } of FAMILY_FORMS) {
    const found = approxFind(
      form,
      label,
      (o) =>
        o.at <= 1 &&
        (o.edits === 0 || !swapsDistinguishingWord(label, form.slice(o.at, o.at + o.len))) &&
        !belongsElsewhere(form, o.at, o.len, o.edits, family),
    );
    if (!found) continue;
    const quality = 1 - 0.12 * found.edits;
    if (best && (found.len < best.len || (found.len === best.len && quality <= best.quality))) continue;
    const end = (toText[found.at + found.len - 1] ?? 0) + 1;
    best = { family, end, quality, label, len: found.len };
  }
  if (!best) return null;
  const { len: _len, ...hit } = best;
  return hit;
}
