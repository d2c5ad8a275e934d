import { distance } from "fastest-levenshtein";
import { type Bbox, unionBbox } from "../../domain/geometry.ts";
import { PAGE_FURNITURE_WORDS } from "../../lexicon/documents.ts";
import { trimCellEdges } from "./cell-edge.ts";
import { isAsciiAlnum, matchForm, nfkcChar } from "./chars.ts";
import type { DocLine } from "./lines.ts";
import { alternation, escapeRegExp } from "./pattern.ts";
import { headingOf } from "./sections.ts";

/** A column the caller cares about, named by the header words that introduce it. */
export interface ColumnSpec {
  key: string;
  synonyms: readonly string[];
}

interface Token {
  text: string;
  bbox: Bbox;
  confidence: number;
}

export interface Cell {
  text: string;
  bbox: Bbox;
  confidence: number;
  /** OCR confidence of every character of `text` (1 for a space the reader put between words). */
  charConfidences: number[];
  /** A second reading of the cell (its crop read alone) reads it otherwise, and neither is sure enough to replace
   * the other: a value read from it is no reading. */
  disputed?: boolean;
}

export interface TableRow {
  lines: DocLine[];
  cells: Record<string, Cell>;
}

export interface Table {
  header: DocLine;
  /** Column key -> x range, in header order. */
  columns: { key: string; x0: number; x1: number }[];
  rows: TableRow[];
}

/** Words of a line as tokens; text-layer words holding tab-separated cells are split with estimated boxes. */
function tokensOf(line: DocLine): Token[] {
  const out: Token[] = [];
  for (const w of line.words) {
    const parts = w.text.split("\t");
    if (parts.length === 1) {
      if (w.text.trim() !== "") out.push({ text: w.text.trim(), bbox: w.bbox, confidence: w.confidence });
      continue;
    }
    const total = w.text.length;
    let offset = 0;
    const step = (w.bbox[2] - w.bbox[0]) / Math.max(1, total);
    for (const p of parts) {
      const x0 = w.bbox[0] + offset * step;
      if (p.trim() !== "")
        out.push({
          text: p.trim(),
          bbox: [x0, w.bbox[1], x0 + p.length * step, w.bbox[3]],
          confidence: w.confidence,
        });
      offset += p.length + 1;
    }
  }
  return out.sort((a, b) => a.bbox[0] - b.bbox[0]);
}

/** True when the line only knows its cells by tabs (no per-cell geometry), as text layers often do. */
function tabOnly(line: DocLine): boolean {
  return line.words.length <= 1 && line.text.includes("\t");
}

function joinTexts(tokens: Token[]): string {
  return joinTokens(tokens).text;
}

/** Tokens as one string, a space only between Latin/digit neighbours, with each character's confidence. */
function joinTokens(tokens: Token[]): { text: string; confs: number[] } {
  let s = "";
  const confs: number[] = [];
  for (const t of tokens) {
    const text = [...t.text].map(nfkcChar).join("");
    if (s.length > 0 && isAsciiAlnum(s[s.length - 1]) && isAsciiAlnum(text[0])) {
      s += " ";
      confs.push(1);
    }
    s += text;
    for (let i = 0; i < text.length; i++) confs.push(t.confidence);
  }
  // Table rules OCR reads as quotes or bars at a cell's edges (”高级审核员) are no part of the cell. (Commas stay:
  // a wrapped cell's first line may end with one.)
  const { text, lead } = trimCellEdges(s);
  return { text, confs: confs.slice(lead, lead + text.length) };
}

/** A token printed under another one it overlaps across: the second line of a header cell that wraps (Team
 * Member/姓 over 名), which the line builder merged into the header's line and sorted in among the first line's words. */
function isWrappedUnder(t: Token, tokens: readonly Token[]): boolean {
  const h = t.bbox[3] - t.bbox[1];
  const cy = (t.bbox[1] + t.bbox[3]) / 2;
  return tokens.some(
    (o) =>
      o !== t &&
      Math.min(o.bbox[2], t.bbox[2]) > Math.max(o.bbox[0], t.bbox[0]) &&
      cy - (o.bbox[1] + o.bbox[3]) / 2 > 0.6 * Math.max(h, o.bbox[3] - o.bbox[1]),
  );
}

