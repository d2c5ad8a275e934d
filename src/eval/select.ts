import type { ManifestEntry } from "./load.ts";

/** `count` documents spread evenly over the manifest (every layout and kind stays represented); all if unset. */
export function selectDocuments(manifest: readonly ManifestEntry[], count?: number): ManifestEntry[] {
  if (count === undefined || count >= manifest.length) return [...manifest];
  const n = Math.max(1, Math.floor(count));
  const step = manifest.length / n;
  return Array.from({ length: n }, (_, i) => manifest[Math.floor(i * step)]!);
}
