import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Bbox } from "../../src/domain/geometry.ts";
import type { OcrLine } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";
import { tablesFromRulings } from "../../src/layout/grid.ts";
import { buildPageLayout } from "../../src/layout/index.ts";
import { findRulings } from "../../src/layout/rulings.ts";

const W = 1654;
const H = 1200;

/** A 200 DPI page with a ruled table: 3 rows; the first row's two right cells joined (no rule between them); the
 * left column's last two rows joined (no rule between them); a line of text whose strokes must not count as rules. */
async function tablePage(): Promise<PageImage> {
  const rules = [
    // horizontal rules: full width at 200, 300, 400 (only left of x=600 missing between rows 2 and 3 of column 0)
    '<rect x="150" y="199" width="1300" height="3"/>',
    '<rect x="150" y="299" width="1300" height="3"/>',
    '<rect x="600" y="399" width="850" height="3"/>',
    '<rect x="150" y="499" width="1300" height="3"/>',
    // vertical rules at 150, 600, 1000 (not in row 1), 1450
    '<rect x="149" y="200" width="3" height="300"/>',
    '<rect x="599" y="200" width="3" height="300"/>',
    '<rect x="999" y="300" width="3" height="200"/>',
    '<rect x="1449" y="200" width="3" height="300"/>',
  ].join("");
  const text =
    '<text x="160" y="700" font-size="40" font-family="sans-serif">——— 一二三 ——— text under the table</text>';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="white"/>${rules}${text}</svg>`;
  const { data } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: W, height: H, channels: 1, data: new Uint8Array(data), dpi: 200 };
}

/** A table whose header row is printed white on a dark band (the sgs-bilingual form): the column rules are seen
 * only below the band, and between the header's white letters the band's ink stands in vertical strips. */
async function bandPage(): Promise<PageImage> {
  const rules = [
    '<rect x="150" y="200" width="1300" height="100" fill="#222"/>',
    '<rect x="150" y="399" width="1300" height="3"/>',
    '<rect x="150" y="499" width="1300" height="3"/>',
    '<rect x="149" y="300" width="3" height="200"/>',
    '<rect x="599" y="300" width="3" height="200"/>',
    '<rect x="999" y="300" width="3" height="200"/>',
    '<rect x="1449" y="300" width="3" height="200"/>',
  ].join("");
  const white = [200, 650, 1050]
    .map(
      (x) => `<text x="${x}" y="265" font-size="44" fill="white" font-family="sans-serif">II II Name</text>`,
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="white"/>${rules}${white}</svg>`;
  const { data } = await sharp(Buffer.from(svg)).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: W, height: H, channels: 1, data: new Uint8Array(data), dpi: 200 };
}

function line(text: string, box: Bbox): OcrLine {
  const chars = [...text];
  const step = (box[2] - box[0]) / chars.length;
  return {
    text,
    bbox: box,
    confidence: 0.9,
    words: chars.map((ch, i) => ({
      text: ch,
      bbox: [box[0] + i * step, box[1], box[0] + (i + 1) * step, box[3]] as Bbox,
      confidence: 0.9,
    })),
  };
}

describe("layout stage", () => {
  it("finds the ruled table's grid and its spans from the pixels, not from text strokes", async () => {
    const tables = tablesFromRulings(await findRulings(await tablePage()), 200);
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect([t.rows, t.cols]).toEqual([3, 3]);
    const spans = t.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}x${c.colSpan}`).sort();
    expect(spans).toEqual(["0,0 1x1", "0,1 1x2", "1,0 2x1", "1,1 1x1", "1,2 1x1", "2,1 1x1", "2,2 1x1"]);
  });

  it("takes a dark header band for the table's header row, its edges for rules and its ink for no column", async () => {
    const tables = tablesFromRulings(await findRulings(await bandPage()), 200);
    expect(tables).toHaveLength(1);
    const t = tables[0]!;
    expect([t.rows, t.cols]).toEqual([3, 3]);
    expect(t.bbox[1]).toBeLessThan(205);
    expect(t.cells.filter((c) => c.row === 0).map((c) => c.colSpan)).toEqual([1, 1, 1]);
  });

  it("pairs a label cell with the value cell to its right, keeping a two-line value whole", async () => {
    const lines = [
      line("报告编号", [170, 230, 330, 270]),
      line("ABC-2024-0119", [620, 230, 900, 270]),
      line("受审核方", [170, 380, 330, 420]),
      line("武汉云帆数据", [620, 310, 980, 350]),
      line("科技有限公司", [620, 350, 980, 390]),
      line("上次审核日期", [1010, 430, 1300, 470]),
    ];
    const layout = await buildPageLayout(await tablePage(), lines);
    const pairs = layout.pairs.map((p) => [p.family, p.where, p.value.text]);
    expect(pairs).toContainEqual(["reportNumber", "right", "ABC-2024-0119"]);
    expect(pairs).toContainEqual(["organization", "right", "武汉云帆数据科技有限公司"]);
    expect(pairs.some(([f]) => f === "nextAudit")).toBe(false);
  });
});