/** Header cells with a wrapped cell's second line read after its first: tokens under another go to the cell
 * that overlaps them most, at its end, so the cell reads as printed (Team Member/姓名, not Team名Member/姓). */
function withWrappedLines(cells: Token[], wrapped: readonly Token[]): Token[] {
  for (const t of [...wrapped].sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0])) {
    const overlap = (c: Token) => Math.min(c.bbox[2], t.bbox[2]) - Math.max(c.bbox[0], t.bbox[0]);
    const cell = [...cells].sort((a, b) => overlap(b) - overlap(a))[0];
    if (!cell || overlap(cell) <= 0) {
      cells.push({ ...t });
      continue;
    }
    cell.text = joinTexts([cell, t]);
    cell.bbox = unionBbox([cell.bbox, t.bbox]) ?? cell.bbox;
  }
  return cells.sort((a, b) => a.bbox[0] - b.bbox[0]);
}

/** Header tokens close together form one header cell ("审核员" "注册证书号" -> one column); a cell's wrapped second
 * line is read after its first. */
function headerCells(line: DocLine, specs: readonly ColumnSpec[]): Token[] {
  if (tabOnly(line)) return tokensOf(line);
  const tokens = tokensOf(line);
  const wrapped = tokens.filter((t) => isWrappedUnder(t, tokens));
  const cells: Token[] = [];
  for (const t of tokens.filter((t) => !wrapped.includes(t))) {
    const last = cells[cells.length - 1];
    const h = t.bbox[3] - t.bbox[1];
    if (last && t.bbox[0] - last.bbox[2] < 0.8 * h) {
      last.text = joinTexts([last, t]);
      last.bbox = unionBbox([last.bbox, t.bbox]) ?? last.bbox;
    } else cells.push({ ...t });
  }
  return withWrappedLines(
    cells.flatMap((c) => splitMergedHeader(c, specs)),
    wrapped,
  );
}

export function cellMatches(cellText: string, synonyms: readonly string[]): number {
  // Remarks in brackets name the options, not the column: 性质(严重/一般) is the 性质 column.
  const form = matchForm(cellText).replace(/\([^)]*\)?/g, "");
  let best = 0;
  for (const s of synonyms.map(matchForm)) {
    if (form === s) return 1;
    if (s.length >= 2 && form.includes(s)) best = Math.max(best, 0.6 + 0.4 * (s.length / form.length));
    else if (
      s.length >= 3 &&
      Math.abs(form.length - s.length) <= 1 &&
      distance(form, s) <= (s.length >= 6 ? 2 : 1)
    )
      best = Math.max(best, 0.7);
    // A two-character name with its second character misread (部门 read 部和 or 部內): barely a match, so any
    // better-fitting column name wins the cell.
    else if (s.length === 2 && form.length === 2 && form[0] === s[0]) best = Math.max(best, 0.55);
  }
  return best;
}

/** OCR sometimes reads two header cells as one word ("序号姓名"): split it where a second column's name
 * starts, with boxes in proportion to the characters. */
function splitMergedHeader(cell: Token, specs: readonly ColumnSpec[]): Token[] {
  const form = matchForm(cell.text);
  const found = specs.flatMap((spec) =>
    spec.synonyms
      .map((syn) => matchForm(syn))
      .filter((syn) => syn.length >= 2 && form.includes(syn))
      .map((syn) => ({ spec, at: form.indexOf(syn), len: syn.length })),
  );
  // A name inside a longer one is no second column: 注册证书编号 holds 编号 (the 序号 column's other name).
  const inside = (at: number) => found.some((f) => f.at < at && at < f.at + f.len);
  const starts: number[] = [];
  for (const spec of specs) {
    const at = found
      .filter((f) => f.spec === spec && !inside(f.at))
      .map((f) => f.at)
      .sort((a, b) => a - b)[0];
    if (at !== undefined && !starts.some((s) => Math.abs(s - at) < 2)) starts.push(at);
  }
  starts.sort((a, b) => a - b);
  if (starts.length < 2) return [cell];
  const bounds = [0, ...starts.slice(1), form.length];
  const step = (cell.bbox[2] - cell.bbox[0]) / Math.max(1, form.length);
  return bounds.slice(0, -1).map((b, i) => ({
    text: form.slice(b, bounds[i + 1]),
    bbox: [cell.bbox[0] + b * step, cell.bbox[1], cell.bbox[0] + bounds[i + 1]! * step, cell.bbox[3]] as Bbox,
    confidence: cell.confidence,
  }));
}

