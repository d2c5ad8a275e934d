/** The bench scripts' choice of scanned reports from a generated set's manifest. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface Doc {
  file: string;
  layout: string;
  pages: number;
}

/** Scanned report PDFs, round-robin over layouts, until `want` pages. */
export function pickDocuments(set: string, want: number): Doc[] {
  const manifest = JSON.parse(readFileSync(join(set, "manifest.json"), "utf8")) as {
    documents: { file: string; kind: string; layout: string; pages: number }[];
  };
  const byLayout = new Map<string, Doc[]>();
  for (const d of manifest.documents) {
    if (d.kind !== "audit_report" || !d.file.endsWith(".pdf") || d.layout.startsWith("seed")) continue;
    byLayout.set(d.layout, [...(byLayout.get(d.layout) ?? []), { ...d, file: join(set, d.file) }]);
  }
  const picked: Doc[] = [];
  let pages = 0;
  for (let round = 0; pages < want; round++) {
    let any = false;
    for (const docs of byLayout.values()) {
      const d = docs[round];
      if (!d || pages >= want) continue;
      picked.push(d);
      pages += d.pages;
      any = true;
    }
    if (!any) break;
  }
  return picked;
}
