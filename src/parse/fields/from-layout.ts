/** Fields from the layout stage's key–value pairs (a label cell of a lexicon family and its value cell), for the
 * fields the line readers left unread: a value in the cell beside its label is read even where the lines do not
 * put the two together (a two-line value cell, a stacked bilingual label). */
import type { Field } from "../../domain/field.ts";
import { missingField } from "../../domain/field.ts";
import type { KeyValue } from "../../domain/layout.ts";
import type { OcrPage } from "../../domain/ocr.ts";
import type { LabelFamilyId } from "../../lexicon/labels.ts";
import { HEADCOUNT_WORDS } from "../../lexicon/organization.ts";
import { type DateRange, findDateRange, leadingDate, rangeDays, unglued } from "../normalize/dates.ts";
import { parseInteger, toHalfWidth } from "../normalize/numbers.ts";
import { VALUE_LEAD_CLASS } from "../text/cell-edge.ts";
import { chineseParens } from "../text/labels.ts";
import { alternation } from "../text/pattern.ts";
import { withoutFillers } from "./dates.ts";

export interface PagePair {
  page: number;
  pair: KeyValue;
  /** Where the page's text came from: a field read from its pairs says so. */
  source: OcrPage["source"];
}

export function layoutPairs(pages: readonly OcrPage[]): PagePair[] {
  return pages.flatMap((p) =>
    (p.layout?.pairs ?? []).map((pair) => ({ page: p.page, pair, source: p.source })),
  );
}

function fieldFrom<T>(p: PagePair, value: T, confidence = 1): Field<T> {
  return {
    value,
    raw: p.pair.value.text,
    confidence: Math.round(p.pair.value.confidence * p.pair.quality * confidence * 1000) / 1000,
    page: p.page,
    bbox: p.pair.value.bbox,
    method: p.source,
  };
}

/** The first pair of the family whose value `read` accepts, as a field. */
function first<T>(
  pairs: readonly PagePair[],
  family: LabelFamilyId,
  read: (text: string) => T | null,
): Field<T> {
  for (const p of pairs) {
    if (p.pair.family !== family) continue;
    const value = read(p.pair.value.text);
    if (value !== null) return fieldFrom(p, value);
  }
  return missingField();
}

/** Keeps `field` where a line reader read or saw something; else the layout's value. */
export function orLayout<T>(field: Field<T>, fromLayout: () => Field<T>): Field<T> {
  return field.value !== null || field.raw !== null ? field : fromLayout();
}

/** A headcount cell: a number, perhaps with its unit (86人, 86 名). */
const HEADCOUNT_CELL = new RegExp(`^\\s*(\\d{1,6})\\s*(?:${alternation(HEADCOUNT_WORDS.units)})?\\s*$`);

/** A report-number cell: the number, after what may stand between it and its label. */
const REPORT_NUMBER_CELL = new RegExp(`^[${VALUE_LEAD_CLASS}]*([A-Za-z0-9][A-Za-z0-9\\-_/.()]{2,40})$`, "u");

export const layoutReaders = {
  reportNumber: (pairs: readonly PagePair[]) =>
    first(pairs, "reportNumber", (t) => {
      const m = toHalfWidth(t).match(REPORT_NUMBER_CELL);
      return m?.[1] && /\d/.test(m[1]) ? m[1] : null;
    }),
  organization: (pairs: readonly PagePair[]) =>
    first(pairs, "organization", (t) => (/^[\u4e00-\u9fa5（）()]{4,60}$/.test(t) ? chineseParens(t) : null)),
  scope: (pairs: readonly PagePair[]) =>
    first(pairs, "scope", (t) => (t.length >= 2 ? chineseParens(t) : null)),
  employees: (pairs: readonly PagePair[]) =>
    first(pairs, "headcount", (t) => {
      const m = toHalfWidth(t).match(HEADCOUNT_CELL);
      return m?.[1] ? parseInteger(m[1]) : null;
    }),
  reportDate: (pairs: readonly PagePair[]) => first(pairs, "reportDate", (t) => leadingDate(t)?.iso ?? null),
  auditStart: (pairs: readonly PagePair[]) =>
    first(pairs, "auditDates", (t) => auditRange(t)?.from.iso ?? null),
  auditEnd: (pairs: readonly PagePair[]) => first(pairs, "auditDates", (t) => auditRange(t)?.to.iso ?? null),
  coverageFrom: (pairs: readonly PagePair[]) =>
    first(pairs, "coverage", (t) => auditRange(withoutFillers(t).text)?.from.iso ?? null),
  coverageTo: (pairs: readonly PagePair[]) =>
    first(pairs, "coverage", (t) => auditRange(withoutFillers(t).text)?.to.iso ?? null),
  auditDays: (pairs: readonly PagePair[]) =>
    first(pairs, "auditDates", (t) => {
      const r = auditRange(t);
      return r ? rangeDays(r) : null;
    }),
};

/** A range whose two ends are real days; two dates glued where OCR dropped the dash are read as their range. */
function auditRange(text: string): DateRange | null {
  const one = unglued(text, findDateRange(text));
  const glued = one !== null && one !== "unread" && one.from !== one.to ? one : null;
  const r = findDateRange(text, false) ?? glued;
  return r?.from.iso && r.to.iso ? r : null;
}
