/** A table cell's edges as OCR reads them: ruling lines and borders read as marks (|, ”, # …) are no part of the
 * cell. Which marks those are is measured (src/noise: readings at a word's edge where the print has none). */
import { confusions } from "../../noise/confusions.ts";
import { edgeGlyphs } from "../../noise/model.ts";
import { classOf } from "./pattern.ts";

/** Whitespace and the measured edge marks, as a character-class body. */
export const EDGE_CLASS = `\\s${classOf(edgeGlyphs())}`;
const EDGE_START = new RegExp(`^[${EDGE_CLASS}]+`, "u");
const EDGE_END = new RegExp(`[${EDGE_CLASS}]+$`, "u");

/** The cell's text without its edges, and how many characters were dropped before it. */
export function trimCellEdges(text: string): { text: string; lead: number } {
  const start = text.replace(EDGE_START, "");
  return { text: start.replace(EDGE_END, ""), lead: text.length - start.length };
}

/** What may stand between a label and its value: the cell's edges, a colon as OCR reads one, the stops and commas
 * specks are read as (ReportNo 。|DFBZ-2025-0150, 注册地址Registered。|郑州市…), and quotation marks (a value may be
 * printed quoted, and a rule is read as one: ReportNo， “|HXZR-2023-0143). Patterns using it need the u flag. */
export const VALUE_LEAD_CLASS = `${EDGE_CLASS}${confusions().classBody(":")}。.,，、\\p{Pi}\\p{Pf}"'`;
