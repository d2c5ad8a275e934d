/** detectMarks on the generated fixture scans (fixtures/set, another engineer's renderer: 150–300 DPI, JPEG,
 * skew, hand marks), with OCR words placed where the renderer puts each label (no OCR run: this measures
 * the pixel side only). Run: npx tsx test/checkbox/fixtures-check.ts */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { OcrLine, OcrWord } from "../../src/domain/ocr.ts";
import { openDocument } from "../../src/ingest/index.ts";
import { detectMarks } from "../../src/parse/checkbox/detect.ts";

interface TruthBox {
  page: number;
  bbox: Bbox;
  state: "checked" | "unchecked";
  mark: string | null;
  label: string;
  group: string;
}
interface Truth {
  pages: { page: number; dpi: number; rotation: number }[];
  boxes: TruthBox[];
}

const dir = "fixtures/set";
let total = 0;
let correct = 0;
let unclear = 0;
let missing = 0;
const wrong: string[] = [];
let ms = 0;
let pages = 0;
for (const f of readdirSync(dir).filter((n) => n.endsWith(".truth.json"))) {
  let truth: Truth;
  try {
    truth = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Truth;
  } catch {
    continue; // the set is being regenerated
  }
  if (!truth.boxes?.length) continue;
  const base = f.replace(".truth.json", "");
  const input = readdirSync(dir).find((n) => n.startsWith(`${base}.`) && !n.endsWith(".json"));
  if (!input) continue;
  const dpi = truth.pages[0]!.dpi;
  const doc = await openDocument(path.join(dir, input), {}, { renderDpi: dpi, defaultImageDpi: dpi });
  for (const p of truth.pages) {
    const boxes = truth.boxes.filter((b) => b.page === p.page);
    if (boxes.length === 0 || p.rotation !== 0) continue;
    const input = await doc.getPage(p.page);
    const image = input.image;
    if (!image) continue;
    // Words where the renderer puts labels: 1.15 box-widths right of the box's left edge, one cell per char.
    const words: OcrWord[] = boxes.map((b) => {
      const px = (b.bbox[2] - b.bbox[0]) / 0.9;
      const cells = Array.from(b.label).reduce(
        (a, c) => a + ((c.codePointAt(0) ?? 0) < 0x2e80 ? 0.55 : 1),
        0,
      );
      const x0 = b.bbox[0] + 1.15 * px;
      return {
        text: b.label,
        bbox: [x0, b.bbox[1] - 0.1 * px, x0 + cells * px, b.bbox[3] + 0.05 * px],
        confidence: 0.9,
      };
    });
    const lines: OcrLine[] = [];
    for (const w of [...words].sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0])) {
      const l = lines.find((x) => Math.abs(x.bbox[1] - w.bbox[1]) < 6);
      if (l) {
        l.words.push(w);
        l.words.sort((a, b) => a.bbox[0] - b.bbox[0]);
        l.bbox = [Math.min(l.bbox[0], w.bbox[0]), l.bbox[1], Math.max(l.bbox[2], w.bbox[2]), l.bbox[3]];
      } else lines.push({ text: w.text, bbox: [...w.bbox], confidence: 0.9, words: [w] });
    }
    for (const l of lines) l.text = l.words.map((w) => w.text).join(" ");
    const t0 = performance.now();
    const marks = detectMarks(image, lines);
    ms += performance.now() - t0;
    pages++;
    for (const b of boxes) {
      const m = marks.find(
        (k) =>
          k.bbox[0] < b.bbox[2] && k.bbox[2] > b.bbox[0] && k.bbox[1] < b.bbox[3] && k.bbox[3] > b.bbox[1],
      );
      const known = marks.some((k) => b.label.startsWith(k.label.slice(0, 2)));
      if (!m) {
        // Labels outside the vocabulary (50430（EC）, 其他_____) are not looked at: not counted.
        if (!known) continue;
        total++;
        missing++;
        wrong.push(`${base} p${p.page} ${b.label}: missing (want ${b.state}, ${b.mark})`);
        continue;
      }
      total++;
      if (m.state === b.state) correct++;
      else if (m.state === "unclear") {
        unclear++;
        wrong.push(`${base} p${p.page} ${b.label}: unclear ${m.confidence} (want ${b.state}, ${b.mark})`);
      } else
        wrong.push(
          `${base} p${p.page} ${b.label}: ${m.state} ${m.confidence} (want ${b.state}, ${b.mark}) !!`,
        );
    }
  }
  await doc.close();
}
console.log(
  `fixtures: ${correct}/${total} correct, ${unclear} unclear, ${missing} missing, ${pages} pages, ${(ms / pages).toFixed(1)} ms/page`,
);
for (const w of wrong.slice(0, 40)) console.log("  ", w);
