import { existsSync, readFileSync } from "node:fs";
import { ZodError } from "zod";
import { AuditExtractError } from "../domain/errors.ts";
import { loadRulesConfig } from "../rules/config.ts";
import { AppConfig } from "./schema.ts";

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
    LIMITS: ["maxFileBytes", "maxPages", "maxPixelsPerPage", "pageTimeoutMs", "documentTimeoutMs"],
    QUEUE: ["prefix", "concurrency"],
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

/** defaults < config file < environment (AUDIT_*, REDIS_URL) < command-line flags. */
export function loadConfig(opts: { file?: string; env?: NodeJS.ProcessEnv; flags?: Json } = {}): AppConfig {
  let merged: Json = {};
  const file =
    opts.file ?? (existsSync("audit-extract.config.json") ? "audit-extract.config.json" : undefined);
  if (file) {
    if (!existsSync(file))
      throw new AuditExtractError(
        "CONFIG_INVALID",
        `config file ${file} not found`,
        "check the path given to -c",
      );
    try {
      merged = deepMerge(merged, JSON.parse(readFileSync(file, "utf8")) as Json);
    } catch (cause) {
      throw new AuditExtractError(
        "CONFIG_INVALID",
        `cannot read config file ${file}`,
        "check it is valid JSON",
        {
          cause,
        },
      );
    }
  }
  merged = deepMerge(merged, configFromEnv(opts.env ?? process.env));
  merged = deepMerge(merged, opts.flags ?? {});
  const parsed = AppConfig.safeParse(merged);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new AuditExtractError(
      "CONFIG_INVALID",
      `invalid configuration at ${first?.path.join(".") ?? "?"}: ${first?.message ?? "unknown"}`,
      "fix the config file, AUDIT_* variable or flag named here",
    );
  }
  try {
    // Rules own their schema; checking it here turns a typo into one clear line before any OCR runs.
    loadRulesConfig(parsed.data.rules);
  } catch (cause) {
    const issue = cause instanceof ZodError ? cause.issues[0] : undefined;
    throw new AuditExtractError(
      "CONFIG_INVALID",
      `invalid rules configuration at rules.${issue?.path.join(".") ?? "?"}: ${issue?.message ?? String(cause)}`,
      "see src/rules/README.md for the settings",
      { cause },
    );
  }
  return parsed.data;
}
