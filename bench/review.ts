/**
 * The review server with a backlog of synthetic reports, in headless Chromium.
 *
 *   npm run bench:review -- [--reports 5000] [--runs 5]
 *
 * Writes N records (flags from the rules stage, every third report with a high flag) into a temporary
 * output folder, with a few hundred decisions already taken, starts the server, then measures:
 * - page open: from navigation start until the first page of reports is on screen (median of runs);
 * - filter apply: from a filter change until the filtered page is on screen (median, several filters).
 * Targets: open < 2 s, filter < 200 ms. A benchmark, not a test: it prints figures, it does not fail.
 * "wall" is seen from the benchmark (Playwright's selectOption and polling included); "in page" from the
 * filter's change event to the re-rendered list, in the page's own clock.
 * Besides wall time it prints the work done: the server's CPU time (this process hosts it) plus the
 * browser main thread's busy time (CDP Performance.getMetrics TaskDuration). On a shared, overloaded
 * machine wall time is mostly waiting for a core; the work is what an idle machine would take.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { fingerprints } from "../src/review/fingerprint.ts";
import { startReviewServer } from "../src/review/server.ts";
import { ReviewStore } from "../src/review/store.ts";
import { makeOutFolder } from "../test/review/fixture.ts";

const { values } = parseArgs({
  options: { reports: { type: "string", default: "5000" }, runs: { type: "string", default: "5" } },
});
const N = Number(values.reports);
const RUNS = Number(values.runs);
const CHROMIUM = "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is needed (apt-get install chromium)`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const out = await mkdtemp(path.join(tmpdir(), "bench-review-"));
let t = performance.now();
const records = await makeOutFolder(out, N);
console.log(`${N} records written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const store = ReviewStore.open(out);
records.slice(0, 300).forEach((r, i) => {
  const fp = fingerprints(r.flags)[0];
  const f = r.flags[0];
  if (fp && f)
    store.decide({
      documentId: r.document.id,
      fingerprint: fp,
      action: i % 2 ? "confirmed" : "dismissed",
      reason: i % 2 ? null : "bench",
      reviewer: "bench",
      at: new Date().toISOString(),
      rule: f.rule,
      severity: f.severity,
      message: f.message,
    });
});
store.close();

t = performance.now();
const server = await startReviewServer({ out, port: 0, crops: false });
console.log(
  `server loaded ${server.catalog.size} reports in ${((performance.now() - t) / 1000).toFixed(2)} s`,
);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  const opens: number[] = [];
  const openWork: number[] = [];
  const filters: Record<string, number[]> = {};
  const work: Record<string, number[]> = {};
  const inPageMs: Record<string, number[]> = {};
  for (let run = 0; run < RUNS; run++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const busy = async () => {
      const { metrics } = await cdp.send("Performance.getMetrics");
      return (metrics.find((m) => m.name === "TaskDuration")?.value ?? 0) * 1000;
    };
    const cpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const start = Date.now();
    const cpu0 = cpu();
    await page.goto(server.url);
    await page.waitForSelector('body[data-loads="1"]');
    opens.push(Date.now() - start);
    openWork.push(Math.round(cpu() - cpu0 + (await busy())));
    let loads = 1;
    const apply = async (name: string, change: () => Promise<void>) => {
      const begin = Date.now();
      const cpu0 = cpu();
      const busy0 = await busy();
      await change();
      loads += 1;
      await page.waitForSelector(`body[data-loads="${loads}"]`);
      const list = filters[name] ?? [];
      list.push(Date.now() - begin);
      filters[name] = list;
      const w = work[name] ?? [];
      w.push(Math.round(cpu() - cpu0 + (await busy()) - busy0));
      work[name] = w;
      const inPage = inPageMs[name] ?? [];
      inPage.push(Number(await page.getAttribute("body", "data-load-ms")));
      inPageMs[name] = inPage;
    };
    await apply("severity=high", () => page.selectOption("#f-sev", "high").then(() => undefined));
    await apply("state=blocked", () => page.selectOption("#f-state", "blocked").then(() => undefined));
    await apply("rule=TIME-LOW", () => page.selectOption("#f-rule", "TIME-LOW").then(() => undefined));
    await apply("clear all", async () => {
      await page.selectOption("#f-rule", "");
      loads += 1;
      await page.waitForSelector(`body[data-loads="${loads}"]`);
      await page.selectOption("#f-state", "");
      loads += 1;
      await page.waitForSelector(`body[data-loads="${loads}"]`);
      await page.selectOption("#f-sev", "");
    });
    await apply("next page", () => page.click("#next"));
    await page.close();
  }
  console.log(`\nreview page, ${N} reports, ${RUNS} runs (median):`);
  console.log(
    `  load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")} on ${availableParallelism()} cores`,
  );
  console.log(
    `  page open     wall ${median(opens)} ms, work ${median(openWork)} ms (target < 2000 ms; wall runs ${opens.join(", ")})`,
  );
  for (const [name, xs] of Object.entries(filters))
    if (name !== "clear all")
      console.log(
        `  ${name.padEnd(13)} wall ${median(xs)} ms, in page ${median(inPageMs[name] ?? [])} ms, work ${median(work[name] ?? [])} ms (target < 200 ms; wall runs ${xs.join(", ")})`,
      );
} finally {
  await browser.close();
  await server.close();
  await rm(out, { recursive: true, force: true });
}
