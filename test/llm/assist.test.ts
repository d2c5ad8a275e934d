import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditRecord, Report } from "../../src/domain/record.ts";
import { assistRecord, assistReport, LLM_CONFIDENCE, runLlmAssist } from "../../src/llm/assist.ts";
import { LlmConfig, llmConfigFromEnv } from "../../src/llm/config.ts";
import { emptyReport, fixturePages, page, parsed } from "./builders.ts";
import {
  answer,
  apiError,
  completion,
  type FakeOpenAI,
  fieldOf,
  type Script,
  startFakeOpenAI,
} from "./fake-openai.ts";

let server: FakeOpenAI | null = null;
let cacheDir = "";

beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(tmpdir(), "llm-cache-"));
});
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(cacheDir, { recursive: true, force: true });
});

async function setup(script: Script, over: Partial<LlmConfig> = {}) {
  server = await startFakeOpenAI(script);
  const cfg = LlmConfig.parse({
    baseURL: server.baseURL,
    apiKey: "test-key",
    model: "test-model",
    timeoutMs: 5_000,
    maxRetries: 2,
    cacheDir,
    ...over,
  });
  return { server, cfg };
}

const noSleep = async () => {};

describe("assistReport on a fixture with one field blanked", () => {
  it("fills reportNumber with method llm and the page/bbox of the quoted line", async () => {
    const pages = fixturePages();
    const { server, cfg } = await setup(() => answer("QA-2023-0917", "报告编号：QA-2023-0917"));
    const res = await assistReport(emptyReport(), pages, cfg, {
      documentId: "doc-1",
      fields: ["reportNumber"],
    });
    const f = res.report.reportNumber;
    expect(f).toEqual({
      value: "QA-2023-0917",
      raw: "报告编号：QA-2023-0917",
      confidence: LLM_CONFIDENCE,
      page: 1,
      bbox: pages[0]!.lines[1]!.bbox,
      method: "llm",
    });
    expect(f.confidence).toBeLessThan(cfg.threshold + 0.1);
    expect(() => Report.parse(res.report)).not.toThrow();
    expect(res.problems).toEqual([]);
    expect(res.usage).toEqual({ promptTokens: 100, completionTokens: 20, calls: 1, cacheHits: 0 });

    // The request: real HTTP through the openai client, structured output from the zod schema, the OCR text.
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers.authorization).toBe("Bearer test-key");
    expect(req.body.model).toBe("test-model");
    expect(req.body.response_format?.type).toBe("json_schema");
    expect(req.body.response_format?.json_schema?.strict).toBe(true);
    expect(req.body.response_format?.json_schema?.schema).toMatchObject({
      type: "object",
      required: ["value", "quote"],
      additionalProperties: false,
    });
    expect(req.body.messages.at(-1)?.content).toContain("报告编号：QA-2023-0917");
  });

  it("narrows the bbox to the words of a quote that is part of a line", async () => {
    const pages = fixturePages();
    const { cfg } = await setup(() => answer(126, "员工人数：126人"));
    const { report } = await assistReport(emptyReport(), pages, cfg, { fields: ["employees"] });
    expect(report.employees.value).toBe(126);
    expect(report.employees.method).toBe("llm");
    expect(report.employees.page).toBe(2);
    expect(report.employees.raw).toBe("员工人数：126人");
    const lineBox = pages[1]!.lines[1]!.bbox;
    const box = report.employees.bbox!;
    expect(box[0]).toBeGreaterThan(lineBox[0]);
    expect(box[2]).toBe(lineBox[2]);
    expect(box[1]).toBe(lineBox[1]);
  });

  it("accepts a quote with a small OCR difference, at a lower confidence", async () => {
    const pages = [page(1, ["报告编号：QA-2O23-0917"])]; // OCR read 0 as O
    const { cfg } = await setup(() => answer("QA-2023-0917", "报告编号：QA-2023-0917"));
    const { report } = await assistReport(emptyReport(), pages, cfg, { fields: ["reportNumber"] });
    expect(report.reportNumber.value).toBe("QA-2023-0917");
    expect(report.reportNumber.raw).toBe("报告编号：QA-2O23-0917");
    expect(report.reportNumber.confidence).toBeLessThan(LLM_CONFIDENCE);
  });
});

