import type OpenAI from "openai";
import { z } from "zod";
import type { Field } from "../domain/field.ts";
import type { OcrPage } from "../domain/ocr.ts";
import type { AuditRecord, Problem, Report } from "../domain/record.ts";
import { readCache, sha256, writeCache } from "./cache.ts";
import { type ChatMessage, type ChatRequest, chat, LlmCallError, makeClient, type Sleep } from "./client.ts";
import type { LlmConfig } from "./config.ts";
import {
  type ContextLine,
  consistent,
  locateQuote,
  norm,
  renderContext,
  selectContext,
  stripLabel,
} from "./evidence.ts";
import {
  type Answer,
  type AssistKey,
  answerJsonSchema,
  answerSchema,
  FIELD_SPECS,
  type FieldSpec,
  PROMPT_VERSION,
} from "./fields.ts";

/** Confidence of an LLM value whose value is also literally in the OCR text it quoted. */
export const LLM_CONFIDENCE = 0.65;
/** ... and when the quote matched only fuzzily or the value differs from the OCR characters (a "fix"). */
export const LLM_CONFIDENCE_FUZZY = 0.5;

/** Characters a quote may have beyond the value itself (label, unit, the other end of a date range). */
export const MAX_QUOTE_EXTRA = 40;

export interface AssistUsage {
  promptTokens: number;
  completionTokens: number;
  /** HTTP requests that reached the model (retries and re-asks included). */
  calls: number;
  /** Fields answered from the cache (no request). */
  cacheHits: number;
}

export interface AssistResult {
  report: Report;
  usage: AssistUsage;
  problems: Problem[];
}

export interface AssistDeps {
  /** Defaults to an `openai` client on cfg.baseURL with our own retry policy. */
  client?: OpenAI;
  /** Cache key part; defaults to a hash of the OCR text. Pass record.document.id. */
  documentId?: string;
  /** Cancels the whole stage (e.g. the document timeout). */
  signal?: AbortSignal;
  sleep?: Sleep;
  /** Only these fields (default: all in FIELD_SPECS). */
  fields?: readonly AssistKey[];
  now?: () => Date;
}

type AnyField = Field<string | number>;

function getField(report: Report, key: AssistKey): AnyField {
  return report[key];
}

function setField(report: Report, spec: FieldSpec, f: AnyField): void {
  if (spec.kind === "integer") {
    if (f.value !== null && typeof f.value !== "number") return;
    (report as Record<AssistKey, Field<number>>)[spec.key] = { ...f, value: f.value };
  } else {
    if (f.value !== null && typeof f.value !== "string") return;
    (report as Record<AssistKey, Field<string>>)[spec.key] = { ...f, value: f.value };
  }
}

/** Fields the stage may touch: null, or parsed below the threshold (never a confident parsed value). */
export function needsAssist(f: AnyField, threshold: number): boolean {
  if (f.method === "llm") return false;
  return f.value === null || f.confidence < threshold;
}

const SYSTEM = [
  "你从中国管理体系审核报告（管理体系审核报告）的OCR文本中提取一个字段。",
  "只根据给出的文本回答，不要推测，不要改写。",
  '返回一个 JSON 对象：{"value": 值, "quote": 原文片段}。',
  "quote 必须是从给出的文本中逐字复制的一段连续文字（可含前面的标签），并且包含该值。",
  "文本中没有该信息时，value 与 quote 都返回 null。",
  "You extract one field from OCR text of a Chinese audit report. Answer only from the text. " +
    "Reply with JSON only; `quote` is copied verbatim from the text and contains the value.",
].join("\n");

