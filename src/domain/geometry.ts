import { z } from "zod";

/** [x0, y0, x1, y1] in pixels of the page image at the page's DPI; origin top-left. */
export const Bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type Bbox = z.infer<typeof Bbox>;

export function unionBbox(boxes: readonly Bbox[]): Bbox | null {
  if (boxes.length === 0) return null;
  let [x0, y0, x1, y1] = boxes[0]!;
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return [x0, y0, x1, y1];
}

const boxHeight = (b: Bbox) => Math.max(1, b[3] - b[1]);

/** Two boxes on the same visual row: their vertical overlap is over half the smaller one. */
export function sameRow(a: Bbox, b: Bbox): boolean {
  return Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 0.5 * Math.min(boxHeight(a), boxHeight(b));
}

/** Items (taken in the order given) grouped into visual rows, rows top to bottom then left to right. An item
 * joins the first row it shares and whose items it does not `collide` with in x (two cells of one row). */
export function groupRows<T>(
  items: readonly T[],
  boxOf: (item: T) => Bbox,
  collide: (a: Bbox, b: Bbox) => boolean,
): { bbox: Bbox; items: T[] }[] {
  const rows: { bbox: Bbox; items: T[] }[] = [];
  for (const item of items) {
    const box = boxOf(item);
    const row = rows.find((r) => sameRow(r.bbox, box) && !r.items.some((m) => collide(boxOf(m), box)));
    if (row) {
      row.items.push(item);
      row.bbox = unionBbox([row.bbox, box]) ?? row.bbox;
    } else rows.push({ bbox: box, items: [item] });
  }
  return rows.sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
}