/** The header's cells named by the caller's specs; null unless at least `minColumns` specs are found. */
export function matchHeader(
  line: DocLine,
  specs: readonly ColumnSpec[],
  minColumns: number,
): { key: string; x0: number; x1: number; center: number }[] | null {
  // Header rows hold words, not data: a digit run (dates, numbers, codes) rules a line out; and at least one
  // column name must be printed exactly (a cheap test before the fuzzy cell matching).
  if (/\d{3,}|\d+\.\d+/.test(line.text)) return null;
  const lineForm = matchForm(line.text);
  if (!specs.some((sp) => sp.synonyms.some((syn) => syn.length >= 2 && lineForm.includes(matchForm(syn)))))
    return null;
  const cells = headerCells(line, specs).flatMap((c) => splitMergedHeader(c, specs));
  if (cells.length < minColumns) return null;
  const used = new Set<string>();
  const named = cells.map((c, i) => {
    let bestKey = `col${i}`;
    let bestScore = 0.5;
    for (const spec of specs) {
      if (used.has(spec.key)) continue;
      const score = cellMatches(c.text, spec.synonyms);
      if (score > bestScore) {
        bestScore = score;
        bestKey = spec.key;
      }
    }
    if (!bestKey.startsWith("col")) used.add(bestKey);
    return { key: bestKey, x0: c.bbox[0], x1: c.bbox[2], center: (c.bbox[0] + c.bbox[2]) / 2 };
  });
  return used.size >= minColumns ? named : null;
}

/** What a page prints at its head or foot: 第1页 共3页, Page 1 of 3, 1/3, a form code and version; a line ending in its
 * page count is a foot whatever it prints before (CTI-QP-09-F03 报告编号：… 第2页/共3页). */
const PAGE_FURNITURE = furniturePattern();

function furniturePattern(): RegExp {
  const w = PAGE_FURNITURE_WORDS;
  const [nth, page, total] = [w.nth, w.page, w.total].map(escapeRegExp);
  const nthPage = `${nth}\\s*\\d+\\s*${page}`;
  const ofPages = `${total}\\s*\\d+\\s*${page}`;
  const forms = [
    `.*${nthPage}\\s*[,，/／]?\\s*${ofPages}`,
    `${ofPages}\\s*${nthPage}`,
    `${escapeRegExp(w.pageEn)}\\s*\\d+\\s*(?:${escapeRegExp(w.ofEn)}|\\/)\\s*\\d+`,
    "\\d+\\s*\\/\\s*\\d+",
    "-\\s*\\d+\\s*-",
    `(?:${alternation(w.formCodeLabels)})\\s*[:：].*(?:${alternation(w.versionWords)}).*`,
  ];
  return new RegExp(`^\\s*(?:${forms.join("|")})\\s*$`, "i");
}

export function isPageFurniture(line: Pick<DocLine, "text">): boolean {
  return PAGE_FURNITURE.test(line.text);
}

export type RowVerdict = "row" | "continuation" | "skip" | "stop";

/** A wrapped cell goes on at its column's left; text that starts a column or more further left is a line of prose
 * under the table (严重不符合项：0项；一般不符合项：2项), not the cell's next line. */
function startsLeftOfItsColumn(
  tokens: readonly Token[],
  bounds: readonly { x0: number; x1: number }[],
): boolean {
  return tokens.some((t) => {
    const cx = (t.bbox[0] + t.bbox[2]) / 2;
    const col = bounds.find((b) => cx >= b.x0 && cx < b.x1);
    const h = t.bbox[3] - t.bbox[1];
    return col !== undefined && Number.isFinite(col.x0) && t.bbox[0] < col.x0 - 2 * h;
  });
}

/** A row's words in runs, as headerCells joins a header's: words closer than a gap between cells are one cell's
 * text, and go to one column together. A cell wider than its header (Audit Team Leader审核组长 under Position/角色)
 * reaches past the midpoint to the next column; word by word, its last characters would be read as that column's. */
function runsOf(tokens: readonly Token[]): Token[][] {
  const runs: Token[][] = [];
  for (const t of tokens) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    const h = t.bbox[3] - t.bbox[1];
    const sameBand = last !== undefined && t.bbox[1] < last.bbox[3] && last.bbox[1] < t.bbox[3];
    if (run && last && sameBand && t.bbox[0] - last.bbox[2] < 0.8 * h) run.push(t);
    else runs.push([t]);
  }
  return runs;
}