function buildRequest(cfg: LlmConfig, spec: FieldSpec, context: string): ChatRequest {
  const schema = answerJsonSchema(spec.kind);
  const user = [
    `字段：${spec.key}`,
    `要求：${spec.ask}`,
    `JSON Schema：${JSON.stringify(schema)}`,
    "",
    "OCR文本：",
    "<<<",
    context,
    ">>>",
  ].join("\n");
  const messages: ChatMessage[] = [
    { role: "system", content: SYSTEM },
    { role: "user", content: user },
  ];
  const response_format: ChatRequest["response_format"] =
    cfg.responseFormat === "json_schema"
      ? { type: "json_schema", json_schema: { name: `field_${spec.key}`, schema, strict: true } }
      : { type: "json_object" };
  return {
    model: cfg.model,
    messages,
    response_format,
    ...(cfg.temperature === null ? {} : { temperature: cfg.temperature }),
  };
}

/** Content -> answer, or the error to show the model when re-asking. */
export function parseAnswer(
  content: string | null,
  schema: z.ZodType<Answer>,
): { ok: true; answer: Answer } | { ok: false; error: string } {
  if (content === null || content.trim() === "") return { ok: false, error: "the reply was empty" };
  const text = content
    .trim()
    .replace(/^```(?:json)?\s*/i, "")
    .replace(/\s*```$/, "");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `the reply is not valid JSON (${(e as Error).message})` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, error: z.prettifyError(parsed.error) };
  return { ok: true, answer: parsed.data };
}

function sameValue(a: string | number, b: string | number): boolean {
  return typeof a === "number" || typeof b === "number" ? Number(a) === Number(b) : norm(a) === norm(b);
}

function documentHash(pages: readonly OcrPage[]): string {
  return sha256(pages.map((p) => `${p.page}\n${p.text}`).join("\f")).slice(0, 32);
}

/**
 * Optional LLM assist for scalar fields the parser left null or unsure. Every accepted value is backed by a quote
 * found (fuzzily) in the OCR text that was sent and contains the value; it gets method "llm", raw = the OCR span,
 * page/bbox of the OCR line(s)/words quoted and a modest confidence. Never throws for model or network trouble:
 * those become problems and the field stays as parsed.
 */
