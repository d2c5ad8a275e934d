import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { AuditRecord } from "./record.ts";

/** `npm run schema`: the record contract as JSON Schema, for systems that read our JSON. */
const out = process.argv[2] ?? "schema/record.schema.json";
mkdirSync(path.dirname(out), { recursive: true });
const schema = z.toJSONSchema(AuditRecord, { target: "draft-2020-12" });
writeFileSync(
  out,
  `${JSON.stringify({ title: "audit-extract record, schemaVersion 1", ...schema }, null, 2)}\n`,
);
process.stdout.write(`wrote ${out}\n`);
