import { z } from "zod";
import { Bbox } from "./geometry.ts";

/** One cell of a ruled table, with the OCR text inside it in reading order (all its lines: a wrapped or
 * vertically centred cell is kept whole). */
export const LayoutCell = z.object({
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
  rowSpan: z.number().int().positive(),
  colSpan: z.number().int().positive(),
  bbox: Bbox,
  /** The cell's text lines joined (no break between Chinese characters, a space between Latin words). */
  text: z.string(),
  lines: z.array(z.string()),
  /** Mean OCR confidence of the words inside; 0 for an empty cell. */
  confidence: z.number().min(0).max(1),
  /** A doubtful cell read again on its own (cropped from the page): its text and each character's confidence. */
  reread: z
    .object({
      text: z.string(),
      charConfidences: z.array(z.number().min(0).max(1)),
    })
    .optional(),
});
export type LayoutCell = z.infer<typeof LayoutCell>;

export const LayoutTable = z.object({
  bbox: Bbox,
  rows: z.number().int().positive(),
  cols: z.number().int().positive(),
  cells: z.array(LayoutCell),
});
export type LayoutTable = z.infer<typeof LayoutTable>;

/** A label of a lexicon family and its value: in the same cell after the label, the cell to its right, or the
 * cell below. */
export const KeyValue = z.object({
  family: z.string(),
  label: z.object({ text: z.string(), bbox: Bbox }),
  value: z.object({ text: z.string(), bbox: Bbox, confidence: z.number().min(0).max(1) }),
  where: z.enum(["same-cell", "right", "below"]),
  /** 1 for a label printed exactly, lower per edit. */
  quality: z.number().min(0).max(1),
});
export type KeyValue = z.infer<typeof KeyValue>;

/** One tick box found in the page pixels (a square outline of box size) with its state read from its interior, and
 * the option text printed beside it: from the box to the next box of its row, the cell's edge or the line's end. */
export const OptionBox = z.object({
  bbox: Bbox,
  state: z.enum(["checked", "unchecked", "unclear"]),
  confidence: z.number().min(0).max(1),
  /** The option's words as OCR read them; empty when OCR read nothing there. */
  text: z.string(),
  textBbox: Bbox.nullable(),
});
export type OptionBox = z.infer<typeof OptionBox>;

/** Boxes printed on one row (or one box alone on its line), in reading order. */
export const OptionRow = z.object({
  bbox: Bbox,
  boxes: z.array(OptionBox),
  /** The option words stand before their boxes (符合□ 基本符合□), not after. */
  labelFirst: z.boolean(),
  /** Text printed on the row before its first box (the criterion, a heading): empty when none. */
  lead: z.string(),
  /** A row of an evaluation matrix (src/layout/matrix.ts): the whole matrix, its heading row included. Its boxes are
   * the cells under the option columns, each box's text the column heading. */
  matrix: Bbox.optional(),
});
export type OptionRow = z.infer<typeof OptionRow>;

/** What the layout stage saw on a page, between OCR and the field readers. */
export const PageLayout = z.object({
  tables: z.array(LayoutTable),
  pairs: z.array(KeyValue),
  /** Rows of tick boxes found in the pixels; absent in layouts recorded before the stage looked for them. */
  options: z.array(OptionRow).optional(),
  /** Time the stage took on this page. */
  ms: z.number().nonnegative(),
  /** Doubtful cells read again on their own, and the time those readings took (OCR of the crops). */
  rereads: z.number().int().nonnegative().optional(),
  rereadMs: z.number().nonnegative().optional(),
});
export type PageLayout = z.infer<typeof PageLayout>;