/** Reads the rows under a header: words go to the column whose span (midpoints between header cells) holds
 * their centre; a row the caller calls a continuation (a wrapped cell) is merged into the previous row. */
export function readTable(
  lines: readonly DocLine[],
  header: DocLine,
  specs: readonly ColumnSpec[],
  minColumns: number,
  judge: (cells: Record<string, Cell>, line: DocLine) => RowVerdict,
  isOtherHeader: (line: DocLine) => boolean,
): Table | null {
  const cols = matchHeader(header, specs, minColumns);
  if (!cols) return null;
  const bounds = cols.map((c, i) => ({
    key: c.key,
    x0: i === 0 ? Number.NEGATIVE_INFINITY : (cols[i - 1]!.center + c.center) / 2,
    x1: i === cols.length - 1 ? Number.POSITIVE_INFINITY : (c.center + cols[i + 1]!.center) / 2,
  }));
  const byIndex = tabOnly(header);
  const rows: TableRow[] = [];
  let prevLine = header;
  for (const line of lines.slice(header.index + 1, header.index + 60)) {
    // A table goes on over a page break: the page number and form code between its rows are not rows.
    if (isPageFurniture(line)) continue;
    const lh = Math.max(1, prevLine.bbox[3] - prevLine.bbox[1]);
    if (line.page === prevLine.page && line.bbox[1] - prevLine.bbox[3] > 4 * lh) break;
    if (headingOf(line) || isOtherHeader(line)) break;
    const grouped: Record<string, Token[]> = {};
    const tokens = tokensOf(line);
    if (byIndex && tabOnly(line)) {
      // Text-layer rows: cells by position, empty ones included.
      let offset = 0;
      line.text.split("\t").forEach((text, i) => {
        const key = cols[i]?.key;
        const bbox = unionBbox(line.charBoxes.slice(offset, offset + Math.max(1, text.length))) ?? line.bbox;
        offset += text.length + 1;
        if (key && text.trim() !== "")
          grouped[key] = [{ text: text.trim(), bbox, confidence: line.confidence }];
      });
    } else {
      for (const run of runsOf(tokens)) {
        const box = unionBbox(run.map((t) => t.bbox)) ?? run[0]!.bbox;
        const cx = (box[0] + box[2]) / 2;
        const col = bounds.find((b) => cx >= b.x0 && cx < b.x1);
        if (col) grouped[col.key] = [...(grouped[col.key] ?? []), ...run];
      }
    }
    const cells: Record<string, Cell> = {};
    for (const [key, toks] of Object.entries(grouped)) {
      const joined = joinTokens(toks);
      cells[key] = {
        text: joined.text,
        charConfidences: joined.confs,
        bbox: unionBbox(toks.map((t) => t.bbox)) ?? line.bbox,
        confidence: toks.reduce((s, t) => s + t.confidence, 0) / toks.length,
      };
    }
    const verdict = judge(cells, line);
    if (
      verdict === "stop" ||
      (verdict === "continuation" && !byIndex && startsLeftOfItsColumn(tokens, bounds))
    )
      break;
    prevLine = line;
    if (verdict === "skip") continue;
    const last = rows[rows.length - 1];
    if (verdict === "continuation" && last) {
      last.lines.push(line);
      for (const [key, cell] of Object.entries(cells)) {
        const old = last.cells[key];
        // A wrapped cell reads on without a space, but between two Latin or digit runs (2020-N1EMS-1; 2021-…).
        const gap = isAsciiAlnum(old?.text.at(-1)) && isAsciiAlnum(cell.text[0]) ? " " : "";
        last.cells[key] = old
          ? {
              text: `${old.text}${gap}${cell.text}`,
              charConfidences: [...old.charConfidences, ...(gap ? [1] : []), ...cell.charConfidences],
              bbox: unionBbox([old.bbox, cell.bbox]) ?? old.bbox,
              confidence: Math.min(old.confidence, cell.confidence),
            }
          : cell;
      }
      continue;
    }
    if (verdict === "row") rows.push({ lines: [line], cells });
  }
  return { header, columns: bounds, rows };
}