export async function assistReport(
  report: Report,
  pages: readonly OcrPage[],
  cfg: LlmConfig,
  deps: AssistDeps = {},
): Promise<AssistResult> {
  const out = structuredClone(report);
  const usage: AssistUsage = { promptTokens: 0, completionTokens: 0, calls: 0, cacheHits: 0 };
  const problems: Problem[] = [];
  const wanted = deps.fields ? new Set(deps.fields) : null;
  const specs = FIELD_SPECS.filter(
    (s) => (!wanted || wanted.has(s.key)) && needsAssist(getField(out, s.key), cfg.threshold),
  );
  if (specs.length === 0) return { report: out, usage, problems };

  const client = deps.client ?? makeClient(cfg);
  const documentId = deps.documentId ?? documentHash(pages);
  const now = deps.now ?? (() => new Date());
  let consecutiveFailures = 0;
  let stopped: string | null = null;
  let aborted = false;
  const asked = new Set<AssistKey>();

  for (const spec of specs) {
    if (aborted) break;
    const context = selectContext(spec, out, pages, cfg.maxContextChars);
    if (context.length === 0) continue;
    const firstPage = context[0]!.page;
    const request = buildRequest(cfg, spec, renderContext(context));
    const key = {
      documentId,
      field: spec.key,
      promptVersion: PROMPT_VERSION,
      model: cfg.model,
      promptHash: sha256(JSON.stringify([request.messages, request.response_format, request.temperature])),
    };

    let outcome: { answer: Answer } | { invalid: string };
    const cached = cfg.cacheDir ? await readCache(cfg.cacheDir, key) : null;
    // A cached answer is re-validated like a fresh one (the file may be old or edited by hand).
    const cachedAnswer = cached?.answer ? answerSchema(spec.kind).safeParse(cached.answer) : null;
    if (cached && (cached.answer === null || cachedAnswer?.success)) {
      asked.add(spec.key);
      usage.cacheHits++;
      outcome = cachedAnswer?.success
        ? { answer: cachedAnswer.data }
        : { invalid: cached.invalid ?? "invalid answer" };
    } else if (stopped) {
      continue; // after a fatal error or repeated failures: cached answers only
    } else {
      asked.add(spec.key);
      try {
        const got = await askWithReask(client, cfg, request, spec, usage, deps);
        consecutiveFailures = 0;
        outcome = got.ok ? { answer: got.answer } : { invalid: got.error };
        if (cfg.cacheDir) {
          await writeCache(cfg.cacheDir, {
            key,
            answer: got.ok ? got.answer : null,
            invalid: got.ok ? null : got.error,
            usage: { promptTokens: got.promptTokens, completionTokens: got.completionTokens },
            createdAt: now().toISOString(),
          }).catch((e: unknown) => {
            problems.push({
              code: "LLM_CACHE",
              page: null,
              message: `cannot write the LLM cache: ${(e as Error).message}`,
            });
          });
        }
      } catch (e) {
        if (!(e instanceof LlmCallError)) throw e;
        consecutiveFailures++;
        problems.push({ code: e.code, page: firstPage, message: `${spec.key}: ${e.message}` });
        if (e.code === "LLM_ABORTED") aborted = true;
        if (e.fatal) stopped = e.message;
        else if (consecutiveFailures >= cfg.maxConsecutiveFailures) {
          stopped = `${consecutiveFailures} consecutive failed calls`;
        }
        continue;
      }
    }
    if ("invalid" in outcome) {
      problems.push({
        code: "LLM_INVALID",
        page: firstPage,
        message: `${spec.key}: invalid answer after one re-ask: ${outcome.invalid}`,
      });
      continue;
    }
    const answer = outcome.answer;
    applyAnswer(out, spec, answer, context, problems, firstPage);
  }

  if (stopped) {
    const skipped = specs
      .filter((s) => !asked.has(s.key) && selectContext(s, out, pages, cfg.maxContextChars).length > 0)
      .map((s) => s.key);
    if (skipped.length > 0 && !aborted) {
      problems.push({
        code: "LLM_STOPPED",
        page: null,
        message: `LLM assist stopped (${stopped}); not asked: ${skipped.join(", ")}`,
      });
    }
  }
  return { report: out, usage, problems };
}

type Asked = ({ ok: true; answer: Answer } | { ok: false; error: string }) & {
  promptTokens: number;
  completionTokens: number;
};

/** Ask; on invalid output ask once more with the validation error; then give up. */
async function askWithReask(
  client: OpenAI,
  cfg: LlmConfig,
  request: ChatRequest,
  spec: FieldSpec,
  usage: AssistUsage,
  deps: AssistDeps,
): Promise<Asked> {
  const schema = answerSchema(spec.kind);
  const callDeps = {
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    ...(deps.signal ? { signal: deps.signal } : {}),
  };
  let promptTokens = 0;
  let completionTokens = 0;
  let messages = request.messages;
  let lastError = "";
  for (let round = 0; round < 2; round++) {
    const res = await chat(client, cfg, { ...request, messages }, callDeps);
    usage.calls++;
    usage.promptTokens += res.promptTokens;
    usage.completionTokens += res.completionTokens;
    promptTokens += res.promptTokens;
    completionTokens += res.completionTokens;
    const parsed = parseAnswer(res.content, schema);
    if (parsed.ok) return { ok: true, answer: parsed.answer, promptTokens, completionTokens };
    lastError = parsed.error;
    messages = [
      ...request.messages,
      { role: "assistant", content: res.content ?? "" },
      {
        role: "user",
        content: `上一个回答无效 (the previous reply was invalid): ${parsed.error}\n只返回一个符合 JSON Schema 的 JSON 对象。`,
      },
    ];
  }
  return { ok: false, error: lastError, promptTokens, completionTokens };
}