describe("rejecting unsupported answers", () => {
  it("rejects a value whose quote is not in the text sent", async () => {
    const { cfg } = await setup(() => answer("QA-2024-0001", "报告编号：QA-2024-0001"));
    const res = await assistReport(emptyReport(), fixturePages(), cfg, { fields: ["reportNumber"] });
    expect(res.report.reportNumber.value).toBeNull();
    expect(res.report.reportNumber.method).toBe("ocr");
    expect(res.problems.map((p) => p.code)).toEqual(["LLM_UNVERIFIED"]);
  });

  it("rejects a value that is not in its own quote", async () => {
    const { cfg } = await setup(() => answer("2023-11-13", "报告日期：2023年11月12日"));
    const res = await assistReport(emptyReport(), fixturePages(), cfg, { fields: ["reportDate"] });
    expect(res.report.reportDate.value).toBeNull();
    expect(res.problems.map((p) => p.code)).toEqual(["LLM_INCONSISTENT"]);
  });

  it("rejects a quote that is a whole paragraph rather than the value's place", async () => {
    const pages = fixturePages();
    const all = pages[1]!.lines.map((l) => l.text).join("");
    const { cfg } = await setup(() => answer(126, all));
    const res = await assistReport(emptyReport(), pages, cfg, { fields: ["employees"] });
    expect(res.report.employees.value).toBeNull();
    expect(res.problems.map((p) => p.code)).toEqual(["LLM_UNVERIFIED"]);
  });

  it("a null answer leaves the field null without a problem", async () => {
    const { cfg } = await setup(() => answer(null, null));
    const res = await assistReport(emptyReport(), fixturePages(), cfg, { fields: ["scope"] });
    expect(res.report.scope.value).toBeNull();
    expect(res.problems).toEqual([]);
  });
});

describe("invalid output", () => {
  it("invalid JSON is re-asked once with the error, then accepted", async () => {
    const { server, cfg } = await setup((_req, i) =>
      i === 0 ? completion("报告编号是 QA-2023-0917") : answer("QA-2023-0917", "QA-2023-0917"),
    );
    const res = await assistReport(emptyReport(), fixturePages(), cfg, { fields: ["reportNumber"] });
    expect(res.report.reportNumber.value).toBe("QA-2023-0917");
    expect(res.report.reportNumber.method).toBe("llm");
    expect(server.requests).toHaveLength(2);
    const second = server.requests[1]!.body.messages;
    expect(second.at(-2)).toEqual({ role: "assistant", content: "报告编号是 QA-2023-0917" });
    expect(second.at(-1)?.content).toMatch(/not valid JSON/);
    expect(res.usage.calls).toBe(2);
    expect(res.usage.promptTokens).toBe(200);
  });

  it("a reply failing the zod schema is re-asked with the zod message", async () => {
    const { server, cfg } = await setup((_req, i) =>
      i === 0
        ? answer("2023/11/12", "报告日期：2023年11月12日")
        : answer("2023-11-12", "报告日期：2023年11月12日"),
    );
    const res = await assistReport(emptyReport(), fixturePages(), cfg, { fields: ["reportDate"] });
    expect(res.report.reportDate.value).toBe("2023-11-12");
    expect(server.requests[1]!.body.messages.at(-1)?.content).toContain("value");
  });

  it("still invalid after the re-ask: LLM_INVALID, field untouched, two requests only", async () => {
    const { server, cfg } = await setup(() => completion("{not json"));
    const res = await assistReport(emptyReport(), fixturePages(), cfg, { fields: ["reportNumber"] });
    expect(res.report.reportNumber.value).toBeNull();
    expect(res.problems.map((p) => p.code)).toEqual(["LLM_INVALID"]);
    expect(server.requests).toHaveLength(2);
  });
});

