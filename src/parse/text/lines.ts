import type { FieldMethod } from "../../domain/field.ts";
import { type Bbox, groupRows, unionBbox } from "../../domain/geometry.ts";
import type { OcrLine, OcrPage, OcrWord } from "../../domain/ocr.ts";
import { isAsciiAlnum, matchForm, nfkcChar } from "./chars.ts";

/** One visual row of a page, in reading order, with enough geometry to give any substring a box. */
export interface DocLine {
  /** Position in the document's reading order. */
  index: number;
  page: number;
  /** Cleaned text: NFKC per character, spaces kept only between Latin/digit runs, "\t" between cells. */
  text: string;
  /** Box of every character of `text` (estimated along the line when the words are unknown). */
  charBoxes: Bbox[];
  /** OCR confidence of every character of `text`: its word's (1 for inserted spaces and cell breaks). Votes
   * across the places a value is printed weigh each reading by it. */
  charConfidences: number[];
  words: OcrWord[];
  bbox: Bbox;
  confidence: number;
  method: FieldMethod;
}

interface Piece {
  text: string;
  bbox: Bbox;
  confidence: number;
}

const height = (b: Bbox) => Math.max(1, b[3] - b[1]);

interface Built {
  text: string;
  boxes: Bbox[];
  confs: number[];
}

function pushChar(out: Built, ch: string, box: Bbox, conf: number): void {
  out.text += ch;
  out.boxes.push(box);
  out.confs.push(conf);
}

function popChar(out: Built): void {
  out.text = out.text.slice(0, -1);
  out.boxes.pop();
  out.confs.pop();
}

/** Cleans one run of text (no cell breaks inside) and gives each kept character a box. */
function appendRun(out: Built, piece: Piece): void {
  const chars = [...piece.text];
  const step = (piece.bbox[2] - piece.bbox[0]) / Math.max(1, chars.length);
  chars.forEach((raw, i) => {
    const ch = nfkcChar(raw);
    const box: Bbox = [
      piece.bbox[0] + i * step,
      piece.bbox[1],
      piece.bbox[0] + (i + 1) * step,
      piece.bbox[3],
    ];
    if (ch === "\t") {
      // Every tab is kept, leading and repeated ones too: they say which cells are empty.
      if (out.text.endsWith(" ")) popChar(out);
      pushChar(out, "\t", box, 1);
      return;
    }
    if (/\s/.test(ch)) {
      // Three or more spaces in a text layer separate cells; a single space only matters between Latin/digits.
      const rest = chars.slice(i).join("");
      if (
        /^\s{3,}/.test(rest) &&
        !out.text.endsWith("\t") &&
        out.text.length > 0 &&
        !/\s/.test(chars[i - 1] ?? "")
      ) {
        pushChar(out, "\t", box, 1);
      } else if (!out.text.endsWith(" ") && !out.text.endsWith("\t") && out.text.length > 0) {
        pushChar(out, " ", box, 1);
      }
      return;
    }
    // Drop a pending space unless both neighbours are Latin/digits ("8:30:00 上午" keeps none, "No. 5" keeps it).
    if (out.text.endsWith(" ")) {
      const before = out.text[out.text.length - 2];
      if (!(isAsciiAlnum(before) || before === ".") || !isAsciiAlnum(ch)) popChar(out);
    }
    pushChar(out, ch, box, piece.confidence);
  });
}

/** Joins words of one visual row; a wide gap (over 1.5 line heights) is a table cell break. */
function lineFromPieces(pieces: Piece[], page: number, method: FieldMethod): Omit<DocLine, "index"> {
  const sorted = [...pieces].sort((a, b) => a.bbox[0] - b.bbox[0]);
  const out: Built = { text: "", boxes: [], confs: [] };
  let prev: Piece | null = null;
  for (const p of sorted) {
    if (prev) {
      const gap = p.bbox[0] - prev.bbox[2];
      const h = Math.max(height(p.bbox), height(prev.bbox));
      if (gap > 1.5 * h)
        appendRun(out, { text: "\t", bbox: [prev.bbox[2], p.bbox[1], p.bbox[0], p.bbox[3]], confidence: 1 });
      else if (gap > 0.25 * h || (/\d$/.test(prev.text) && /^\d/.test(p.text)))
        // Two words the engine read apart stay apart when digits meet: "2023-11-07" "8:30:00" joined would
        // read as the day 078. The space is dropped again unless both neighbours are Latin or digits.
        appendRun(out, { text: " ", bbox: [prev.bbox[2], p.bbox[1], p.bbox[0], p.bbox[3]], confidence: 1 });
    }
    appendRun(out, p);
    prev = p;
  }
  const text = out.text.replace(/[ \t]+$/, "");
  const boxes = out.boxes.slice(0, text.length);
  const charConfidences = out.confs.slice(0, text.length);
  const bbox = unionBbox(pieces.map((p) => p.bbox)) ?? [0, 0, 0, 0];
  const confidence = pieces.length ? pieces.reduce((s, p) => s + p.confidence, 0) / pieces.length : 0;
  return {
    page,
    text,
    charBoxes: boxes,
    charConfidences,
    words: pieces.map((p) => ({ text: p.text, bbox: p.bbox, confidence: p.confidence })),
    bbox,
    confidence,
    method,
  };
}