function applyAnswer(
  report: Report,
  spec: FieldSpec,
  answer: Answer,
  context: readonly ContextLine[],
  problems: Problem[],
  firstPage: number,
): void {
  if (answer.value === null || answer.quote === null) return;
  const value = typeof answer.value === "string" ? stripLabel(answer.value, spec.labels) : answer.value;
  if (value === "") return;
  // A quote is evidence only if it is about as long as the value (plus a label): not a whole paragraph.
  const maxQuote = (typeof value === "string" ? norm(value).length : 12) + MAX_QUOTE_EXTRA;
  if (norm(answer.quote).length > maxQuote) {
    problems.push({
      code: "LLM_UNVERIFIED",
      page: firstPage,
      message: `${spec.key}: rejected ${JSON.stringify(value)}: its quote is too long to point at the value`,
    });
    return;
  }
  const loc = locateQuote(answer.quote, context);
  if (!loc) {
    problems.push({
      code: "LLM_UNVERIFIED",
      page: firstPage,
      message: `${spec.key}: rejected ${JSON.stringify(value)}: its quote ${JSON.stringify(answer.quote)} is not in the text sent`,
    });
    return;
  }
  if (!consistent(spec.kind, value, answer.quote)) {
    problems.push({
      code: "LLM_INCONSISTENT",
      page: loc.page,
      message: `${spec.key}: rejected ${JSON.stringify(value)}: not found in its quote ${JSON.stringify(answer.quote)}`,
    });
    return;
  }
  const literal = loc.distance === 0 && consistent(spec.kind, value, loc.span);
  const filled: AnyField = {
    value,
    raw: loc.raw,
    confidence: literal ? LLM_CONFIDENCE : LLM_CONFIDENCE_FUZZY,
    page: loc.page,
    bbox: loc.bbox,
    method: "llm",
  };
  const cur = getField(report, spec.key);
  if (cur.value === null) {
    setField(report, spec, filled);
    return;
  }
  // A parsed value below the threshold: agreement corroborates it; disagreement replaces it only when weaker.
  if (sameValue(cur.value, value)) {
    setField(report, spec, { ...cur, confidence: Math.max(cur.confidence, filled.confidence) });
  } else if (cur.confidence < filled.confidence) {
    problems.push({
      code: "LLM_REPLACED",
      page: loc.page,
      message: `${spec.key}: parsed ${JSON.stringify(cur.value)} (confidence ${cur.confidence}) replaced by ${JSON.stringify(value)}`,
    });
    setField(report, spec, filled);
  } else {
    problems.push({
      code: "LLM_DISAGREES",
      page: loc.page,
      message: `${spec.key}: kept parsed ${JSON.stringify(cur.value)}; the model read ${JSON.stringify(value)}`,
    });
  }
}

/** The pipeline's one call: a no-op (same report object, no client, no request) when `cfg` is null. */
export async function runLlmAssist(
  report: Report,
  pages: readonly OcrPage[],
  cfg: LlmConfig | null,
  deps: AssistDeps = {},
): Promise<AssistResult> {
  if (!cfg)
    return { report, usage: { promptTokens: 0, completionTokens: 0, calls: 0, cacheHits: 0 }, problems: [] };
  return assistReport(report, pages, cfg, deps);
}

/**
 * For the pipeline, after parsing and before rules: fills record.report in place and appends the stage's problems
 * to record.document.errors (codes LLM_*, informational: they do not change the status). Returns the usage to
 * record (null when off or when there is no report).
 */
export async function assistRecord(
  record: AuditRecord,
  pages: readonly OcrPage[],
  cfg: LlmConfig | null,
  deps: Omit<AssistDeps, "documentId"> = {},
): Promise<(AssistUsage & { model: string }) | null> {
  if (!cfg || !record.report) return null;
  const res = await assistReport(record.report, pages, cfg, {
    ...deps,
    documentId: record.document.id || undefined,
  });
  record.report = res.report;
  record.document.errors.push(...res.problems);
  return { model: cfg.model, ...res.usage };
}