describe("network behaviour", () => {
  it("a timeout leaves the field null with a problem, without retrying or hanging", async () => {
    const { server, cfg } = await setup(() => ({ delayMs: 10_000, ...answer("x", "x") }), { timeoutMs: 300 });
    const t0 = Date.now();
    const res = await assistReport(emptyReport(), fixturePages(), cfg, { fields: ["reportNumber"] });
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(res.report.reportNumber.value).toBeNull();
    expect(res.problems.map((p) => p.code)).toEqual(["LLM_TIMEOUT"]);
    expect(server.requests).toHaveLength(1);
  });

  it("429 then success: retried after retry-after, field filled", async () => {
    const waits: number[] = [];
    const { server, cfg } = await setup((_req, i) =>
      i === 0
        ? apiError(429, "slow down", { "retry-after": "2" })
        : answer("QA-2023-0917", "报告编号：QA-2023-0917"),
    );
    const res = await assistReport(emptyReport(), fixturePages(), cfg, {
      fields: ["reportNumber"],
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(res.report.reportNumber.value).toBe("QA-2023-0917");
    expect(server.requests).toHaveLength(2);
    expect(waits).toEqual([2_000]);
    expect(res.usage.calls).toBe(1);
  });

  it("5xx is retried up to maxRetries, then a problem", async () => {
    const { server, cfg } = await setup(() => apiError(503, "overloaded"), { maxRetries: 2 });
    const res = await assistReport(emptyReport(), fixturePages(), cfg, {
      fields: ["reportNumber"],
      sleep: noSleep,
    });
    expect(server.requests).toHaveLength(3);
    expect(res.problems[0]?.code).toBe("LLM_HTTP");
    expect(res.report.reportNumber.value).toBeNull();
  });

  it("4xx other than 429 is never retried", async () => {
    const { server, cfg } = await setup(() => apiError(400, "bad request"));
    const res = await assistReport(emptyReport(), fixturePages(), cfg, {
      fields: ["reportNumber"],
      sleep: noSleep,
    });
    expect(server.requests).toHaveLength(1);
    expect(res.problems[0]?.code).toBe("LLM_HTTP");
  });

  it("cancelling the stage (document timeout) aborts the request in flight, without hanging", async () => {
    const { server, cfg } = await setup(() => ({ delayMs: 10_000, ...answer("x", "x") }));
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 200);
    const t0 = Date.now();
    const res = await assistReport(emptyReport(), fixturePages(), cfg, { signal: ctrl.signal });
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(server.requests).toHaveLength(1);
    expect(res.problems.map((p) => p.code)).toEqual(["LLM_ABORTED"]);
  });

  it("two consecutive timeouts stop the stage", async () => {
    const { server, cfg } = await setup(() => ({ delayMs: 10_000, ...answer("x", "x") }), { timeoutMs: 150 });
    const res = await assistReport(emptyReport(), fixturePages(), cfg);
    expect(server.requests).toHaveLength(2);
    expect(res.problems.map((p) => p.code)).toEqual(["LLM_TIMEOUT", "LLM_TIMEOUT", "LLM_STOPPED"]);
  });

  it("json_object mode for servers without structured outputs", async () => {
    const { server, cfg } = await setup(() => answer("QA-2023-0917", "QA-2023-0917"), {
      responseFormat: "json_object",
      temperature: 0,
    });
    const res = await assistReport(emptyReport(), fixturePages(), cfg, { fields: ["reportNumber"] });
    expect(res.report.reportNumber.value).toBe("QA-2023-0917");
    expect(server.requests[0]!.body.response_format).toEqual({ type: "json_object" });
    expect(server.requests[0]!.body.temperature).toBe(0);
    expect(server.requests[0]!.body.messages.at(-1)?.content).toContain('"required":["value","quote"]');
  });

  it("network errors are retried, then reported", async () => {
    const { server, cfg } = await setup(() => answer("x", "x"), { maxRetries: 1 });
    await server.close();
    const res = await assistReport(emptyReport(), fixturePages(), cfg, {
      fields: ["reportNumber"],
      sleep: noSleep,
    });
    expect(res.problems.map((p) => p.code)).toEqual(["LLM_NETWORK"]);
    expect(res.report.reportNumber.value).toBeNull();
  });

  it("a reply the client cannot read is a problem, not a crash", async () => {
    const { cfg } = await setup(() => ({ json: { unexpected: true } }));
    const res = await assistReport(emptyReport(), fixturePages(), cfg, { fields: ["reportNumber"] });
    expect(res.report.reportNumber.value).toBeNull();
    expect(res.problems.map((p) => p.code)).toEqual(["LLM_INVALID"]);
  });

  it("a 401 stops the stage: no further fields are asked", async () => {
    const { server, cfg } = await setup(() => apiError(401, "bad key"));
    const res = await assistReport(emptyReport(), fixturePages(), cfg, { sleep: noSleep });
    expect(server.requests).toHaveLength(1);
    expect(res.problems.map((p) => p.code)).toEqual(["LLM_HTTP", "LLM_STOPPED"]);
  });
});

describe("what is sent", () => {
  it("a confident parsed value is never sent nor overridden", async () => {
    const report = emptyReport({ reportNumber: parsed("QA-2023-0917", "报告编号：QA-2023-0917", 0.95) });
    const { server, cfg } = await setup(() => answer("WRONG-1", "WRONG-1"));
    const res = await assistReport(report, fixturePages(), cfg, { fields: ["reportNumber"] });
    expect(server.requests).toHaveLength(0);
    expect(res.report.reportNumber).toEqual(report.reportNumber);

    await assistReport(report, fixturePages(), cfg, { sleep: noSleep });
    expect(server.requests.map(fieldOf)).not.toContain("reportNumber");
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it("a parsed value below the threshold that the model confirms is kept, with more confidence", async () => {
    const report = emptyReport({ employees: parsed(126, "126人", 0.4, 2) });
    const { cfg } = await setup(() => answer(126, "员工人数：126人"));
    const res = await assistReport(report, fixturePages(), cfg, { fields: ["employees"] });
    expect(res.report.employees).toEqual({ ...report.employees, confidence: LLM_CONFIDENCE });
  });

  it("a weaker parsed value the model contradicts (with a verified quote) is replaced and reported", async () => {
    const report = emptyReport({ employees: parsed(26, "26人", 0.3, 2) });
    const { cfg } = await setup(() => answer(126, "员工人数：126人"));
    const res = await assistReport(report, fixturePages(), cfg, { fields: ["employees"] });
    expect(res.report.employees.value).toBe(126);
    expect(res.report.employees.method).toBe("llm");
    expect(res.problems.map((p) => p.code)).toEqual(["LLM_REPLACED"]);
  });

  it("the input report is not mutated", async () => {
    const report = emptyReport();
    const before = structuredClone(report);
    const { cfg } = await setup(() => answer("QA-2023-0917", "QA-2023-0917"));
    await assistReport(report, fixturePages(), cfg, { fields: ["reportNumber"] });
    expect(report).toEqual(before);
  });
});

describe("cache", () => {
  it("a second run on the same document makes no request", async () => {
    const { server, cfg } = await setup(() => answer("QA-2023-0917", "报告编号：QA-2023-0917"));
    const a = await assistReport(emptyReport(), fixturePages(), cfg, {
      documentId: "d1",
      fields: ["reportNumber"],
    });
    const b = await assistReport(emptyReport(), fixturePages(), cfg, {
      documentId: "d1",
      fields: ["reportNumber"],
    });
    expect(server.requests).toHaveLength(1);
    expect(b.report.reportNumber).toEqual(a.report.reportNumber);
    expect(b.usage).toEqual({ promptTokens: 0, completionTokens: 0, calls: 0, cacheHits: 1 });

    // Another model or document is another question.
    await assistReport(
      emptyReport(),
      fixturePages(),
      { ...cfg, model: "other" },
      {
        documentId: "d1",
        fields: ["reportNumber"],
      },
    );
    await assistReport(emptyReport(), fixturePages(), cfg, { documentId: "d2", fields: ["reportNumber"] });
    expect(server.requests).toHaveLength(3);
  });

  it("an answer still invalid after the re-ask is cached too: the re-run is free and reports the same", async () => {
    const { server, cfg } = await setup(() => completion("nope"));
    const a = await assistReport(emptyReport(), fixturePages(), cfg, {
      documentId: "d",
      fields: ["reportNumber"],
    });
    const b = await assistReport(emptyReport(), fixturePages(), cfg, {
      documentId: "d",
      fields: ["reportNumber"],
    });
    expect(server.requests).toHaveLength(2);
    expect(b.problems).toEqual(a.problems);
    expect(b.problems.map((p) => p.code)).toEqual(["LLM_INVALID"]);
  });

  it("transport failures are not cached", async () => {
    const { server, cfg } = await setup((_req, i) =>
      i === 0 ? apiError(400, "bad") : answer("QA-2023-0917", "QA-2023-0917"),
    );
    const a = await assistReport(emptyReport(), fixturePages(), cfg, {
      documentId: "d",
      fields: ["reportNumber"],
    });
    expect(a.report.reportNumber.value).toBeNull();
    const b = await assistReport(emptyReport(), fixturePages(), cfg, {
      documentId: "d",
      fields: ["reportNumber"],
    });
    expect(b.report.reportNumber.value).toBe("QA-2023-0917");
    expect(server.requests).toHaveLength(2);
  });

  it("a corrupt cache entry is a miss", async () => {
    const { server, cfg } = await setup(() => answer("QA-2023-0917", "QA-2023-0917"));
    await assistReport(emptyReport(), fixturePages(), cfg, { documentId: "d", fields: ["reportNumber"] });
    const { readdir, writeFile } = await import("node:fs/promises");
    const dir = path.join(cacheDir, "d");
    for (const f of await readdir(dir)) await writeFile(path.join(dir, f), "{broken");
    const b = await assistReport(emptyReport(), fixturePages(), cfg, {
      documentId: "d",
      fields: ["reportNumber"],
    });
    expect(b.report.reportNumber.value).toBe("QA-2023-0917");
    expect(server.requests).toHaveLength(2);
  });
});

describe("off by default", () => {
  it("no configuration: no request at all, the report is returned as is", async () => {
    const { server } = await setup(() => answer("QA-2023-0917", "QA-2023-0917"));
    const cfg = llmConfigFromEnv({ OPENAI_BASE_URL: server.baseURL, OPENAI_API_KEY: "k" });
    expect(cfg).toBeNull();
    const report = emptyReport();
    const res = await runLlmAssist(report, fixturePages(), cfg);
    expect(res.report).toBe(report);
    expect(res.usage.calls).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it("configured through the environment, it asks", async () => {
    const { server } = await setup(() => answer("QA-2023-0917", "QA-2023-0917"));
    const cfg = llmConfigFromEnv({
      OPENAI_BASE_URL: server.baseURL,
      OPENAI_API_KEY: "k",
      AUDIT_LLM_MODEL: "m",
      AUDIT_LLM_CACHE_DIR: "off",
    });
    const res = await runLlmAssist(emptyReport(), fixturePages(), cfg, { fields: ["reportNumber"] });
    expect(res.report.reportNumber.value).toBe("QA-2023-0917");
    expect(server.requests[0]?.body.model).toBe("m");
  });
});

describe("a whole blank report", () => {
  it("fills what the text supports, each with provenance", async () => {
    const answers: Record<string, [string | number | null, string | null]> = {
      reportNumber: ["QA-2023-0917", "报告编号：QA-2023-0917"],
      organization: ["苏州恒信精密机械有限公司", "受审核方：苏州恒信精密机械有限公司"],
      certificationBody: ["华信认证中心有限公司", "认证机构：华信认证中心有限公司"],
      reportDate: ["2023-11-12", "报告日期：2023年11月12日"],
      auditStart: ["2023-11-08", "审核日期：2023年11月8日至10日"],
      auditEnd: ["2023-11-10", "审核日期：2023年11月8日至10日"],
      employees: [126, "员工人数：126人"],
      foundedDate: ["2008-03-15", "成立日期：2008年3月15日"],
      ncMajor: [0, "严重不符合项：无"],
      ncMinor: [2, "一般不符合项 2 项"],
    };
    const { cfg } = await setup((req) => {
      const [value, quote] = answers[fieldOf(req)] ?? [null, null];
      return answer(value, quote);
    });
    const pages = fixturePages();
    const res = await assistReport(emptyReport(), pages, cfg, { documentId: "whole" });
    const r = res.report;
    expect(res.problems).toEqual([]);
    expect(r.organization.value).toBe("苏州恒信精密机械有限公司");
    expect(r.auditStart.value).toBe("2023-11-08");
    expect(r.auditEnd.value).toBe("2023-11-10");
    expect(r.auditEnd.page).toBe(2);
    expect(r.foundedDate.value).toBe("2008-03-15");
    expect(r.ncMajor.value).toBe(0);
    expect(r.ncMinor.value).toBe(2);
    expect(r.scope.value).toBeNull();
    for (const k of Object.keys(answers) as (keyof typeof answers & keyof Report)[]) {
      const f = r[k] as { method: string; page: number | null; bbox: unknown; raw: string | null };
      expect(f.method, k).toBe("llm");
      expect(f.page, k).not.toBeNull();
      expect(f.bbox, k).not.toBeNull();
      expect(f.raw, k).not.toBeNull();
    }
    // The filled report still fits the record schema.
    expect(() =>
      AuditRecord.parse({
        schemaVersion: "1",
        document: {
          id: "whole",
          file: "a.pdf",
          pages: 2,
          kind: "audit_report",
          status: "ok",
          errors: res.problems,
          ocr: { engine: "test", meanConfidence: 0.9, dpi: 300 },
          timings: { totalMs: 1, ocrMs: 1 },
        },
        report: r,
        flags: [],
      }),
    ).not.toThrow();
  });
});

describe("assistRecord (the pipeline's call between parsing and rules)", () => {
  const record = (report: Report | null): AuditRecord => ({
    schemaVersion: "1",
    document: {
      id: "sha-abc",
      file: "a.pdf",
      pages: 2,
      kind: report ? "audit_report" : "not_audit_report",
      status: "ok",
      errors: [],
      ocr: { engine: "test", meanConfidence: 0.9, dpi: 300 },
      timings: { totalMs: 1, ocrMs: 1 },
    },
    report,
    flags: [],
  });

  it("fills the report in place, appends problems, returns usage with the model", async () => {
    const { cfg } = await setup((req) =>
      fieldOf(req) === "reportNumber" ? answer("QA-2023-0917", "QA-2023-0917") : answer("无关", "无关"),
    );
    const rec = record(emptyReport());
    const usage = await assistRecord(rec, fixturePages(), cfg);
    expect(rec.report?.reportNumber.value).toBe("QA-2023-0917");
    expect(rec.document.errors.length).toBeGreaterThan(0);
    expect(rec.document.errors.every((e) => e.code.startsWith("LLM_"))).toBe(true);
    expect(usage).toMatchObject({ model: "test-model", calls: expect.any(Number) });
    expect(() => AuditRecord.parse(rec)).not.toThrow();
    // Cached under the document id.
    const again = await assistRecord(record(emptyReport()), fixturePages(), cfg);
    expect(again?.calls).toBe(0);
  });

  it("off, or no report: nothing happens", async () => {
    const { server, cfg } = await setup(() => answer("x", "x"));
    const rec = record(emptyReport());
    const before = structuredClone(rec);
    expect(await assistRecord(rec, fixturePages(), null)).toBeNull();
    expect(rec).toEqual(before);
    expect(await assistRecord(record(null), fixturePages(), cfg)).toBeNull();
    expect(server.requests).toHaveLength(0);
  });
});
