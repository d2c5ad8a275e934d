import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportAll } from "../../src/export/index.ts";
import { writeRecordFiles } from "../../src/export/json.ts";
import { reviewForExport } from "../../src/review/export-data.ts";
import { type ReviewServer, startReviewServer } from "../../src/review/server.ts";
import { runRules } from "../../src/rules/registry.ts";
import { f } from "../export/builder.ts";
import { makeOutFolder, makePageImage, ruledRecord } from "./fixture.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`SKIPPING review server browser tests: ${CHROMIUM} is not installed`);

type Row = Record<string, string>;
const csvRows = (text: string): Row[] => parse(text, { bom: true, columns: true }) as Row[];

describe.skipIf(!hasChromium)("audit-extract review in headless Chromium", () => {
  let browser: Browser;
  let out: string;
  let server: ReviewServer;
  const r0 = ruledRecord(0);
  const r3 = ruledRecord(3);

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), "review-server-"));
    await makeOutFolder(out, 12);
    await makePageImage(out, r0.document.id, 1);
    server = await startReviewServer({ out, port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(name: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().includes("404")) problems.push(m.text());
    });
    await page.goto(server.url);
    await page.waitForSelector("body[data-loads]");
    await page.fill("#reviewer", name);
    await page.locator("#reviewer").dispatchEvent("change");
    expect(problems).toEqual([]);
    return page;
  }

  const report = (page: Page, id: string) => page.locator(`section.report[data-id="${id}"]`);
  const flagLi = (page: Page, id: string, rule: string) =>
    report(page, id).locator(`li.flag[data-rule="${rule}"]`);
  const decisionOf = (page: Page, id: string, rule: string) =>
    flagLi(page, id, rule).getAttribute("data-decision");

  it("confirms, dismisses with a reason, corrects a field; reload and re-ingest keep all of it", async () => {
    const page = await open("王审核");
    const a = r0.document.id;
    await expect.poll(() => report(page, a).getAttribute("data-state")).toBe("blocked");

    await flagLi(page, a, "DATE-STAGE-ORDER").locator("button.confirm").click();
    await expect.poll(() => decisionOf(page, a, "DATE-STAGE-ORDER")).toBe("confirmed");

    await flagLi(page, a, "TIME-LOW").locator("button.dismiss").click();
    await flagLi(page, a, "TIME-LOW").locator(".reason input").fill("人日按合并审核计算，已核实");
    await flagLi(page, a, "TIME-LOW").locator(".reason input").press("Enter");
    await expect.poll(() => decisionOf(page, a, "TIME-LOW")).toBe("dismissed");
    await expect.poll(() => report(page, a).getAttribute("data-state")).toBe("cleared");

    // From the keyboard: j to the flag, o reopens it (blocked again), then d + reason + Enter on the next.
    await page.locator("h1").click();
    const position = async (rule: string) =>
      page
        .locator("li.flag")
        .evaluateAll(
          (els, want) =>
            els.findIndex(
              (e) =>
                (e as unknown as { dataset: { rule: string } }).dataset.rule === want[0] &&
                (e as unknown as { closest(s: string): { dataset: { id: string } } }).closest("section")
                  .dataset.id === want[1],
            ),
          [rule, a],
        );
    for (let i = 0, n = await position("TIME-LOW"); i <= n; i++) await page.keyboard.press("j");
    await page.keyboard.press("o");
    await expect.poll(() => decisionOf(page, a, "TIME-LOW")).toBe("open");
    await expect.poll(() => report(page, a).getAttribute("data-state")).toBe("blocked");
    const from = await position("TIME-LOW");
    for (let i = from, n = await position("CHK-CRITERIA-WITH-NC"); i < n; i++) await page.keyboard.press("j");
    await page.keyboard.press("d");
    await page.keyboard.type("审核准则符合与轻微不符合项并不矛盾");
    await page.keyboard.press("Enter");
    await expect.poll(() => decisionOf(page, a, "CHK-CRITERIA-WITH-NC")).toBe("dismissed");

    // A decision on a flag that the re-ingest below will change.
    await flagLi(page, r3.document.id, "DATE-STAGE-ORDER").locator("button.confirm").click();
    await expect.poll(() => decisionOf(page, r3.document.id, "DATE-STAGE-ORDER")).toBe("confirmed");

    // Correct a field: employees 109 -> 12; the rules run again and TIME-HEADCOUNT appears (12 vs 109).
    await report(page, a).locator("details.fields summary").click();
    const row = report(page, a).locator('tr[data-key="employees"]');
    await row.locator("button.correct").click();
    await row.locator("input.correction").fill("12");
    await row.locator("button.save-correction").click();
    await expect.poll(() => flagLi(page, a, "TIME-HEADCOUNT").count()).toBe(1);
    await expect
      .poll(() => report(page, a).locator('tr[data-key="employees"] td.method').textContent())
      .toBe("reviewer · 王审核");
    expect(await decisionOf(page, a, "DATE-STAGE-ORDER")).toBe("confirmed");
    await report(page, a).locator(".note textarea").fill("整改记录已补交");
    await report(page, a).locator("button.save-note").click();
    await expect.poll(() => report(page, a).locator(".note span").count()).toBe(1);

    // The page viewer: whole page image, box marked.
    await report(page, a).locator('tr[data-key="organization"] button').first().click();
    await expect
      .poll(() =>
        page.locator("#viewer-img").evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(1240);
    expect(await page.locator("#viewer-box").isVisible()).toBe(true);
    await page.keyboard.press("Escape");

    // Reload: everything is still there.
    await page.reload();
    await page.waitForSelector("body[data-loads]");
    expect(await decisionOf(page, a, "DATE-STAGE-ORDER")).toBe("confirmed");
    expect(await decisionOf(page, a, "CHK-CRITERIA-WITH-NC")).toBe("dismissed");
    expect(await report(page, a).locator(".note textarea").inputValue()).toBe("整改记录已补交");

    // Re-ingest: the records are written again (boxes moved a little, flags in another order), report 3's
    // stage-1 date now reads differently, so its DATE-STAGE-ORDER flag is a new one.
    for (let i = 0; i < 12; i++) {
      const r = ruledRecord(i);
      if (i === 3) {
        if (!r.report) throw new Error("fixture");
        r.report.stage1End = f("2023-11-08");
        r.flags = runRules(r);
      }
      for (const fl of r.flags)
        for (const ev of fl.evidence)
          if (ev.bbox) ev.bbox = [ev.bbox[0] + 3, ev.bbox[1] + 2, ev.bbox[2] + 3, ev.bbox[3] + 2];
      r.flags.reverse();
      await writeRecordFiles(out, r);
    }
    await server.close();
    server = await startReviewServer({ out, port: 0 });
    await page.goto(server.url);
    await page.waitForSelector("body[data-loads]");
    expect(await decisionOf(page, a, "DATE-STAGE-ORDER")).toBe("confirmed");
    expect(await decisionOf(page, a, "CHK-CRITERIA-WITH-NC")).toBe("dismissed");
    expect(await flagLi(page, a, "TIME-HEADCOUNT").count()).toBe(1); // the correction is still applied
    expect(await decisionOf(page, r3.document.id, "DATE-STAGE-ORDER")).toBe("open");

    // decisions.csv, from the server and from `audit-extract export`, says the same.
    const served = csvRows(await (await fetch(`${server.url}decisions.csv`)).text());
    await exportAll(out, ["csv", "jsonl"], reviewForExport(out));
    const exported = csvRows(await readFile(path.join(out, "csv", "decisions.csv"), "utf8"));
    expect(exported).toEqual(served);
    const mine = (rule: string, id = a) => exported.filter((r) => r.document_id === id && r.rule === rule);
    expect(mine("DATE-STAGE-ORDER")).toMatchObject([
      { decision: "confirmed", reviewer: "王审核", flag_current: "yes" },
    ]);
    expect(mine("CHK-CRITERIA-WITH-NC")).toMatchObject([
      {
        decision: "dismissed",
        reason: "审核准则符合与轻微不符合项并不矛盾",
        reviewer: "王审核",
        flag_current: "yes",
      },
    ]);
    expect(mine("TIME-HEADCOUNT")).toMatchObject([{ decision: "open", flag_current: "yes" }]);
    const r3rows = mine("DATE-STAGE-ORDER", r3.document.id);
    expect(r3rows.map((r) => [r.decision, r.flag_current]).sort()).toEqual([
      ["confirmed", "no"],
      ["open", "yes"],
    ]);
    expect(
      exported.every((r) => /^\d{4}-\d{2}-\d{2}T/.test(r.decided_at ?? "") === (r.decision !== "open")),
    ).toBe(true);
    const corrections = csvRows(await readFile(path.join(out, "csv", "corrections.csv"), "utf8"));
    expect(corrections).toMatchObject([
      {
        document_id: a,
        field: "employees",
        original_value: "109",
        corrected_value: "12",
        reviewer: "王审核",
      },
    ]);
    const lines = (await readFile(path.join(out, "records.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const inJsonl = lines.find((l) => l.document.id === a);
    expect(inJsonl.report.employees.value).toBe(109); // the extracted record stays as read
    expect(inJsonl.review.corrections[0].corrected).toMatchObject({ value: 12, method: "reviewer" });
    expect(inJsonl.review.note.note).toBe("整改记录已补交");
    expect(
      inJsonl.review.flagsAfterCorrection.some((x: { rule: string }) => x.rule === "TIME-HEADCOUNT"),
    ).toBe(true);
  });

  it("two browser sessions deciding at once lose nothing", async () => {
    const [p1, p2] = await Promise.all([open("甲"), open("乙")]);
    const targets = ruledRecord(0) && [1, 2, 4, 5, 7, 8].map((i) => ruledRecord(i).document.id);
    const first = targets.slice(0, 3);
    const second = targets.slice(3);
    const click = async (page: Page, ids: string[]) => {
      for (const id of ids) await flagLi(page, id, "CHK-CRITERIA-WITH-NC").locator("button.confirm").click();
    };
    // Both also confirm one shared flag at the same moment: one decision, nothing lost or duplicated.
    const shared = ruledRecord(10).document.id;
    await Promise.all([click(p1, [...first, shared]), click(p2, [...second, shared])]);
    await p1.reload();
    await p1.waitForSelector("body[data-loads]");
    for (const id of [...targets, shared])
      expect(await decisionOf(p1, id, "CHK-CRITERIA-WITH-NC")).toBe("confirmed");
    const rows = csvRows(await (await fetch(`${server.url}decisions.csv`)).text()).filter(
      (r) => r.rule === "CHK-CRITERIA-WITH-NC" && r.decision === "confirmed",
    );
    const who = new Map(rows.map((r) => [r.document_id, r.reviewer]));
    for (const id of first) expect(who.get(id)).toBe("甲");
    for (const id of second) expect(who.get(id)).toBe("乙");
    expect(rows.filter((r) => r.document_id === shared)).toHaveLength(1);
  });
});
