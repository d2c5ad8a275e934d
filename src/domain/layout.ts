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

/** What the layout stage saw on a page, between OCR and the field readers. */
export const PageLayout = z.object({
  tables: z.array(LayoutTable),
  pairs: z.array(KeyValue),
  /** Time the stage took on this page. */
  ms: z.number().nonnegative(),
});
export type PageLayout = z.infer<typeof PageLayout>;
