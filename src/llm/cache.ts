import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

export interface CacheKey {
  documentId: string;
  field: string;
  promptVersion: string;
  model: string;
  /** Hash of the messages and response format sent: a changed context is a new question. */
  promptHash: string;
}

export const CachedAnswer = z.object({
  key: z.object({
    documentId: z.string(),
    field: z.string(),
    promptVersion: z.string(),
    model: z.string(),
    promptHash: z.string(),
  }),
  /** The validated model answer (not yet checked against the text: that is redone on every run); null when the
   * model gave no valid answer even after the re-ask (then `invalid` holds the last validation error). Transport
   * failures (timeouts, HTTP errors) are never cached. */
  answer: z
    .object({ value: z.union([z.string(), z.number()]).nullable(), quote: z.string().nullable() })
    .nullable(),
  invalid: z.string().nullable(),
  usage: z.object({ promptTokens: z.number(), completionTokens: z.number() }),
  createdAt: z.string(),
});
export type CachedAnswer = z.infer<typeof CachedAnswer>;

export const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 80) || "_";
}

export function cachePath(dir: string, key: CacheKey): string {
  const h = sha256(JSON.stringify([key.documentId, key.field, key.promptVersion, key.model, key.promptHash]));
  return path.join(dir, safe(key.documentId), `${safe(key.field)}.${h.slice(0, 32)}.json`);
}

/** A missing, unreadable or foreign entry is a miss (never an error). */
export async function readCache(dir: string, key: CacheKey): Promise<CachedAnswer | null> {
  try {
    const parsed = CachedAnswer.safeParse(JSON.parse(await readFile(cachePath(dir, key), "utf8")));
    if (!parsed.success) return null;
    const k = parsed.data.key;
    const same =
      k.documentId === key.documentId &&
      k.field === key.field &&
      k.promptVersion === key.promptVersion &&
      k.model === key.model &&
      k.promptHash === key.promptHash;
    return same ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written to a temporary name then renamed, so concurrent runs never read half a file. */
export async function writeCache(dir: string, entry: CachedAnswer): Promise<void> {
  const file = cachePath(dir, entry.key);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomUUID()}.tmp`;
  await writeFile(tmp, `${JSON.stringify(entry, null, 2)}\n`);
  await rename(tmp, file);
}
