import { existsSync, readFileSync } from "node:fs";
import { ZodError } from "zod";
import { AuditExtractError } from "../domain/errors.ts";
import { registerSecret, registerUrlSecrets } from "../domain/redact.ts";
import { loadRulesConfig, RulesConfigSchema } from "../rules/config.ts";
import { CROSS_RULES, ruleCatalogue } from "../rules/registry.ts";
import { AppConfig } from "./schema.ts";
import { closest, firstUnknownKey } from "./strict.ts";

type Json = { [k: string]: unknown };

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function deepMerge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

/** AUDIT_OCR_WORKERS=2 -> { ocr: { workers: 2 } }; values parsed as JSON where they can be. */
export function configFromEnv(env: NodeJS.ProcessEnv): Json {
  const out: Json = {};
  const sections: Record<string, string[]> = {
    OCR: ["engine", "workers", "recycleAfter", "dpi", "languages", "paddleDetMaxSide", "paddleThreads"],
    LIMITS: [
      "maxFileBytes",
      "maxPages",
      "maxPixelsPerPage",
      "pageTimeoutMs",
      "documentTimeoutMs",
      "maxStreamBytes",
      "maxDecodedBytes",
      "pdfMemoryMb",
    ],
    QUEUE: ["prefix", "concurrency", "connectRetryMs"],
  };
  for (const [section, keys] of Object.entries(sections)) {
    for (const key of keys) {
      const name = `AUDIT_${section}_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
      const raw = env[name];
      if (raw === undefined) continue;
      const name2 = section.toLowerCase();
      if (!isObject(out[name2])) out[name2] = {};
      const target = out[name2] as Json;
      target[key] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    }
  }
  if (env.REDIS_URL) {
    if (!isObject(out.queue)) out.queue = {};
    (out.queue as Json).redisUrl = env.REDIS_URL;
  }
  return out;
}

const invalid = (where: string, message: string, hint: string, cause?: unknown) =>
  new AuditExtractError("CONFIG_INVALID", `${where}: ${message}`, hint, cause ? { cause } : undefined);

function readConfigFile(file: string): Json {
  if (!existsSync(file)) {
    throw new AuditExtractError(
      "CONFIG_INVALID",
      `config file ${file} not found`,
      "check the path given to -c",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw invalid(`config file ${file}`, "cannot be read as JSON", "check it is valid JSON", cause);
  }
  if (!isObject(parsed)) {
    const found = Array.isArray(parsed) ? "an array" : parsed === null ? "null" : `a ${typeof parsed}`;
    throw invalid(`config file ${file}`, `must be a JSON object, found ${found}`, 'start it with "{"');
  }
  return parsed;
}

/** Rule ids may be given beside the thresholds (`rules: { "TIME-LOW": { enabled: false } }`) or under
 * `rules.rules`; both are checked against the catalogue, and every other key against the rules' schema. */
function normaliseRules(rules: Json, source: string): Json {
  const ids = [...ruleCatalogue().map((r) => r.id), ...CROSS_RULES.map((r) => r.id)];
  const known = new Set(ids);
  const schemaKeys = new Set(Object.keys(RulesConfigSchema.shape));
  const out: Json = {};
  const overrides: Json = isObject(rules.rules) ? { ...rules.rules } : {};
  for (const [k, v] of Object.entries(rules)) {
    if (k === "rules") continue;
    if (known.has(k)) overrides[k] = v;
    else if (schemaKeys.has(k)) out[k] = v;
    else {
      const near = closest(k, [...ids, ...schemaKeys]);
      throw invalid(
        `${source} at rules.${k}`,
        "unknown rule or setting",
        near ? `did you mean ${near}?` : "see src/rules/README.md",
      );
    }
  }
  for (const k of Object.keys(overrides)) {
    if (known.has(k)) continue;
    const near = closest(k, ids);
    throw invalid(
      `${source} at rules.rules.${k}`,
      "unknown rule id",
      near ? `did you mean ${near}?` : "see src/rules/README.md",
    );
  }
  if (Object.keys(overrides).length > 0) out.rules = overrides;
  const unknown = firstUnknownKey(RulesConfigSchema, out);
  if (unknown)
    throw invalid(`${source} at rules.${unknown.join(".")}`, "unknown setting", "see src/rules/README.md");
  return out;
}

/** defaults < config file (`-c`, or ./audit-extract.config.json) < environment (AUDIT_*, REDIS_URL) <
 * command-line flags. Strict: an unknown key, rule id or a file that is not a JSON object is CONFIG_INVALID
 * naming where the mistake is. Registers the secrets the configuration holds (REDIS_URL's password) for
 * redaction in every message. */
export function loadConfig(opts: { file?: string; env?: NodeJS.ProcessEnv; flags?: Json } = {}): AppConfig {
  const env = opts.env ?? process.env;
  registerUrlSecrets(env.REDIS_URL);
  registerSecret(env.OPENAI_API_KEY);
  const file =
    opts.file ?? (existsSync("audit-extract.config.json") ? "audit-extract.config.json" : undefined);
  const source = file ? `config file ${file}` : "configuration";
  let merged: Json = file ? readConfigFile(file) : {};
  merged = deepMerge(merged, configFromEnv(env));
  merged = deepMerge(merged, opts.flags ?? {});
  if (isObject(merged.queue) && typeof merged.queue.redisUrl === "string")
    registerUrlSecrets(merged.queue.redisUrl);
  if (merged.rules !== undefined) {
    if (!isObject(merged.rules))
      throw invalid(`${source} at rules`, "must be an object", "see src/rules/README.md");
    merged.rules = normaliseRules(merged.rules, source);
  }
  const unknown = firstUnknownKey(AppConfig, { ...merged, rules: {} });
  if (unknown) {
    throw invalid(
      `${source} at ${unknown.join(".")}`,
      "unknown setting",
      "see the README's Configuration section",
    );
  }
  const parsed = AppConfig.safeParse(merged);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw invalid(
      `${source} at ${first?.path.join(".") || "?"}`,
      first?.message ?? "invalid",
      "fix the config file, AUDIT_* variable or flag named here",
    );
  }
  try {
    // Rules own their schema; checking it here turns a typo into one clear line before any OCR runs.
    loadRulesConfig(parsed.data.rules);
  } catch (cause) {
    const issue = cause instanceof ZodError ? cause.issues[0] : undefined;
    throw invalid(
      `${source} at rules.${issue?.path.join(".") ?? "?"}`,
      issue?.message ?? String(cause),
      "see src/rules/README.md for the settings",
      cause,
    );
  }
  return parsed.data;
}
