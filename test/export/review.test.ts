import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditRecord } from "../../src/domain/record.ts";
import { writeReviewPage } from "../../src/export/index.ts";
import { f, flag, idOf, record, report } from "./builder.ts";

/** The few DOM shapes the in-page callbacks use (the project's tsconfig has no DOM lib, on purpose). */
interface El {
  hidden: boolean;
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  querySelector(s: string): El | null;
  querySelectorAll(s: string): ArrayLike<El>;
}
interface Img {
  complete: boolean;
  naturalWidth: number;
  currentSrc: string;
}
declare const document: { querySelectorAll(s: string): ArrayLike<El> };
declare const window: { __pwned?: number };

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPING review.html browser tests: ${CHROMIUM} is not installed`);

/** Page 1 of report A: white with grey "text" lines; the evidence box is filled with a distinctive
 * blue/yellow stripe pattern so the crop can be recognised from its pixels. */
const PAGE = { width: 1240, height: 1754, dpi: 150 };
const BOX: [number, number, number, number] = [400, 600, 900, 700];
const BLUE = [20, 90, 230];
const YELLOW = [250, 220, 20];

async function makePage(file: string) {
  const { width, height } = PAGE;
  const data = Buffer.alloc(width * height * 3, 255);
  const paint = (x0: number, y0: number, x1: number, y1: number, rgb: (x: number, y: number) => number[]) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data.set(rgb(x, y), (y * width + x) * 3);
  };
  for (let y = 120; y < height - 120; y += 60) paint(100, y, width - 100, y + 18, () => [90, 90, 90]);
  paint(BOX[0] - 40, BOX[1] - 40, BOX[2] + 40, BOX[3] + 40, () => [255, 255, 255]); // clear margin
  paint(BOX[0], BOX[1], BOX[2], BOX[3], (x) => (Math.floor((x - BOX[0]) / 50) % 2 === 0 ? BLUE : YELLOW));
  await mkdir(path.dirname(file), { recursive: true });
  await sharp(data, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toFile(file);
}

const XSS = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>"'&`;
const idA = idOf("A");
const idB = idOf("B");

function records(): AuditRecord[] {
  const a = record({
    file: "a/报告A.pdf",
    id: idA,
    flags: [
      flag("DATE-STAGE-ORDER", "high", 1, BOX, "于 2023-11-07 8:30:00 上午至…"),
      flag("DATE-NARRATIVE", "medium", 2, [10, 10, 200, 50], "自2023年4月体系建立以来"), // page 2 has no image
      flag("CHK-UNCLEAR", "low", 1, null, "基本有效 □"),
    ],
  });
  a.document.ocr.dpi = PAGE.dpi;
  const b = record({
    file: `b/${XSS}.pdf`,
    id: idB,
    report: report({ organization: f(XSS), scope: f(XSS, 0.3) }),
    flags: [
      {
        rule: "SCOPE-INCONSISTENT",
        severity: "medium",
        status: "finding",
        subject: XSS,
        message: XSS,
        evidence: [{ page: 1, bbox: null, text: XSS }],
      },
    ],
  });
  const c = record({ file: "c/失败.pdf", report: null });
  return [c, b, a];
}

