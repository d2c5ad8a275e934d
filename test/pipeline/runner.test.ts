import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.ts";
import { runIngest } from "../../src/pipeline/runner.ts";
import { CrashingEngine, MissingLanguageEngine, ScriptedEngine } from "../helpers/fake-engines.ts";

const config = loadConfig({ env: {}, flags: { ocr: { workers: 1 }, savePageImages: false } });

async function pagePng(dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  // A white A4-ish page at 100 DPI with a dark bar, so preparation has something to look at.
  const w = 827;
  const h = 1169;
  const data = Buffer.alloc(w * h, 255);
  for (let y = 200; y < 230; y++) data.fill(0, y * w + 100, y * w + 700);
  await sharp(data, { raw: { width: w, height: h, channels: 1 } })
    .png()
    .withMetadata({ density: 100 })
    .toFile(file);
  return file;
}

const REPORT_LINES = [
  "管理体系审核报告",
  "项目编号：20647-2023-Q",
  "组织名称：重庆金微科技有限公司",
  "一、审核综述",
  "1.1 审核组成员",
  "五、审核组推荐意见",
];

describe("in-process runner", () => {
  it("records a crashing engine as failed pages and still finishes the batch", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-run-"));
    const out = path.join(dir, "out");
    const a = await pagePng(dir, "a.png");
    const empty = path.join(dir, "empty.pdf");
    await writeFile(empty, "");
    const result = await runIngest({ inputs: [a, empty], out, config, engine: new CrashingEngine() });
    expect(result.records).toHaveLength(2);
    const byFile = new Map(result.records.map((r) => [r.document.file, r]));
    expect(byFile.get("a.png")?.document.status).toBe("failed");
    expect(byFile.get("a.png")?.document.errors.map((e) => e.code)).toContain("OCR_FAILED");
    expect(byFile.get("a.png")?.document.pages).toBe(1);
    expect(byFile.get("empty.pdf")?.document.errors[0]?.code).toBe("INPUT_EMPTY");
    expect(result.rejected).toBe(2);
    const jsonl = (await readFile(path.join(out, "records.jsonl"), "utf8")).trim().split("\n");
    expect(jsonl).toHaveLength(2);
  });

  it("stops the run when the environment is broken", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-run-"));
    const a = await pagePng(dir, "a.png");
    await expect(
      runIngest({ inputs: [a], out: path.join(dir, "out"), config, engine: new MissingLanguageEngine() }),
    ).rejects.toMatchObject({ code: "OCR_LANG_MISSING" });
  });

  it("does no work twice when run again over the same inputs", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-run-"));
    const out = path.join(dir, "out");
    const inputs = [await pagePng(dir, "one.png"), path.join(dir, "missing.pdf")];
    const engine = new ScriptedEngine(REPORT_LINES);
    const first = await runIngest({ inputs, out, config, engine });
    const callsAfterFirst = engine.calls;
    expect(callsAfterFirst).toBeGreaterThan(0);
    const second = await runIngest({ inputs, out, config, engine });
    expect(engine.calls).toBe(callsAfterFirst);
    expect(second.records.map((r) => r.document.id).sort()).toEqual(
      first.records.map((r) => r.document.id).sort(),
    );
    expect(second.records.find((r) => r.document.file === "one.png")?.document.kind).toBe("audit_report");
    expect(
      second.records.find((r) => r.document.file.endsWith("missing.pdf"))?.document.errors[0]?.code,
    ).toBe("INPUT_NOT_FOUND");
    const texts = await readdir(path.join(out, "text"));
    expect(texts.length).toBe(2);
  });
});
