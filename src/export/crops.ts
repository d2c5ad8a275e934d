import { readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { Bbox } from "../domain/geometry.ts";
import type { AuditRecord } from "../domain/record.ts";
import { writeFileAtomic } from "./files.ts";

/** Bumped when crop geometry or encoding changes, so cached crops from an older layout are redone. */
const CROP_VERSION = 1;
/** Context around the evidence box: 0.2 inch, so the reviewer sees the line's neighbours too. */
const MARGIN_INCH = 0.2;
/** Crops wider than this are scaled down: a full-width line at 300 DPI is ~2400 px, too heavy x 1,000. */
const MAX_CROP_WIDTH = 1400;
/** Page images decoded at once; each 300 DPI A4 page is ~26 MB raw. */
const CONCURRENCY = 4;

/** Document ids become path parts; only a sha256-looking id is trusted there (a record file is input). */
export const SAFE_ID = /^[0-9a-f]{8,128}$/i;

export const cropsDir = (out: string) => path.join(out, "review", "crops");
export const pageImagePath = (out: string, id: string, page: number) =>
  path.join(out, "pages", id, `${page}.jpg`);

/** Crop file for the n-th evidence item (1-based, counting every evidence item of every flag in order). */
export const cropFileName = (id: string, n: number) => `${id}-${n}.jpg`;

/** documentId -> evidence number -> src relative to `<out>` (posix, for the page's <img>). */
export type CropIndex = Map<string, Map<number, string>>;

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

/** The box grown by the margin and clipped to the page; null when nothing of it is on the page. */
export function cropRegion(bbox: Bbox, width: number, height: number, dpi: number) {
  const margin = Math.max(16, Math.round(MARGIN_INCH * dpi));
  const x0 = Math.max(0, Math.floor(Math.min(bbox[0], bbox[2]) - margin));
  const y0 = Math.max(0, Math.floor(Math.min(bbox[1], bbox[3]) - margin));
  const x1 = Math.min(width, Math.ceil(Math.max(bbox[0], bbox[2]) + margin));
  const y1 = Math.min(height, Math.ceil(Math.max(bbox[1], bbox[3]) + margin));
  if (!Number.isFinite(x0 + y0 + x1 + y1) || x1 - x0 < 2 || y1 - y0 < 2) return null;
  return { left: x0, top: y0, width: x1 - x0, height: y1 - y0 };
}

/** A red frame just outside the evidence box, so the eye finds it; outside so it never hides the text. */
function outlineSvg(bbox: Bbox, region: { left: number; top: number; width: number; height: number }) {
  const pad = 4;
  const x = Math.min(bbox[0], bbox[2]) - region.left - pad;
  const y = Math.min(bbox[1], bbox[3]) - region.top - pad;
  const w = Math.abs(bbox[2] - bbox[0]) + 2 * pad;
  const h = Math.abs(bbox[3] - bbox[1]) + 2 * pad;
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${region.width}" height="${region.height}">` +
      `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="#e00000" stroke-width="3"/></svg>`,
  );
}

async function cropPage(
  image: string,
  dpi: number,
  jobs: readonly CropJob[],
  target: (n: number) => string,
): Promise<number[]> {
  // Decode once per page, then cut every crop from the raw pixels.
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };
  const made: number[] = [];
  for (const job of jobs) {
    const region = cropRegion(job.bbox, info.width, info.height, dpi);
    if (!region) continue;
    const jpeg = await sharp(data, { raw })
      .extract(region)
      .composite([{ input: outlineSvg(job.bbox, region), left: 0, top: 0 }])
      .resize({ width: MAX_CROP_WIDTH, withoutEnlargement: true })
      .jpeg({ quality: 75 })
      .toBuffer();
    await writeFileAtomic(target(job.n), jpeg);
    made.push(job.n);
  }
  return made;
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
export async function makeCrops(out: string, records: readonly AuditRecord[]): Promise<CropIndex> {
  const dir = cropsDir(out);
  const manifestPath = path.join(dir, "manifest.json");
  const old = await readManifest(manifestPath);
  const next: Manifest = { version: CROP_VERSION, crops: {} };
  const index: CropIndex = new Map();
  const tasks: { id: string; page: number; dpi: number; jobs: CropJob[] }[] = [];

  for (const record of records) {
    const id = record.document.id;
    if (!SAFE_ID.test(id)) continue;
    const byPage = new Map<number, CropJob[]>();
    let n = 0;
    for (const flag of record.flags)
      for (const ev of flag.evidence) {
        n += 1;
        if (ev.page === null || ev.bbox === null || !Number.isInteger(ev.page) || ev.page < 1) continue;
        byPage.set(ev.page, [...(byPage.get(ev.page) ?? []), { n, bbox: ev.bbox }]);
      }
    for (const [page, jobs] of byPage) tasks.push({ id, page, dpi: record.document.ocr.dpi ?? 300, jobs });
  }

  await pool(tasks, CONCURRENCY, async ({ id, page, dpi, jobs }) => {
    const image = pageImagePath(out, id, page);
    const st = await stat(image).catch(() => null);
    if (!st?.isFile()) return;
    const keyOf = (job: CropJob) => JSON.stringify([page, job.bbox, dpi, st.size, st.mtimeMs]);
    const record = (job: CropJob) => {
      const name = cropFileName(id, job.n);
      next.crops[name] = keyOf(job);
      const perDoc = index.get(id) ?? new Map<number, string>();
      perDoc.set(job.n, `review/crops/${name}`);
      index.set(id, perDoc);
    };
    const fresh: CropJob[] = [];
    for (const job of jobs) {
      const name = cropFileName(id, job.n);
      const cached = old.crops[name] === keyOf(job) && (await stat(path.join(dir, name)).catch(() => null));
      if (cached) record(job);
      else fresh.push(job);
    }
    if (!fresh.length) return;
    try {
      const made = new Set(await cropPage(image, dpi, fresh, (n) => path.join(dir, cropFileName(id, n))));
      for (const job of fresh) if (made.has(job.n)) record(job);
    } catch {
      // A corrupt page image: this page's flags show their text without a crop.
    }
  });

  // Crops this function made earlier that no flag points at any more.
  for (const name of Object.keys(old.crops))
    if (!(name in next.crops) && /^[0-9a-f]+-\d+\.jpg$/i.test(name))
      await rm(path.join(dir, name), { force: true });
  await writeFileAtomic(manifestPath, JSON.stringify(next));
  return index;
}
