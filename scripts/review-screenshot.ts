/**
 * docs/review-page.png: the review server's page on a few synthetic reports, two flags decided.
 *   npx tsx scripts/review-screenshot.ts
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { startReviewServer } from "../src/review/server.ts";
import { makeOutFolder, makePageImage } from "../test/review/fixture.ts";

const target = path.resolve(import.meta.dirname, "..", "docs", "review-page.png");
const out = await mkdtemp(path.join(tmpdir(), "review-shot-"));
const records = await makeOutFolder(out, 9);
for (const r of records.slice(0, 4)) await makePageImage(out, r.document.id, 1);
const server = await startReviewServer({ out, port: 0 });
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
  await page.goto(server.url);
  await page.waitForSelector("body[data-loads]");
  await page.fill("#reviewer", "王审核");
  const first = page.locator("section.report").first();
  await first.locator('li.flag[data-rule="DATE-STAGE-ORDER"] button.confirm').click();
  await first.locator('li.flag[data-rule="TIME-LOW"] button.dismiss').click();
  await first.locator('li.flag[data-rule="TIME-LOW"] .reason input').fill("合并审核，人日已核实");
  await first.locator('li.flag[data-rule="TIME-LOW"] .reason input').press("Enter");
  await page.waitForSelector('li.flag[data-rule="TIME-LOW"][data-decision="dismissed"]');
  await page.locator("h1").click();
  await page.keyboard.press("Home");
  await page.screenshot({ path: target, type: "png" });
  console.log(`${target}: ${(await stat(target)).size} bytes`);
} finally {
  await browser.close();
  await server.close();
  await rm(out, { recursive: true, force: true });
}
