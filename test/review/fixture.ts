import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { AuditRecord } from "../../src/domain/record.ts";
import { writeRecordFiles } from "../../src/export/json.ts";
import { runRules } from "../../src/rules/registry.ts";
import { f, idOf, record, report } from "../export/builder.ts";

/** A record whose flags are what the rules stage makes of it (so a re-run after a correction gives the
 * same fingerprints for what did not change). Varied by `i` so reports differ in organisation and flags. */
export function ruledRecord(i: number, over: { employees?: number } = {}): AuditRecord {
  const r = record({
    file: `batch/report-${String(i).padStart(5, "0")}.pdf`,
    id: idOf(`review-${i}`),
    report: report({
      organization: f(`测试组织${i}有限公司`),
      employees: f(over.employees ?? 109),
      headcounts: [f(109)],
      // every third report has its stage-1 day after stage 2 started: a high flag
      stage1Start: f(i % 3 === 0 ? "2023-11-07" : "2023-10-01"),
      stage1End: f(i % 3 === 0 ? "2023-11-07" : "2023-10-01"),
    }),
  });
  r.flags = runRules(r);
  return r;
}

/** An output folder as `ingest` leaves it: records/*.json, and for the first report a page image whose
 * box (where the fields' bbox points) is drawn, so crops and the page viewer have something to show. */
export async function makeOutFolder(out: string, n: number): Promise<AuditRecord[]> {
  const records = Array.from({ length: n }, (_, i) => ruledRecord(i));
  for (const r of records) await writeRecordFiles(out, r);
  return records;
}

export async function makePageImage(out: string, id: string, page = 1): Promise<void> {
  const width = 1240;
  const height = 1754;
  const data = Buffer.alloc(width * height * 3, 255);
  for (let y = 120; y < height - 120; y += 60)
    for (let yy = y; yy < y + 18; yy++) data.fill(90, (yy * width + 100) * 3, (yy * width + width - 100) * 3);
  const dir = path.join(out, "pages", id);
  await mkdir(dir, { recursive: true });
  await sharp(data, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toFile(path.join(dir, `${page}.jpg`));
}