describe.skipIf(!hasChromium)("review.html in headless Chromium", () => {
  let browser: Browser;
  let out: string;

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), "review-"));
    await makePage(path.join(out, "pages", idA, "1.jpg"));
    await writeReviewPage(out, records(), new Date("2026-01-01T00:00:00Z"));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open() {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(path.join(out, "review.html")).href);
    return { page, problems, requests };
  }

  const visible = (page: Awaited<ReturnType<typeof open>>["page"]) =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll("section.report"))
        .filter((s) => !s.hidden)
        .map((s) => ({
          file: s.querySelector(".meta")!.textContent!.split(" · ")[0],
          flags: Array.from(s.querySelectorAll("li.flag"))
            .filter((l) => !l.hidden)
            .map((l) => `${l.dataset.rule}/${l.dataset.severity}`),
        })),
    );

  it("orders reports by flag severity and shows the evidence crop, loaded from beside the page", async () => {
    const { page, problems, requests } = await open();
    const files = await page.$$eval("section.report .meta", (els) =>
      els.map((e) => e.textContent!.split(" · ")[0]),
    );
    expect(files[0]).toBe("a/报告A.pdf");
    expect(files[2]).toBe("c/失败.pdf");

    const img = page.locator(`li.flag[data-rule="DATE-STAGE-ORDER"] img`);
    await expect
      .poll(() =>
        img.evaluate((el) => (el as unknown as Img).complete && (el as unknown as Img).naturalWidth > 0),
      )
      .toBe(true);
    expect(await img.getAttribute("loading")).toBe("lazy");
    const src = await img.evaluate((el) => (el as unknown as Img).currentSrc);
    expect(src.endsWith(`/review/crops/${idA}-1.jpg`)).toBe(true);

    // The crop is the evidence box plus margins (1.2 inch sideways, 0.25 inch up and down, at 150 DPI) and
    // shows the stripe pattern where the box was.
    const crop = await sharp(path.join(out, "review", "crops", `${idA}-1.jpg`))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const mx = 180;
    const my = 38;
    expect(crop.info.width).toBe(BOX[2] - BOX[0] + 2 * mx);
    expect(crop.info.height).toBe(BOX[3] - BOX[1] + 2 * my);
    expect(await img.evaluate((el) => (el as unknown as Img).naturalWidth)).toBe(crop.info.width);
    const px = (x: number, y: number) => {
      const i = (y * crop.info.width + x) * crop.info.channels;
      return [crop.data[i]!, crop.data[i + 1]!, crop.data[i + 2]!];
    };
    const near = (got: number[], want: number[]) => got.every((v, i) => Math.abs(v - want[i]!) < 40);
    const midY = my + 50;
    expect(near(px(mx + 25, midY), BLUE)).toBe(true);
    expect(near(px(mx + 75, midY), YELLOW)).toBe(true);
    expect(near(px(mx + 425, midY), BLUE)).toBe(true);
    expect(near(px(mx - 20, midY), [255, 255, 255])).toBe(true); // around the box is page, not box
    expect(near(px(mx - 4, midY), [224, 0, 0])).toBe(true); // the red frame just outside the box

    // Page 2 has no image: evidence text without a crop.
    const narrative = page.locator(`li.flag[data-rule="DATE-NARRATIVE"]`);
    expect(await narrative.locator("img").count()).toBe(0);
    expect(await narrative.textContent()).toContain("自2023年4月体系建立以来");

    expect(problems).toEqual([]);
    expect(requests.every((u) => u.startsWith("file://"))).toBe(true);
    await page.close();
  });

  it("escapes untrusted record text: nothing runs, the text shows as written", async () => {
    const { page, problems } = await open();
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    const b = page.locator("section.report", { hasText: "SCOPE-INCONSISTENT" });
    expect(await b.locator("h2").textContent()).toBe(XSS);
    expect(await b.locator(".msg").textContent()).toBe(XSS);
    expect(await b.locator("script").count()).toBe(0);
    expect(await page.locator("img[src=x]").count()).toBe(0);
    // Field tables are built from embedded JSON when opened: still text, still inert.
    await b.locator("details.fields summary").click();
    const scopeRow = b.locator("tr", { has: page.locator("th[title=scope]") });
    expect(await scopeRow.locator("td").first().textContent()).toBe(XSS);
    expect(await b.locator("details img, details script").count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.close();
  });

  it("filters by rule, by severity and by organisation", async () => {
    const { page } = await open();
    expect(await page.locator("#shown").textContent()).toBe("显示 3 / 3 份报告");

    await page.selectOption("#f-rule", "DATE-STAGE-ORDER");
    expect(await visible(page)).toEqual([{ file: "a/报告A.pdf", flags: ["DATE-STAGE-ORDER/high"] }]);

    await page.selectOption("#f-rule", "");
    await page.selectOption("#f-sev", "medium");
    expect(await visible(page)).toEqual([
      { file: "a/报告A.pdf", flags: ["DATE-NARRATIVE/medium"] },
      { file: `b/${XSS}.pdf`, flags: ["SCOPE-INCONSISTENT/medium"] },
    ]);

    await page.selectOption("#f-sev", "high,medium");
    expect((await visible(page))[0]!.flags).toEqual(["DATE-STAGE-ORDER/high", "DATE-NARRATIVE/medium"]);

    await page.selectOption("#f-sev", "");
    await page.fill("#f-org", "杭州数据");
    expect((await visible(page)).map((r) => r.file)).toEqual(["a/报告A.pdf"]);
    await page.fill("#f-org", "");
    await page.uncheck("#f-clean");
    expect((await visible(page)).map((r) => r.file)).toEqual(["a/报告A.pdf", `b/${XSS}.pdf`]);
    await page.close();
  });

  it("marks low-confidence fields and writes a screenshot", async () => {
    const { page } = await open();
    const a = page.locator("section.report").first();
    await a.locator("details.fields summary").click();
    const lowRows = await a.locator("tr.low th").allTextContents();
    expect(lowRows).toContain("审核范围"); // scope read at 0.42
    expect(lowRows).toContain("审核组 2 姓名"); // 0.5
    expect(lowRows).not.toContain("受审核方");
    expect(await a.locator("details.fields summary").textContent()).toContain("2 个低置信度");
    await mkdir("test-output", { recursive: true });
    await page.screenshot({ path: path.resolve("test-output/review.png"), fullPage: true });
    expect((await readFile("test-output/review.png")).subarray(1, 4).toString()).toBe("PNG");
    await page.close();
  });
});

