import { z } from "zod";
import { AuditExtractError } from "../domain/errors.ts";

/** Optional LLM assist (issue 9). Off unless AUDIT_LLM_MODEL is set: the pipeline, its tests and CI never need a
 * model. When on, OPENAI_BASE_URL must be given explicitly so reports never go to a default endpoint by accident. */
export const LlmConfig = z.object({
  /** Any OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or http://127.0.0.1:8000/v1. */
  baseURL: z.url(),
  /** Local servers that ignore keys still need a non-empty value (the client requires one). */
  apiKey: z.string().min(1),
  model: z.string().min(1),
  /** Fields whose parsed confidence is below this (or whose value is null) are sent to the model. */
  threshold: z.number().min(0).max(1).default(0.6),
  /** Per request. A timed-out request is not retried (a slow model stays slow and is still billing). */
  timeoutMs: z.number().int().positive().default(30_000),
  /** Retries on network errors, 429 and 5xx only; never on other 4xx. */
  maxRetries: z.number().int().min(0).max(10).default(2),
  /** Longest wait honoured from a retry-after header. */
  maxRetryAfterMs: z.number().int().nonnegative().default(60_000),
  /** Answers cached by (document id, field, prompt version, model, prompt hash); null disables the cache. */
  cacheDir: z.string().min(1).nullable().default(".cache/llm"),
  /** OCR text sent per field, in characters. */
  maxContextChars: z.number().int().min(200).max(100_000).default(3_000),
  /** json_schema (structured outputs) where the server supports it; json_object for older compatible servers. */
  responseFormat: z.enum(["json_schema", "json_object"]).default("json_schema"),
  /** Not sent when null (some models reject any temperature but the default). */
  temperature: z.number().min(0).max(2).nullable().default(null),
  /** Stop asking after this many consecutive failed calls (timeouts, exhausted retries) in one document. */
  maxConsecutiveFailures: z.number().int().min(1).default(2),
});
export type LlmConfig = z.infer<typeof LlmConfig>;
export type LlmConfigInput = z.input<typeof LlmConfig>;

function num(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : Number.NaN;
}

function nonEmpty(raw: string | undefined): string | undefined {
  return raw === undefined || raw.trim() === "" ? undefined : raw.trim();
}

/** null unless AUDIT_LLM_MODEL is set. Set but incomplete or invalid: throws CONFIG_INVALID (loud, not silent). */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv): LlmConfig | null {
  const model = nonEmpty(env.AUDIT_LLM_MODEL);
  if (!model) return null;
  const cacheRaw = env.AUDIT_LLM_CACHE_DIR;
  const input: Record<string, unknown> = {
    baseURL: nonEmpty(env.OPENAI_BASE_URL),
    apiKey: nonEmpty(env.OPENAI_API_KEY),
    model,
    threshold: num(env.AUDIT_LLM_THRESHOLD),
    timeoutMs: num(env.AUDIT_LLM_TIMEOUT_MS),
    maxRetries: num(env.AUDIT_LLM_MAX_RETRIES),
    maxContextChars: num(env.AUDIT_LLM_MAX_CONTEXT_CHARS),
    responseFormat: nonEmpty(env.AUDIT_LLM_RESPONSE_FORMAT),
    temperature: num(env.AUDIT_LLM_TEMPERATURE),
    cacheDir:
      cacheRaw === undefined
        ? undefined
        : ["", "off", "none", "false", "0"].includes(cacheRaw.trim().toLowerCase())
          ? null
          : cacheRaw.trim(),
  };
  for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
  const parsed = LlmConfig.safeParse(input);
  if (!parsed.success) {
    throw new AuditExtractError(
      "CONFIG_INVALID",
      `AUDIT_LLM_MODEL is set but the LLM assist configuration is invalid: ${z.prettifyError(parsed.error)}`,
      "set OPENAI_BASE_URL and OPENAI_API_KEY (any non-empty key for local servers), or unset AUDIT_LLM_MODEL",
    );
  }
  return parsed.data;
}
