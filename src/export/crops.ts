import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { Bbox } from "../domain/geometry.ts";
import type { AuditRecord } from "../domain/record.ts";
import { writeFileAtomic } from "./files.ts";
import { outputName } from "./names.ts";

/** Bumped when crop geometry or encoding changes, so cached crops from an older layout are redone. */
const CROP_VERSION = 3;
/** Context around the evidence box: wide sideways so a tick box shows its label and a date the words around
 * it, a little up and down so the neighbouring lines show too. */
const MARGIN_X_INCH = 1.2;
const MARGIN_Y_INCH = 0.25;
/** Crops wider than this are scaled down: a full-width line at 300 DPI is ~2400 px, too heavy x 1,000. */
const MAX_CROP_WIDTH = 1400;
/** Page images decoded at once; each 300 DPI A4 page is ~26 MB raw. */
const CONCURRENCY = 4;

/** Document ids become path parts; only a sha256-looking id is trusted there (a record file is input). */
export const SAFE_ID = /^[0-9a-f]{8,128}$/i;

export const cropsDir = (out: string) => path.join(out, "review", "crops");
export const pageImagePath = (out: string, id: string, page: number) =>
  path.join(out, "pages", id, `${page}.jpg`);

/** Crop file for the n-th evidence item (1-based, counting every evidence item of every flag in order).
 * `base` is the document id; a second record with the same id (the same bytes under two names, whose
 * flags can differ) gets `<id>~2`, so the two never overwrite each other's crops. */
export const cropFileName = (base: string, n: number) => `${base}-${n}.jpg`;

/** outputName(record) -> evidence number -> src relative to `<out>` (posix, for the page's <img>). */
export type CropIndex = Map<string, Map<number, string>>;

export interface CropResult {
  index: CropIndex;
  /** Page images that exist but could not be cropped (corrupt files): shown as a note on the page. */
  failed: { documentId: string; page: number; message: string }[];
}

interface CropJob {
  n: number;
  bbox: Bbox;
}

interface Manifest {
  version: number;
  crops: Record<string, string>;
}

async function readManifest(file: string): Promise<Manifest> {
  try {
    const m = JSON.parse(await readFile(file, "utf8")) as Partial<Manifest>;
    if (m.version === CROP_VERSION && m.crops && typeof m.crops === "object") return m as Manifest;
  } catch {
    // none yet or unreadable: every crop is made again
  }
  return { version: CROP_VERSION, crops: {} };
}

/**
 * The box grown by the margin and clipped to the page; null when nothing of it is on the page. With the
 * page's OCR lines, the region then takes in every line it touches, whole: a crop never ends
 * mid-sentence. Lines are grown into the region until none is cut (a line is added at most once).
 */
export function cropRegion(
  bbox: Bbox,
  width: number,
  height: number,
  dpi: number,
  lines: readonly Bbox[] = [],
) {
  const mx = Math.max(16, Math.round(MARGIN_X_INCH * dpi));
  const my = Math.max(16, Math.round(MARGIN_Y_INCH * dpi));
  let x0 = Math.min(bbox[0], bbox[2]) - mx;
  let y0 = Math.min(bbox[1], bbox[3]) - my;
  let x1 = Math.max(bbox[0], bbox[2]) + mx;
  let y1 = Math.max(bbox[1], bbox[3]) + my;
  const pad = Math.round(0.05 * dpi);
  const pending = lines.filter((l) => l.every(Number.isFinite));
  for (let grown = true; grown; ) {
    grown = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      const l = pending[i] as Bbox;
      const [lx0, lx1] = [Math.min(l[0], l[2]), Math.max(l[0], l[2])];
      const [ly0, ly1] = [Math.min(l[1], l[3]), Math.max(l[1], l[3])];
      // A line whose middle lies in the band and which overlaps sideways: part of the context shown.
      const mid = (ly0 + ly1) / 2;
      if (mid < y0 || mid > y1 || lx1 < x0 || lx0 > x1) continue;
      x0 = Math.min(x0, lx0 - pad);
      x1 = Math.max(x1, lx1 + pad);
      y0 = Math.min(y0, ly0 - pad);
      y1 = Math.max(y1, ly1 + pad);
      pending.splice(i, 1);
      grown = true;
    }
  }
  x0 = Math.max(0, Math.floor(x0));
  y0 = Math.max(0, Math.floor(y0));
  x1 = Math.min(width, Math.ceil(x1));
  y1 = Math.min(height, Math.ceil(y1));
  if (!Number.isFinite(x0 + y0 + x1 + y1) || x1 - x0 < 2 || y1 - y0 < 2) return null;
  return { left: x0, top: y0, width: x1 - x0, height: y1 - y0 };
}

/** A red frame just outside the evidence box, so the eye finds it; outside so it never hides the text.
 * Drawn in output pixels (after any scaling down): sharp composites after resizing. */
function outlineSvg(bbox: Bbox, region: Region, scale: number) {
  const pad = 4;
  const x = (Math.min(bbox[0], bbox[2]) - region.left) * scale - pad;
  const y = (Math.min(bbox[1], bbox[3]) - region.top) * scale - pad;
  const w = Math.abs(bbox[2] - bbox[0]) * scale + 2 * pad;
  const h = Math.abs(bbox[3] - bbox[1]) * scale + 2 * pad;
  const width = Math.round(region.width * scale);
  const height = Math.round(region.height * scale);
  return {
    width,
    height,
    svg: Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
        `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="#e00000" stroke-width="3"/></svg>`,
    ),
  };
}

type Region = NonNullable<ReturnType<typeof cropRegion>>;

