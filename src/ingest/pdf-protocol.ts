/** Messages between src/ingest/pdf-sandbox.ts and the PDF process (pdf-child-main.ts). */
import type { PageInput } from "../domain/page.ts";
import type { IngestLimits, IngestOptions } from "./limits.ts";

export type ChildRequest =
  | { id: number; type: "open"; bytes: Uint8Array; limits: IngestLimits; options: IngestOptions }
  | { id: number; type: "page"; page: number }
  | { id: number; type: "close" };

export type ChildReply =
  | { id: 0; type: "ready" }
  | { id: number; type: "opened"; pageCount: number }
  | { id: number; type: "page"; input: PageInput }
  | { id: number; type: "closed"; rssBytes: number }
  | { id: number; type: "error"; code: string | null; message: string; hint: string | null };
