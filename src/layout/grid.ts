/**
 * Ruled tables from ruling lines: rules that cross belong to one table; the table's distinct rule positions
 * make a grid, and a grid line missing between two grid cells joins them into one cell with a row or column span.
 */
import type { Bbox } from "../domain/geometry.ts";
import type { Rule, Rulings } from "./rulings.ts";

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  bbox: Bbox;
}

export interface GridTable {
  bbox: Bbox;
  rows: number;
  cols: number;
  cells: GridCell[];
}

/** Rule positions closer than this (mm) are one line: a scan's stroke is thick and slightly skewed. */
const SAME_LINE_MM = 1.5;

function crosses(h: Rule, v: Rule, tol: number): boolean {
  return v.x0 >= h.x0 - tol && v.x0 <= h.x1 + tol && h.y0 >= v.y0 - tol && h.y0 <= v.y1 + tol;
}

/** Sorted positions, those within `tol` of the previous one merged (their mean). */
function distinct(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const v of sorted) {
    const last = groups[groups.length - 1];
    if (last && v - last[last.length - 1]! <= tol) last.push(v);
    else groups.push([v]);
  }
  return groups.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

/** Groups of rules joined by crossings (a vertical rule crossing a horizontal one). */
function crossingGroups(r: Rulings, tol: number): { h: Rule[]; v: Rule[] }[] {
  const all = [
    ...r.horizontal.map((rule) => ({ rule, horizontal: true })),
    ...r.vertical.map((rule) => ({ rule, horizontal: false })),
  ];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  all.forEach((a, i) => {
    if (!a.horizontal) return;
    all.forEach((b, j) => {
      if (!b.horizontal && crosses(a.rule, b.rule, tol)) parent[find(i)] = find(j);
    });
  });
  const groups = new Map<number, { h: Rule[]; v: Rule[] }>();
  all.forEach((a, i) => {
    const root = find(i);
    const g = groups.get(root) ?? { h: [], v: [] };
    (a.horizontal ? g.h : g.v).push(a.rule);
    groups.set(root, g);
  });
  return [...groups.values()];
}

function tableOf(h: Rule[], v: Rule[], tol: number): GridTable | null {
  const ys = distinct(
    h.map((r) => r.y0),
    tol,
  );
  const xs = distinct(
    v.map((r) => r.x0),
    tol,
  );
  if (ys.length < 2 || xs.length < 2) return null;
  const R = ys.length - 1;
  const C = xs.length - 1;
  // A grid line is drawn between two grid cells when a rule runs through the middle of their shared edge.
  const vAt = (c: number, r: number) => {
    const x = xs[c]!;
    const y = (ys[r]! + ys[r + 1]!) / 2;
    return v.some((rule) => Math.abs(rule.x0 - x) <= tol && rule.y0 <= y && rule.y1 >= y);
  };
  const hAt = (r: number, c: number) => {
    const y = ys[r]!;
    const x = (xs[c]! + xs[c + 1]!) / 2;
    return h.some((rule) => Math.abs(rule.y0 - y) <= tol && rule.x0 <= x && rule.x1 >= x);
  };
  const taken: boolean[][] = Array.from({ length: R }, () => new Array<boolean>(C).fill(false));
  const cells: GridCell[] = [];
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (taken[r]![c]) continue;
      let colSpan = 1;
      while (c + colSpan < C && !vAt(c + colSpan, r) && !taken[r]![c + colSpan]) colSpan++;
      let rowSpan = 1;
      const open = (rr: number) =>
        Array.from({ length: colSpan }, (_, k) => c + k).every((cc) => !hAt(rr, cc) && !taken[rr]![cc]);
      while (r + rowSpan < R && open(r + rowSpan)) rowSpan++;
      for (let rr = r; rr < r + rowSpan; rr++) for (let cc = c; cc < c + colSpan; cc++) taken[rr]![cc] = true;
      cells.push({
        row: r,
        col: c,
        rowSpan,
        colSpan,
        bbox: [xs[c]!, ys[r]!, xs[c + colSpan]!, ys[r + rowSpan]!],
      });
    }
  }
  return { bbox: [xs[0]!, ys[0]!, xs[C]!, ys[R]!], rows: R, cols: C, cells };
}

/** Every ruled table of a page: at least two horizontal and two vertical rules crossing each other. */
export function tablesFromRulings(r: Rulings, dpi: number): GridTable[] {
  const tol = (SAME_LINE_MM / 25.4) * dpi;
  return crossingGroups(r, tol)
    .filter((g) => g.h.length >= 2 && g.v.length >= 2)
    .map((g) => tableOf(g.h, g.v, tol))
    .filter((t): t is GridTable => t !== null)
    .sort((a, b) => a.bbox[1] - b.bbox[1]);
}
