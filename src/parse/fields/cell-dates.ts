/** A date range read from a text line ends where the line ends. In a ruled table a range can wrap inside its cell:
 * the half-day word or the days stated after it (2025年6月30日上午至7月2日上 / 午(共2.5天）) go to the cell's next
 * line, and the line reading counts the last day whole; or the range itself wraps (2025年6月30日上午 / 至7月2日…)
 * and the line reading holds its first day only. The layout stage keeps every cell's text whole: a range read
 * inside a wrapped cell is read again from the whole cell. */
import type { Field } from "../../domain/field.ts";
import type { LayoutCell } from "../../domain/layout.ts";
import type { OcrPage } from "../../domain/ocr.ts";
import { findDateRange, rangeDays, statedDays } from "../normalize/dates.ts";
import type { DateFields } from "./dates.ts";

interface RangeKeys {
  from: "auditStart" | "stage1Start";
  to: "auditEnd" | "stage1End";
  days: "auditDays" | "stage1Days";
}

const RANGES: readonly RangeKeys[] = [
  { from: "auditStart", to: "auditEnd", days: "auditDays" },
  { from: "stage1Start", to: "stage1End", days: "stage1Days" },
];

/** The cell of the page whose box holds the centre of `field`'s box. */
function cellOf(field: Field<unknown>, pages: readonly OcrPage[]): LayoutCell | null {
  const box = field.bbox;
  const page = pages.find((p) => p.page === field.page);
  if (!box || !page?.layout) return null;
  const x = (box[0] + box[2]) / 2;
  const y = (box[1] + box[3]) / 2;
  for (const table of page.layout.tables) {
    for (const cell of table.cells) {
      const [x0, y0, x1, y1] = cell.bbox;
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1) return cell;
    }
  }
  return null;
}

/** The range read again from its whole cell where the cell wraps and opens the range on the same day: the end
 * and the days the cell gives (an end, a half day or a stated count the line missed) replace the line's. A cell
 * whose range opens on another day changes nothing (the line reading stays, as read). */
function mendRange(dates: DateFields, keys: RangeKeys, pages: readonly OcrPage[]): DateFields {
  const from = dates[keys.from];
  const to = dates[keys.to];
  const days = dates[keys.days];
  if (from.value === null) return dates;
  const cell = cellOf(from, pages);
  if (!cell || cell.lines.length < 2) return dates;
  const range = findDateRange(cell.text);
  if (!range?.to.iso || range.from.iso !== from.value) return dates;
  const whole = statedDays(cell.text.slice(range.end), range) ?? rangeDays(range);
  if (whole === null || (whole === days.value && range.to.iso === to.value)) return dates;
  const confidence = Math.round(Math.min(from.confidence, cell.confidence) * 1000) / 1000;
  const inCell = { raw: cell.text, confidence, page: from.page, bbox: cell.bbox };
  const mendedTo: Field<string> =
    range.to.iso === to.value ? to : { ...inCell, value: range.to.iso, method: from.method };
  const mendedDays: Field<number> = { ...inCell, value: whole, method: "derived" };
  return { ...dates, [keys.to]: mendedTo, [keys.days]: mendedDays };
}

export function mendRangesByCells(dates: DateFields, pages: readonly OcrPage[]): DateFields {
  return RANGES.reduce((d, keys) => mendRange(d, keys, pages), dates);
}
