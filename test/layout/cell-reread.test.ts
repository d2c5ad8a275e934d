import { describe, expect, it } from "vitest";
import { buildModel } from "../../fixtures/generator/build-model.ts";
import { familyById } from "../../fixtures/generator/families/index.ts";
import { createRng } from "../../fixtures/generator/prng.ts";
import type { Block } from "../../fixtures/generator/render.ts";
import { markPicker, planScan } from "../../fixtures/generator/scan-plan.ts";
import type { LayoutCell } from "../../src/domain/layout.ts";
import type { OcrPage } from "../../src/domain/ocr.ts";
import type { PageImage } from "../../src/domain/page.ts";
import { rereadCells } from "../../src/layout/reread.ts";
import type { EngineResult } from "../../src/ocr/engine.ts";
import { parseDocument } from "../../src/parse/index.ts";
import { layoutPages } from "../parse/helpers/layout.ts";
import { gridPage, type TableBlock } from "./helpers/grid-page.ts";

const m = buildModel(createRng(7), { name: "reread-7", index: 7, layout: "cqc-form", plants: [] });

function teamBlock(): TableBlock {
  const rng = createRng(m.renderSeed);
  const scan = planScan(rng.fork("scan"), 4);
  const blocks: Block[] = familyById("cqc-form").blocks(
    m,
    rng.fork("text"),
    markPicker(rng.fork("marks"), scan),
  );
  const team = blocks.find((b): b is TableBlock => b.kind === "table" && (b.tags ?? []).includes("team"));
  if (!team) throw new Error("cqc-form prints a team table");
  return team;
}

const member = m.team[1]!;
const misread = `${member.name.slice(0, -1)}碍`;

/** The team table as OCR read it: the second member's last character misread, at no confidence by default. */
function misreadPage(confidence = 0): OcrPage {
  const { page } = gridPage(teamBlock(), 2);
  const lines = page.lines.map((l) =>
    l.text === member.name
      ? {
          ...l,
          text: misread,
          words: l.words.map((w, i) => (i === l.words.length - 1 ? { ...w, text: "碍", confidence } : w)),
        }
      : l,
  );
  return { ...page, lines };
}

/** The page with the layout's cells as the layout stage sees them, the misread name cell read again as given. */
function withCellReading(page: OcrPage, reread: LayoutCell["reread"]): OcrPage {
  const tables = (page.layout?.tables ?? []).map((t) => ({
    ...t,
    cells: t.cells.map((c) => (c.text === member.name ? { ...c, text: misread, reread } : c)),
  }));
  return { ...page, layout: { tables, pairs: [], ms: 0 } };
}

const COVER = "管理体系审核报告\n审核目的：评价管理体系与审核准则的符合性。";
const nameRead = (page: OcrPage) =>
  parseDocument([...layoutPages(COVER), page]).report?.team.find((t) =>
    t.registrationNo.value?.includes(member.regs[0]!),
  )?.name.value;

describe("a doubtful cell read again on its own", () => {
  it("takes the crop's sure reading of a character the page read unsurely", () => {
    const sure = { text: member.name, charConfidences: [...member.name].map(() => 0.93) };
    expect(nameRead(misreadPage())).toBe(misread);
    expect(nameRead(withCellReading(misreadPage(), sure))).toBe(member.name);
  });

  it("keeps the page's reading where the crop is no surer", () => {
    const unsure = {
      text: `${member.name.slice(0, -1)}某`,
      charConfidences: [...member.name].map(() => 0.3),
    };
    expect(nameRead(withCellReading(misreadPage(), unsure))).toBe(misread);
  });

  it("reads no name where two sure readings of its cell disagree (null, never a guess)", () => {
    const sure = { text: member.name, charConfidences: [...member.name].map(() => 0.9) };
    const report = parseDocument([...layoutPages(COVER), withCellReading(misreadPage(0.85), sure)]).report;
    const row = report?.team.find((t) => t.registrationNo.value?.includes(member.regs[0]!));
    expect(row?.name.value).toBeNull();
    expect(row?.name.raw).toBe(misread);
  });

  it("crops only the doubtful cells, inside their rules, and keeps what the reader read on the cell", async () => {
    const page = misreadPage();
    const layout = withCellReading(page, undefined).layout!;
    const image: PageImage = {
      width: page.width,
      height: page.height,
      channels: 1,
      data: new Uint8Array(page.width * page.height).fill(255),
      dpi: 200,
    };
    const crops: PageImage[] = [];
    const reader = async (crop: PageImage): Promise<EngineResult> => {
      crops.push(crop);
      const word = {
        text: member.name,
        bbox: [12, 12, 90, 40] as [number, number, number, number],
        confidence: 0.91,
      };
      return {
        text: member.name,
        lines: [{ text: member.name, bbox: word.bbox, confidence: 0.91, words: [word] }],
        meanConfidence: 0.91,
      };
    };
    const out = await rereadCells(image, layout, page.lines, reader);
    const cells = out.tables.flatMap((t) => t.cells);
    const cell = cells.find((c) => c.text === misread);
    // The unsure cell first, then the list's short values (names, numbers); the header row is not read again.
    expect(crops.length).toBe(out.rereads);
    expect(crops[0]!.width).toBeLessThan(cell!.bbox[2] - cell!.bbox[0] + 2 * 12);
    expect(crops[0]!.height).toBeLessThan(cell!.bbox[3] - cell!.bbox[1] + 2 * 12);
    expect(cell?.reread?.text).toBe(member.name);
    expect(cells.filter((c) => c.row === 0).some((c) => c.reread)).toBe(false);
  });

  it("asks for every doubtful cell at once, so the engine's workers share them out", async () => {
    const page = misreadPage();
    const layout = withCellReading(page, undefined).layout!;
    const image: PageImage = {
      width: page.width,
      height: page.height,
      channels: 1,
      data: new Uint8Array(page.width * page.height).fill(255),
      dpi: 200,
    };
    let inFlight = 0;
    let most = 0;
    const reader = async (): Promise<EngineResult> => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return { text: "", lines: [], meanConfidence: 0 };
    };
    const out = await rereadCells(image, layout, page.lines, reader);
    expect(out.rereads).toBeGreaterThan(1);
    expect(most).toBe(out.rereads);
  });
});
