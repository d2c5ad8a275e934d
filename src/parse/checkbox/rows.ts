/**
 * The page's marks (read beside option words) reconciled with the option rows the layout stage found in the
 * pixels: a mark on a box found there is located; a box found there that no mark read becomes one when its printed
 * text is an option of the lexicon; a row of boxes whose words the lexicon does not know is still a group, kept
 * with its printed text. A mark whose label lies inside another box's option text is that option's words, not an
 * option of its own (one box, one option).
 */
import type { Bbox } from "../../domain/geometry.ts";
import type { OptionBox, OptionRow } from "../../domain/layout.ts";
import type { BoxMark, OcrPage } from "../../domain/ocr.ts";
import { OPTION_GROUPS, type OptionGroupLexicon } from "../../lexicon/options.ts";
import { isBoxGlyph, termIn } from "./vocab.ts";

/** Id prefix of the groups of boxes whose words the lexicon does not know. */
export const UNKNOWN_GROUP = "options";

/** A row of boxes none of whose words is an option the lexicon knows. */
export interface UnknownRow {
  page: number;
  row: OptionRow;
}

/** Marks smaller than this (mm a side) that no box of the pixels confirms are specks, not boxes or ticks. */
const MIN_MARK_MM = 1.5;

export function reconcile(page: OcrPage): { marks: BoxMark[]; unknown: UnknownRow[] } {
  const rows = page.layout?.options;
  if (!rows) return { marks: page.marks, unknown: [] };
  const boxes = rows.flatMap((r) => r.boxes);
  const owner = new Map<OptionBox, BoxMark>();
  const marks: BoxMark[] = [];
  const minPx = (MIN_MARK_MM * page.dpi) / 25.4;
  const matrices = rows.flatMap((r) => (r.matrix ? [r.matrix] : []));
  for (const m of page.marks) {
    // A matrix reads its own cells: a mark read beside a word inside one (a column heading, a glyph in a cell) is
    // the matrix's, not a box of its own.
    if (matrices.some((b) => centreIn(m.bbox, b) || centreIn(m.labelBbox, b))) continue;
    const box = boxes.find((b) => same(b.bbox, m.bbox) && !owner.has(b));
    if (box) {
      owner.set(box, m);
      marks.push({ ...m, located: true });
      continue;
    }
    // A frame much smaller than the boxes found, inside another box's option text: a stroke of that text (the ")" of
    // "Initial (stage 2)" before 初次认证). A box of box size there is one the layout stage missed: kept.
    const side = Math.min(m.bbox[2] - m.bbox[0], m.bbox[3] - m.bbox[1]);
    const inOther = boxes.some(
      (b) =>
        b.textBbox !== null &&
        centreIn(m.labelBbox, b.textBbox) &&
        side < 0.7 * Math.min(b.bbox[2] - b.bbox[0], b.bbox[3] - b.bbox[1]),
    );
    const speck = Math.max(m.bbox[2] - m.bbox[0], m.bbox[3] - m.bbox[1]) < minPx;
    if (inOther || speck || !hasPeer(m, page.marks)) continue;
    marks.push({ ...m, located: false });
  }
  const unknown: UnknownRow[] = [];
  const lone: OptionRow[] = [];
  for (const row of rows) {
    const free = row.boxes.filter((b) => !owner.has(b));
    const terms = row.boxes.map((b) => termIn(optionText(b.text)));
    for (const [i, b] of row.boxes.entries()) {
      const term = terms[i];
      if (owner.has(b) || !term) continue;
      // A box alone on its row answers alone only in a list printed one option per line (☑ 推荐认证注册); a graded
      // word after a lone square in running text (认证范围适宜: 围 passes for a box) is no option row.
      if (row.boxes.length === 1 && !(OPTION_GROUPS[term.family] as OptionGroupLexicon).listed) continue;
      marks.push({
        label: optionText(b.text),
        labelBbox: b.textBbox ?? b.bbox,
        bbox: b.bbox,
        state: b.state,
        confidence: b.confidence,
        located: true,
      });
    }
    // Characters with a frame-like outline (围 因 四) pass for boxes now and then, always with ink inside: a row of
    // real boxes has an empty one.
    const known = terms.some((t) => t !== null) || free.length < row.boxes.length;
    if (known) continue;
    if (row.boxes.length === 1) lone.push(row);
    else if (row.boxes.some((b) => b.state === "unchecked")) unknown.push({ page: page.page, row });
  }
  for (const list of lists(lone)) {
    if (!list.boxes.some((b) => b.state === "unchecked")) continue;
    unknown.push({ page: page.page, row: list });
  }
  return { marks, unknown };
}

/**
 * A mark with no box in the pixels stands only beside another option of its group: on its row, or for options
 * printed one per line (recommendations, systems, audit types) within a few lines, or stacked in a cell. A lone box-like glyph or tick
 * beside an option word in running text is no option.
 */
function hasPeer(m: BoxMark, all: readonly BoxMark[]): boolean {
  const term = termIn(m.label);
  if (!term) return false;
  const h = Math.max(1, m.labelBbox[3] - m.labelBbox[1]);
  const cy = (b: BoxMark) => (b.labelBbox[1] + b.labelBbox[3]) / 2;
  const group: OptionGroupLexicon = OPTION_GROUPS[term.family];
  const listed = group.listed === true;
  return all.some((o) => {
    if (o === m || termIn(o.label)?.family !== term.family) return false;
    const dy = Math.abs(cy(o) - cy(m));
    // Options stacked one per line in a cell (符合（√） / 基本符合（ ） / 不符合（ ）) stand at one left edge.
    const stacked = dy <= 2.6 * h && Math.abs(o.labelBbox[0] - m.labelBbox[0]) <= h;
    return listed ? dy <= 4 * h : dy <= 0.5 * h || stacked;
  });
}

/** Lone boxes printed one under another in one column (a list of sentences to tick): one row of them each. */
function lists(lone: readonly OptionRow[]): OptionRow[] {
  const sorted = [...lone].sort((a, b) => a.bbox[1] - b.bbox[1]);
  const out: OptionRow[][] = [];
  for (const r of sorted) {
    const b = r.boxes[0]!.bbox;
    const side = b[3] - b[1];
    const list = out.find((l) => {
      const last = l[l.length - 1]!.boxes[0]!.bbox;
      return Math.abs(last[0] - b[0]) <= 0.5 * side && b[1] - last[3] <= 2.5 * side;
    });
    if (list) list.push(r);
    else out.push([r]);
  }
  return out
    .filter((l) => l.length >= 2)
    .map((l) => ({
      bbox: [
        Math.min(...l.map((r) => r.bbox[0])),
        l[0]!.bbox[1],
        Math.max(...l.map((r) => r.bbox[2])),
        l[l.length - 1]!.bbox[3],
      ] as Bbox,
      boxes: l.map((r) => r.boxes[0]!),
      labelFirst: false,
      lead: l[0]!.lead,
    }));
}

/** The option's words without the box glyph OCR may have glued to them. */
function optionText(text: string): string {
  const chars = Array.from(text.normalize("NFKC").trim());
  while (chars.length > 0 && isBoxGlyph(chars[0]!)) chars.shift();
  return chars.join("").trim();
}

function same(a: Bbox, b: Bbox): boolean {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const small = Math.min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]));
  return small > 0 && (ix * iy) / small > 0.5;
}

function centreIn(a: Bbox, b: Bbox): boolean {
  const x = (a[0] + a[2]) / 2;
  const y = (a[1] + a[3]) / 2;
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
}
