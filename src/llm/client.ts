import OpenAI from "openai";
import type { LlmConfig } from "./config.ts";

export type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;
export type ChatRequest = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

export interface ChatResult {
  content: string | null;
  promptTokens: number;
  completionTokens: number;
}

export type FailureCode = "LLM_TIMEOUT" | "LLM_HTTP" | "LLM_NETWORK" | "LLM_ABORTED" | "LLM_ERROR";

/** A call that did not produce an answer. `fatal`: later calls would fail the same way (bad key, model, URL). */
export class LlmCallError extends Error {
  override readonly name = "LlmCallError";
  constructor(
    readonly code: FailureCode,
    message: string,
    readonly fatal: boolean,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Our own retry loop, so the client's retries are off: it also retries 408/409, which we never do. */
export function makeClient(cfg: LlmConfig): OpenAI {
  return new OpenAI({ baseURL: cfg.baseURL, apiKey: cfg.apiKey, timeout: cfg.timeoutMs, maxRetries: 0 });
}

/** retry-after-ms, retry-after (seconds or HTTP date); null when absent or unreadable. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | null {
  if (!headers) return null;
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = headers.get("retry-after");
  if (ra === null || ra.trim() === "") return null;
  if (Number.isFinite(Number(ra))) return Math.max(0, Number(ra) * 1000);
  const at = Date.parse(ra);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function backoffMs(attempt: number): number {
  const base = Math.min(8_000, 500 * 2 ** attempt);
  return Math.round(base * (0.5 + Math.random() * 0.5));
}

export interface CallDeps {
  sleep?: Sleep;
  signal?: AbortSignal;
}

/** One chat completion with a timeout, retried on network errors, 429 and 5xx only (honouring retry-after). */
export async function chat(
  client: OpenAI,
  cfg: LlmConfig,
  body: ChatRequest,
  deps: CallDeps = {},
): Promise<ChatResult> {
  const wait = deps.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await client.chat.completions.create(body, {
        timeout: cfg.timeoutMs,
        maxRetries: 0,
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
      return {
        // Compatible servers are not always complete: tolerate a missing choices array or usage.
        content: (Array.isArray(res.choices) ? res.choices[0]?.message?.content : null) ?? null,
        promptTokens: res.usage?.prompt_tokens ?? 0,
        completionTokens: res.usage?.completion_tokens ?? 0,
      };
    } catch (e) {
      if (e instanceof OpenAI.APIUserAbortError || deps.signal?.aborted) {
        throw new LlmCallError("LLM_ABORTED", "the LLM stage was cancelled", true);
      }
      if (e instanceof OpenAI.APIConnectionTimeoutError) {
        throw new LlmCallError("LLM_TIMEOUT", `no answer within ${cfg.timeoutMs} ms`, false);
      }
      let delay: number | null = null;
      if (e instanceof OpenAI.APIConnectionError) {
        delay = backoffMs(attempt);
        if (attempt >= cfg.maxRetries) {
          throw new LlmCallError("LLM_NETWORK", `cannot reach the LLM endpoint: ${e.message}`, false);
        }
      } else if (e instanceof OpenAI.APIError && typeof e.status === "number") {
        const status = e.status;
        const retryable = status === 429 || status >= 500;
        if (!retryable || attempt >= cfg.maxRetries) {
          const fatal = status === 401 || status === 403 || status === 404;
          throw new LlmCallError(
            "LLM_HTTP",
            `HTTP ${status}${retryable ? ` after ${attempt + 1} attempts` : ""}: ${e.message}`,
            fatal,
            status,
          );
        }
        const ra = retryAfterMs(e.headers);
        delay = ra === null ? backoffMs(attempt) : Math.min(ra, cfg.maxRetryAfterMs);
      } else {
        // Not an HTTP/transport error: a reply the client could not read (not JSON, wrong shape).
        throw new LlmCallError("LLM_ERROR", `unreadable reply: ${(e as Error).message ?? String(e)}`, false);
      }
      try {
        await wait(delay, deps.signal);
      } catch {
        throw new LlmCallError("LLM_ABORTED", "the LLM stage was cancelled", true);
      }
    }
  }
}
