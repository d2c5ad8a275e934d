/** Line readers take a value up to the end of its text line. Where the page is a ruled table, a line can cross
 * cell rules (a two-column row read as one line: 注册地址 X 报告日期 Y) and a value can wrap inside its cell onto a
 * line of its own (a second standard under the first). The layout stage's key–value pair of the same label
 * family holds the value as its cell bounds it: these mend a line reading with it. */
import type { Field } from "../../domain/field.ts";
import type { LabelFamilyId } from "../../lexicon/labels.ts";
import { matchForm } from "../text/chars.ts";
import type { PagePair } from "./from-layout.ts";
import { managementStandardsIn } from "./header.ts";
import { addressIn } from "./organization.ts";

/** Characters two readings of one value must open with alike to be the same value. */
const SAME_OPENING = 6;

function cellsOf(pairs: readonly PagePair[], family: LabelFamilyId): PagePair[] {
  return pairs.filter((p) => p.pair.family === family && p.pair.value.text.trim() !== "");
}

/** Each site whose opening matches an address cell's and whose text differs is replaced by the cell's address. */
export function mendSitesByCells(field: Field<string[]>, pairs: readonly PagePair[]): Field<string[]> {
  const sites = field.value;
  const cells = cellsOf(pairs, "sites");
  if (!sites || cells.length === 0) return field;
  let mended: PagePair | null = null;
  const value = sites.map((site) => {
    const key = matchForm(site).slice(0, SAME_OPENING);
    for (const c of cells) {
      const address = addressIn(c.pair.value.text);
      if (address.length < SAME_OPENING || address === site) continue;
      if (matchForm(address).slice(0, SAME_OPENING) !== key) continue;
      mended ??= c;
      return address;
    }
    return site;
  });
  if (!mended) return field;
  const cell: PagePair = mended;
  return { ...field, value, raw: value.join("; "), page: cell.page, bbox: cell.pair.value.bbox };
}

/** The criteria cell's standards where they hold every standard the line reading found and more (the rest of a
 * list wrapped inside the cell). */
export function mendStandardsByCells(field: Field<string[]>, pairs: readonly PagePair[]): Field<string[]> {
  const read = field.value ?? [];
  for (const c of cellsOf(pairs, "standards")) {
    const inCell = managementStandardsIn(c.pair.value.text);
    if (inCell.length <= read.length || !read.every((s) => inCell.includes(s))) continue;
    return {
      ...field,
      value: inCell,
      raw: c.pair.value.text,
      confidence: field.value
        ? field.confidence
        : Math.round(c.pair.value.confidence * c.pair.quality * 1000) / 1000,
      page: c.page,
      bbox: c.pair.value.bbox,
      method: field.value ? field.method : c.source,
    };
  }
  return field;
}
