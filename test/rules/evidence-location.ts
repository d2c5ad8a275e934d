import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Flag } from "../../src/domain/flag.ts";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { OcrPage } from "../../src/domain/ocr.ts";
import type { AuditRecord } from "../../src/domain/record.ts";
import { buildLines, type DocLine } from "../../src/parse/text/lines.ts";

/** Where a finding's evidence points, checked against the OCR the record was read from (`<out>/ocr/<name>.json`):
 * each piece of evidence must name a page and a box, the box must lie on one visual line of that page (a section's
 * start or a box over several lines is not "the line"), and that line must hold the quoted words. A tick box
 * (evidence "符合（checked）") must stand on the line of its option's label. */

export interface EvidenceProblem {
  rule: string;
  file: string;
  problem: string;
}

export interface FlagAt {
  file: string;
  flag: Flag;
  lines: DocLine[];
}

const compact = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");
const STATE = /（(checked|unchecked|unclear)）$/;

function grams(s: string): string[] {
  const n = Math.min(3, s.length);
  const out: string[] = [];
  for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
  return out;
}

function verticalOverlap(a: Bbox, b: Bbox): number {
  return Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
}

/** The visual line a box marks: the one line whose middle the box spans (a table cell's box is taller than its
 * text, and still marks one line), or, for a box within a line (a value, a tick box), the line holding most of its
 * height. Null when the box spans the middles of several lines (a section's start, a paragraph) or of none. */
export function lineOfBox(lines: readonly DocLine[], page: number, bbox: Bbox): DocLine | null {
  const across = lines.filter((l) => l.page === page && l.bbox[0] < bbox[2] && bbox[0] < l.bbox[2]);
  const spanned = across.filter((l) => {
    const middle = (l.bbox[1] + l.bbox[3]) / 2;
    return middle >= bbox[1] && middle <= bbox[3];
  });
  if (spanned.length > 1) return null;
  if (spanned.length === 1) return spanned[0] ?? null;
  let best: DocLine | null = null;
  let bestOverlap = 0;
  for (const l of across) {
    const o = verticalOverlap(l.bbox, bbox);
    if (o > bestOverlap) {
      best = l;
      bestOverlap = o;
    }
  }
  if (!best) return null;
  const height = Math.max(1, Math.min(bbox[3] - bbox[1], best.bbox[3] - best.bbox[1]));
  return bestOverlap >= 0.5 * height ? best : null;
}

/** Share of the quote's 3-character windows the line holds (…, the tick state and the section id left out). */
export function quoteShare(line: DocLine, quote: string): number {
  const q = compact(quote.replace(STATE, "").replace(/…/g, ""));
  const gs = grams(q);
  if (gs.length === 0) return 1;
  const t = compact(line.text);
  return gs.filter((g) => t.includes(g)).length / gs.length;
}

export function checkFlag({ file, flag, lines }: FlagAt): string[] {
  if (flag.evidence.length === 0) return flag.rule === "REQ-MISSING" ? [] : ["no evidence"];
  return flag.evidence.flatMap((e) => {
    if (e.page === null || e.bbox === null)
      return [`evidence “${e.text}” has no ${e.page === null ? "page" : "box"}`];
    const line = lineOfBox(lines, e.page, e.bbox);
    if (!line) return [`evidence “${e.text}” (page ${e.page}) is not on one line: box ${e.bbox.join(",")}`];
    // A masked number (PII) and a tick box quote what is not printed as such: the line holds its label or digits.
    const quote = flag.rule === "PII-ID-NUMBER" ? e.text.replace(/^.*：/, "").replace(/\*+/g, "") : e.text;
    // A long quote runs on over the next lines: its line is where it starts (or ends).
    const q = compact(quote.replace(STATE, "").replace(/…/g, ""));
    const t = compact(line.text);
    const ends = q.length > 24 && (t.includes(q.slice(0, 8)) || t.includes(q.slice(-8)));
    return ends || quoteShare(line, quote) >= 0.34
      ? []
      : [`evidence “${e.text}” on page ${e.page} line “${line.text}” (${file})`];
  });
}

/** Findings (high/medium) of every record in an output folder, with the visual lines of the OCR they came from. */
export function findingsWithLines(out: string): FlagAt[] {
  const dir = join(out, "records");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => {
      const record = JSON.parse(readFileSync(join(dir, f), "utf8")) as AuditRecord;
      const flags = record.flags.filter((x) => x.status === "finding" && x.severity !== "low");
      if (flags.length === 0) return [];
      const ocr = JSON.parse(readFileSync(join(out, "ocr", f), "utf8")) as { pages: OcrPage[] };
      const lines = buildLines(ocr.pages);
      return flags.map((flag) => ({ file: record.document.file, flag, lines }));
    });
}
