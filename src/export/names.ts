import { createHash } from "node:crypto";
import type { AuditRecord } from "../domain/record.ts";

/** Longest readable part of a name, in UTF-8 bytes. File systems allow 255 bytes per name; this leaves room
 * for the hashes and `.json`/`.txt`, and keeps Chinese names (3 bytes a character) readable. */
const MAX_STEM_BYTES = 120;

/** Characters kept as they are: letters and digits of any script (Chinese names stay readable), combining
 * marks, a few ASCII punctuation marks and the CJK brackets common in report names; all are safe in file
 * names on every common OS. */
const KEEP = /[\p{L}\p{M}\p{N}._()（）【】《》〔〕、，·-]/u;
/** Between folders of the input path: never produced by sanitising, so folder boundaries are not lost. */
const FOLDER_SEP = "__";
/** Device names Windows reserves whatever the extension (CON.pdf is CON). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

const sha8 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex").slice(0, 8);

function sanitiseSegment(segment: string): string {
  let out = "";
  let lastWasUnderscore = false;
  for (const ch of segment) {
    const keep = KEEP.test(ch);
    const c = keep ? ch : "_";
    // Runs of replaced characters collapse so a name of emoji or spaces does not become a wall of "_".
    if (c === "_" && lastWasUnderscore && !keep) continue;
    out += c;
    lastWasUnderscore = c === "_";
  }
  // No hidden files, no "." or ".." and no trailing dots (Windows drops them).
  out = out.replace(/^\.+/, "").replace(/\.+$/, "");
  if (WINDOWS_RESERVED.test(out.split(".")[0] ?? "")) out = `_${out}`;
  return out;
}

/** Cuts at a grapheme boundary so no surrogate pair or combining sequence is split. */
function truncateUtf8(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s, "utf8") <= maxBytes) return s;
  let out = "";
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter("und", { granularity: "grapheme" }).segment(s)) {
    const b = Buffer.byteLength(segment, "utf8");
    if (bytes + b > maxBytes) break;
    out += segment;
    bytes += b;
  }
  return out;
}

/**
 * A readable, safe base name (no extension) for a file name as the pipeline records it
 * (`report-0001.pdf`, `2023/a/report.pdf`, or a missing path as typed, `../x.pdf`).
 *
 * `<stem>-<8 hex of the document id>`; the stem keeps the folders (`a__report.pdf`) so same-named files in
 * different folders stay apart even when their bytes (and so their ids) are equal. When the stem had to
 * change the name (odd characters, `..`, truncation), 8 hex of the full original name are added too, so
 * two names that sanitise alike still differ. With no usable id (an input that was never read), the
 * original name's hash stands in for it.
 */
export function safeName(file: string, documentId: string): string {
  const normalised = file.normalize("NFC");
  const rawSegments = normalised.split(/[/\\]+/);
  const segments = rawSegments.map(sanitiseSegment).filter((s) => s !== "");
  let stem = segments.join(FOLDER_SEP);
  let lossy =
    segments.length !== rawSegments.length ||
    segments.some((s, i) => s !== rawSegments[i] || s.includes(FOLDER_SEP));
  const cut = truncateUtf8(stem, MAX_STEM_BYTES).replace(/[._]+$/, "");
  if (cut !== stem) lossy = true;
  stem = cut.replace(/^-+/, "") || "document"; // a leading "-" reads as an option to shell tools
  const idHex = /^[0-9a-f]{8}/i.exec(documentId)?.[0]?.toLowerCase() ?? sha8(`no-id:${file}`);
  return lossy ? `${stem}~${sha8(file)}-${idHex}` : `${stem}-${idHex}`;
}

/** The base name of every per-document output: records/<name>.json, text/<name>.txt, ocr/<name>.json. */
export function outputName(record: AuditRecord): string {
  return safeName(record.document.file, record.document.id);
}