function piecesOf(line: OcrLine): Piece[] {
  const words = line.words.filter((w) => w.text.trim() !== "");
  if (words.length > 0) return words;
  return [{ text: line.text, bbox: line.bbox, confidence: line.confidence }];
}

/** OCR lines of all pages -> one reading-order list. Lines the engine split on one row (table cells) are
 * joined back into one row, because labels and their values, and table cells, belong together. */
export function buildLines(pages: readonly OcrPage[]): DocLine[] {
  const out: DocLine[] = [];
  const ordered = [...pages].sort((a, b) => a.page - b.page);
  for (const page of ordered) {
    if (page.error) continue;
    const method: FieldMethod = page.source === "text-layer" ? "text-layer" : "ocr";
    const lines = page.lines.filter((l) => l.text.trim() !== "" || l.words.some((w) => w.text.trim() !== ""));
    const byTop = [...lines].sort((a, b) => a.bbox[1] - b.bbox[1]);
    for (const row of groupRows(byTop, (l) => l.bbox, overlapsX)) {
      const sortedLines = [...row.items].sort((a, b) => a.bbox[0] - b.bbox[0]);
      const pieces: Piece[] = [];
      sortedLines.forEach((l, i) => {
        // A line that already carries tabs (text layer) keeps them; separate engine lines are separate cells.
        if (i > 0) {
          const prev = sortedLines[i - 1]!;
          pieces.push({ text: "\t", bbox: [prev.bbox[2], l.bbox[1], l.bbox[0], l.bbox[3]], confidence: 1 });
        }
        pieces.push(...piecesOf(l));
      });
      const built = lineFromPiecesKeepingOrder(pieces, page.page, method);
      if (built.text.trim() !== "") out.push({ ...built, index: out.length });
    }
  }
  return out;
}

function overlapsX(a: Bbox, b: Bbox): boolean {
  return Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 0;
}

/** Pieces already in x order (explicit tab pieces included) -> a line. */
function lineFromPiecesKeepingOrder(
  pieces: Piece[],
  page: number,
  method: FieldMethod,
): Omit<DocLine, "index"> {
  const groups: Piece[][] = [[]];
  for (const p of pieces) {
    if (p.text === "\t") groups.push([]);
    else groups[groups.length - 1]!.push(p);
  }
  const parts = groups.filter((g) => g.length > 0).map((g) => lineFromPieces(g, page, method));
  if (parts.length === 1) return parts[0]!;
  const text: string[] = [];
  const boxes: Bbox[] = [];
  const confs: number[] = [];
  parts.forEach((p, i) => {
    if (i > 0) {
      text.push("\t");
      boxes.push(p.bbox);
      confs.push(1);
    }
    text.push(p.text);
    boxes.push(...p.charBoxes);
    confs.push(...p.charConfidences);
  });
  const words = parts.flatMap((p) => p.words);
  return {
    page,
    text: text.join(""),
    charBoxes: boxes,
    charConfidences: confs,
    words,
    bbox: unionBbox(parts.map((p) => p.bbox)) ?? [0, 0, 0, 0],
    confidence: parts.reduce((s, p) => s + p.confidence, 0) / parts.length,
    method,
  };
}

/** Box of characters [start, end) of a line. */
export function spanBbox(line: DocLine, start: number, end: number): Bbox {
  const boxes = line.charBoxes.slice(Math.max(0, start), Math.max(start + 1, end));
  return unionBbox(boxes) ?? line.bbox;
}

/** The cells of a row: text split at cell breaks. */
export function cellsOf(line: DocLine): string[] {
  return line.text.split("\t").map((c) => c.trim());
}

export function lineMatchForm(line: DocLine): string {
  return matchForm(line.text);
}