async function cropPage(
  image: string,
  dpi: number,
  jobs: readonly CropJob[],
  target: (n: number) => string,
  lines: readonly Bbox[],
): Promise<number[]> {
  // Decode once per page, then cut every crop from the raw pixels.
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };
  const made: number[] = [];
  for (const job of jobs) {
    const region = cropRegion(job.bbox, info.width, info.height, dpi, lines);
    if (!region) continue;
    const scale = Math.min(1, MAX_CROP_WIDTH / region.width);
    const frame = outlineSvg(job.bbox, region, scale);
    const jpeg = await sharp(data, { raw })
      .extract(region)
      .resize({ width: frame.width, height: frame.height, fit: "fill" })
      .composite([{ input: frame.svg, left: 0, top: 0 }])
      .jpeg({ quality: 75 })
      .toBuffer();
    await writeFileAtomic(target(job.n), jpeg);
    made.push(job.n);
  }
  return made;
}

/** The OCR lines of each page, from `<out>/ocr/<name>.json` as ingest wrote it; none when absent or
 * unreadable (the crop then keeps its plain margins). */
async function readOcrLines(out: string, name: string): Promise<Map<number, Bbox[]>> {
  const byPage = new Map<number, Bbox[]>();
  try {
    const doc = JSON.parse(await readFile(path.join(out, "ocr", `${name}.json`), "utf8")) as {
      pages?: { page?: unknown; lines?: { bbox?: unknown }[] }[];
    };
    for (const p of doc.pages ?? []) {
      if (typeof p.page !== "number" || !Array.isArray(p.lines)) continue;
      const boxes = p.lines
        .map((l) => l.bbox)
        .filter(
          (b): b is Bbox => Array.isArray(b) && b.length === 4 && b.every((v) => typeof v === "number"),
        );
      byPage.set(p.page, boxes);
    }
  } catch {
    // no OCR file (an older run, or records copied without it)
  }
  return byPage;
}

async function pool<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Crops around every flag's evidence box from `<out>/pages/<id>/<page>.jpg` into
 * `<out>/review/crops/<id>-<n>.jpg`. A missing or unreadable page image means no crop (the page shows the
 * evidence text alone), never a failed export. Crops whose page image and box are unchanged since the last
 * run are kept, so `export --format html` over 1,000 reports does not decode every page again.
 */
export async function makeCrops(out: string, records: readonly AuditRecord[]): Promise<CropResult> {
  const dir = cropsDir(out);
  const manifestPath = path.join(dir, "manifest.json");
  const old = await readManifest(manifestPath);
  const next: Manifest = { version: CROP_VERSION, crops: {} };
  const index: CropIndex = new Map();
  const failed: CropResult["failed"] = [];
  const tasks: { key: string; id: string; base: string; page: number; dpi: number; jobs: CropJob[] }[] = [];
  const idUses = new Map<string, number>();
  const ocrLines = new Map<string, Promise<Map<number, Bbox[]>>>();
  const linesOf = (key: string) => {
    const known = ocrLines.get(key) ?? readOcrLines(out, key);
    ocrLines.set(key, known);
    return known;
  };

  for (const record of records) {
    const id = record.document.id;
    if (!SAFE_ID.test(id)) continue;
    const uses = (idUses.get(id) ?? 0) + 1;
    idUses.set(id, uses);
    const base = uses === 1 ? id : `${id}~${uses}`;
    const key = outputName(record);
    const byPage = new Map<number, CropJob[]>();
    let n = 0;
    for (const flag of record.flags)
      for (const ev of flag.evidence) {
        n += 1;
        if (ev.page === null || ev.bbox === null || !Number.isInteger(ev.page) || ev.page < 1) continue;
        byPage.set(ev.page, [...(byPage.get(ev.page) ?? []), { n, bbox: ev.bbox }]);
      }
    for (const [page, jobs] of byPage)
      tasks.push({ key, id, base, page, dpi: record.document.ocr.dpi ?? 300, jobs });
  }

  await pool(tasks, CONCURRENCY, async ({ key, id, base, page, dpi, jobs }) => {
    const image = pageImagePath(out, id, page);
    const st = await stat(image).catch(() => null);
    if (!st?.isFile()) return;
    const keyOf = (job: CropJob) => JSON.stringify([page, job.bbox, dpi, st.size, st.mtimeMs]);
    const record = (job: CropJob) => {
      const name = cropFileName(base, job.n);
      next.crops[name] = keyOf(job);
      const perDoc = index.get(key) ?? new Map<number, string>();
      perDoc.set(job.n, `review/crops/${name}`);
      index.set(key, perDoc);
    };
    const fresh: CropJob[] = [];
    for (const job of jobs) {
      const name = cropFileName(base, job.n);
      const cached = old.crops[name] === keyOf(job) && (await stat(path.join(dir, name)).catch(() => null));
      if (cached) record(job);
      else fresh.push(job);
    }
    if (!fresh.length) return;
    try {
      const lines = (await linesOf(key)).get(page) ?? [];
      const made = new Set(
        await cropPage(image, dpi, fresh, (n) => path.join(dir, cropFileName(base, n)), lines),
      );
      for (const job of fresh) if (made.has(job.n)) record(job);
    } catch (e) {
      // A corrupt page image: this page's flags show their text without a crop; the page notes it.
      failed.push({ documentId: id, page, message: e instanceof Error ? e.message : String(e) });
    }
  });

  // Crops this function made earlier that no flag points at any more.
  for (const name of Object.keys(old.crops))
    if (!(name in next.crops) && /^[0-9a-f]+(~\d+)?-\d+\.jpg$/i.test(name))
      await rm(path.join(dir, name), { force: true });
  await writeFileAtomic(manifestPath, JSON.stringify(next));
  return { index, failed };
}
