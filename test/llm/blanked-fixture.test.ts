/**
 * Issue 9's end-to-end case: the generator rendered a report whose header leaves the report number blank
 * (fixtures/llm, `npm run fixtures -- --blanked fixtures/llm`); the number still runs in the page footers.
 * The whole pipeline runs on recorded OCR (fixtures/golden-ocr) with the LLM stage pointed at a local
 * OpenAI-compatible server; the "model" answers from the text it is sent, as a model would.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { distance } from "fastest-levenshtein";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DocumentTruth } from "../../fixtures/generator/truth.ts";
import { AppConfig } from "../../src/config/schema.ts";
import type { AuditRecord } from "../../src/domain/record.ts";
import { runIngest } from "../../src/pipeline/runner.ts";
import { answer, type FakeOpenAI, fieldOf, startFakeOpenAI } from "./fake-openai.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PDF = path.join(ROOT, "fixtures/llm/report-blank-number.pdf");
const truth = JSON.parse(
  readFileSync(path.join(ROOT, "fixtures/llm/report-blank-number.truth.json"), "utf8"),
) as DocumentTruth;
const expected = truth.fields!.reportNumber!;

let server: FakeOpenAI | null = null;
const dirs: string[] = [];

afterEach(async () => {
  vi.unstubAllEnvs();
  await server?.close();
  server = null;
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function ingest(): Promise<AuditRecord> {
  const out = await mkdtemp(path.join(tmpdir(), "llm-blanked-"));
  dirs.push(out);
  const config = AppConfig.parse({
    ocr: { replayDir: path.join(ROOT, "fixtures/golden-ocr"), workers: 1 },
    savePageImages: false,
  });
  const { records } = await runIngest({ inputs: [PDF], out, config });
  expect(records).toHaveLength(1);
  return records[0]!;
}

/** A line of the prompt that carries the value, as a model would quote it: the closest by edit distance. */
function quoteFromPrompt(prompt: string, value: string): string | null {
  const lines = prompt
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length >= value.length);
  let best: { line: string; d: number } | null = null;
  for (const line of lines) {
    for (let i = 0; i + value.length <= line.length; i++) {
      const d = distance(line.slice(i, i + value.length), value);
      if (!best || d < best.d) best = { line, d };
    }
  }
  return best && best.d <= 2 ? best.line : null;
}

let baseline: AuditRecord;
beforeAll(async () => {
  baseline = await ingest();
}, 120_000);

describe("a generated report with its report number left blank", () => {
  it("is what the generator says: the header cell is empty, the footer still prints the number", () => {
    expect(truth.blankedFields).toEqual(["reportNumber"]);
    const first = truth.pages[0]!.text;
    const headerLine = first.split("\n").find((l) => /报告编号|项目编号/.test(l));
    expect(headerLine).toBeDefined();
    expect(headerLine).not.toContain(expected);
    expect(first.split("\n").at(-1)).toContain(expected);
  });

  it("without the LLM stage the parser leaves the field null rather than guessing", () => {
    expect(baseline.document.kind).toBe("audit_report");
    expect(baseline.report!.reportNumber.value).toBeNull();
    expect(baseline.report!.reportNumber.confidence).toBe(0);
  });

  it("with the stage on, the field is filled from the footer: method llm, provenance to the cited line", async () => {
    const prompts: string[] = [];
    server = await startFakeOpenAI((req) => {
      if (fieldOf(req) !== "reportNumber") return answer(null, null);
      const prompt = req.body.messages.at(-1)?.content ?? "";
      prompts.push(prompt);
      const quote = quoteFromPrompt(prompt, expected);
      return quote ? answer(expected, quote) : answer(null, null);
    });
    vi.stubEnv("AUDIT_LLM_MODEL", "test-model");
    vi.stubEnv("OPENAI_BASE_URL", server.baseURL);
    vi.stubEnv("OPENAI_API_KEY", "test-key");
    vi.stubEnv("AUDIT_LLM_CACHE_DIR", "off");

    const record = await ingest();
    expect(prompts).toHaveLength(1);
    const f = record.report!.reportNumber;
    expect(f.value).toBe(expected);
    expect(f.method).toBe("llm");
    expect(f.page).toBe(1);
    expect(f.raw).not.toBeNull();
    expect(distance(f.raw!.replace(/\s/g, ""), expected)).toBeLessThanOrEqual(
      f.raw!.replace(/\s/g, "").length - expected.length + 2,
    );
    // The box is the footer's: in the bottom margin of page 1 of the prepared image.
    const page = truth.pages[0]!;
    expect(f.bbox).not.toBeNull();
    expect(f.bbox![1]).toBeGreaterThan(page.height * 0.9);
    expect(f.confidence).toBeLessThan(0.9);
    expect(record.document.llm?.calls ?? 0).toBeGreaterThanOrEqual(1);

    // Nothing else changed: every other field the model was asked about, it answered null.
    const { reportNumber: _a, ...rest } = record.report!;
    const { reportNumber: _b, ...restBefore } = baseline.report!;
    expect(rest).toEqual(restBefore);
  });
});
