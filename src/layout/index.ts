/** The layout stage: a page's ruled tables, their cells' text and the key–value pairs they hold, from the page
 * pixels and the OCR words, and the rows of tick boxes found in the pixels with their options' text. Run by the page stage (both runners) after OCR. */
import { performance } from "node:perf_hooks";
import type { PageLayout } from "../domain/layout.ts";
import type { OcrLine } from "../domain/ocr.ts";
import type { PageImage } from "../domain/page.ts";
import { findBoxes, optionRows } from "./boxes.ts";
import { fillCells } from "./cells.ts";
import { tablesFromRulings } from "./grid.ts";
import { matrixRows, outsideMatrices } from "./matrix.ts";
import { keyValues } from "./pairs.ts";
import { findRulings } from "./rulings.ts";

export async function buildPageLayout(image: PageImage, lines: readonly OcrLine[]): Promise<PageLayout> {
  const t0 = performance.now();
  const rulings = await findRulings(image);
  const tables = fillCells(tablesFromRulings(rulings, image.dpi), lines);
  const boxes = await findBoxes(image, lines);
  const matrices = matrixRows(image, tables, boxes);
  const options = [...outsideMatrices(optionRows(boxes, lines, tables), matrices), ...matrices];
  return { tables, pairs: keyValues(tables), options, ms: Math.round(performance.now() - t0) };
}
