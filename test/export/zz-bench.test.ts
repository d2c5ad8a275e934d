import { mkdir, mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { it } from "vitest";
import { makeCrops } from "../../src/export/crops.ts";
import { flag, idOf, record } from "./builder.ts";

it("bench", async () => {
  const out = await mkdtemp(path.join(tmpdir(), "bench-"));
  const img = await sharp(Buffer.alloc(2480 * 3508, 230), { raw: { width: 2480, height: 3508, channels: 1 } }).jpeg({ quality: 60 }).toBuffer();
  const recs = [];
  for (let d = 0; d < 20; d++) {
    const id = idOf(`d${d}`);
    await mkdir(path.join(out, "pages", id), { recursive: true });
    for (let p = 1; p <= 3; p++) await sharp(img).toFile(path.join(out, "pages", id, `${p}.jpg`));
    recs.push(record({ id, file: `f${d}.pdf`, flags: Array.from({ length: 6 }, (_, k) => flag("R", "high", (k % 3) + 1, [100, 200 + k * 300, 2300, 260 + k * 300])) }));
  }
  const f1 = path.join(out, "review/crops", `${idOf("d0")}-1.jpg`);
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await makeCrops(out, recs);
    console.log(`run ${i}: ${(performance.now() - t).toFixed(0)} ms mtime ${(await stat(f1)).mtimeMs}`);
  }
});