describe.skipIf(!hasChromium)("review.html with 1,000 reports", () => {
  it("renders and filters quickly", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "review-1k-"));
    const rules = ["DATE-STAGE-ORDER", "TIME-LOW", "SCOPE-FOREIGN-TEXT", "CHK-UNCLEAR", "NC-CLAUSE"];
    const sev = ["high", "medium", "low", "low", "medium"] as const;
    const many = Array.from({ length: 1000 }, (_, i) =>
      record({
        file: `batch/report-${String(i).padStart(4, "0")}.pdf`,
        report: report({ organization: f(`第${i}号有限公司`) }),
        flags: Array.from({ length: i % 6 }, (_, k) =>
          flag(rules[(i + k) % 5]!, sev[(i + k) % 5]!, 1, [10, 10, 300, 60], `证据 ${i}-${k}`),
        ),
      }),
    );
    const t0 = performance.now();
    await writeReviewPage(out, many);
    const writeMs = performance.now() - t0;
    const html = await readFile(path.join(out, "review.html"), "utf8");
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu"],
    });
    try {
      const page = await browser.newPage();
      const t1 = performance.now();
      await page.goto(pathToFileURL(path.join(out, "review.html")).href);
      const loadMs = performance.now() - t1;
      expect(await page.locator("#shown").textContent()).toBe("显示 1000 / 1000 份报告");
      const t2 = performance.now();
      await page.selectOption("#f-rule", "TIME-LOW");
      const shown = await page.locator("#shown").textContent();
      const filterMs = performance.now() - t2;
      expect(shown).not.toBe("显示 1000 / 1000 份报告");
      console.log(
        `1,000 reports: ${(html.length / 1e6).toFixed(1)} MB, write ${writeMs.toFixed(0)} ms, load ${loadMs.toFixed(0)} ms, filter ${filterMs.toFixed(0)} ms`,
      );
      expect(loadMs).toBeLessThan(10_000);
      expect(filterMs).toBeLessThan(2_000);
    } finally {
      await browser.close();
    }
  });
});
