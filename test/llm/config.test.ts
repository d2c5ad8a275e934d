import { describe, expect, it } from "vitest";
import { AuditExtractError } from "../../src/domain/errors.ts";
import { retryAfterMs } from "../../src/llm/client.ts";
import { llmConfigFromEnv } from "../../src/llm/config.ts";

const base = { OPENAI_BASE_URL: "http://127.0.0.1:9/v1", OPENAI_API_KEY: "k", AUDIT_LLM_MODEL: "m" };

describe("llmConfigFromEnv", () => {
  it("is off unless AUDIT_LLM_MODEL is set", () => {
    expect(llmConfigFromEnv({})).toBeNull();
    expect(llmConfigFromEnv({ OPENAI_API_KEY: "k", OPENAI_BASE_URL: "http://x/v1" })).toBeNull();
    expect(llmConfigFromEnv({ ...base, AUDIT_LLM_MODEL: "  " })).toBeNull();
  });

  it("defaults", () => {
    expect(llmConfigFromEnv(base)).toEqual({
      baseURL: "http://127.0.0.1:9/v1",
      apiKey: "k",
      model: "m",
      threshold: 0.6,
      timeoutMs: 30_000,
      maxRetries: 2,
      maxRetryAfterMs: 60_000,
      cacheDir: ".cache/llm",
      maxContextChars: 3_000,
      responseFormat: "json_schema",
      temperature: null,
      maxConsecutiveFailures: 2,
    });
  });

  it("reads the optional settings", () => {
    const cfg = llmConfigFromEnv({
      ...base,
      AUDIT_LLM_THRESHOLD: "0.8",
      AUDIT_LLM_TIMEOUT_MS: "5000",
      AUDIT_LLM_MAX_RETRIES: "0",
      AUDIT_LLM_CACHE_DIR: "off",
      AUDIT_LLM_RESPONSE_FORMAT: "json_object",
      AUDIT_LLM_TEMPERATURE: "0",
    });
    expect(cfg).toMatchObject({
      threshold: 0.8,
      timeoutMs: 5000,
      maxRetries: 0,
      cacheDir: null,
      responseFormat: "json_object",
      temperature: 0,
    });
  });

  it("set but incomplete or invalid is a CONFIG_INVALID error, never a silent default endpoint", () => {
    const { OPENAI_BASE_URL: _u, ...noUrl } = base;
    expect(() => llmConfigFromEnv(noUrl)).toThrow(AuditExtractError);
    const { OPENAI_API_KEY: _k, ...noKey } = base;
    expect(() => llmConfigFromEnv(noKey)).toThrow(/OPENAI_API_KEY|apiKey/);
    expect(() => llmConfigFromEnv({ ...base, AUDIT_LLM_THRESHOLD: "high" })).toThrow(/threshold/);
    expect(() => llmConfigFromEnv({ ...base, AUDIT_LLM_THRESHOLD: "1.5" })).toThrow(AuditExtractError);
  });
});

describe("retryAfterMs", () => {
  it("reads retry-after-ms, seconds and HTTP dates", () => {
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250" }))).toBe(250);
    expect(retryAfterMs(new Headers({ "retry-after": "3" }))).toBe(3000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({}))).toBeNull();
    expect(retryAfterMs(undefined)).toBeNull();
  });
});
