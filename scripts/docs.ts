/**
 * `npm run docs`: the parts of the documentation that the code defines, generated from it.
 * - docs/rules.md: the rules table, from the rule registry (src/rules/registry.ts);
 * - docs/record.md: the record's fields and their types, from the zod schema (src/domain/record.ts);
 * - schema/record.schema.json: the JSON Schema of a record, from the same zod schema.
 * Each generated part sits between `<!-- generated:NAME -->` and `<!-- /generated:NAME -->`; the prose around it
 * is written by hand. test/docs/generated.test.ts fails when a file disagrees with the code.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { AuditRecord } from "../src/domain/record.ts";
import { CROSS_RULES, ruleCatalogue } from "../src/rules/registry.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

type Json = { [key: string]: unknown };

export function recordJsonSchema(): string {
  const schema = z.toJSONSchema(AuditRecord, { target: "draft-2020-12" });
  return `${JSON.stringify({ title: "audit-extract record, schemaVersion 1", ...schema }, null, 2)}\n`;
}

const cell = (s: string) => s.replaceAll("|", "\\|").replaceAll("\n", " ");

export function rulesTable(): string {
  const cross = new Set(CROSS_RULES.map((r) => r.id));
  const rows = ruleCatalogue().map(
    (r) =>
      `| ${r.id} | ${r.family} | ${r.severity} | ${cross.has(r.id) ? "batch" : "report"} | ${cell(r.description)} |`,
  );
  return ["| id | family | severity | runs on | check |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** A JSON Schema node as a short type: `string`, `date`, `"a" \| "b"`, `Field<…>`, `[…]`. */
function typeOf(node: Json): string {
  const anyOf = node.anyOf as Json[] | undefined;
  if (anyOf) {
    const parts = anyOf.filter((n) => n.type !== "null").map(typeOf);
    const nullable = anyOf.some((n) => n.type === "null");
    return `${parts.join(" \\| ")}${nullable ? " \\| null" : ""}`;
  }
  if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  if (node.const !== undefined) return JSON.stringify(node.const);
  const props = node.properties as Record<string, Json> | undefined;
  if (props && "value" in props && "raw" in props && "method" in props)
    return `Field<${typeOf(props.value!).replace(/ \\\| null$/, "")}>`;
  if (props) return "object";
  const t = node.type;
  if (Array.isArray(t))
    return t.filter((x) => x !== "null").join(" \\| ") + (t.includes("null") ? " \\| null" : "");
  if (t === "array") return `${typeOf((node.items as Json) ?? {})}[]`;
  if (t === "string" && node.format === "date") return "date";
  return typeof t === "string" ? t : "any";
}

function objectRows(prefix: string, node: Json, depth: number): string[] {
  const target = (node.anyOf as Json[] | undefined)?.find((n) => n.type === "object") ?? node;
  const props = target.properties as Record<string, Json> | undefined;
  if (!props) return [];
  const required = new Set((target.required as string[] | undefined) ?? []);
  const rows: string[] = [];
  for (const [key, child] of Object.entries(props)) {
    const name = `${prefix}${key}`;
    const type = typeOf(child);
    rows.push(`| \`${name}\` | ${type} | ${required.has(key) ? "yes" : "no"} |`);
    const items = child.type === "array" ? (child.items as Json) : null;
    if (depth > 0 && !type.startsWith("Field<")) {
      if (items?.properties) rows.push(...objectRows(`${name}[].`, items, depth - 1));
      else if (type === "object" || type.startsWith("object"))
        rows.push(...objectRows(`${name}.`, child, depth - 1));
    }
  }
  return rows;
}

export function recordFieldsTable(): string {
  const schema = z.toJSONSchema(AuditRecord, { target: "draft-2020-12" }) as Json;
  return ["| path | type | always present |", "|---|---|---|", ...objectRows("", schema, 2)].join("\n");
}

export function fillBlock(text: string, name: string, content: string): string {
  const open = `<!-- generated:${name} -->`;
  const close = `<!-- /generated:${name} -->`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`no ${open} … ${close} block`);
  return `${text.slice(0, start + open.length)}\n${content}\n${text.slice(end)}`;
}

/** Every generated file as it should be: path (from the repository root) -> content. */
export function generatedFiles(read = (p: string) => readFileSync(path.join(ROOT, p), "utf8")) {
  return new Map<string, string>([
    ["docs/rules.md", fillBlock(read("docs/rules.md"), "rules", rulesTable())],
    ["docs/record.md", fillBlock(read("docs/record.md"), "record-fields", recordFieldsTable())],
    ["schema/record.schema.json", recordJsonSchema()],
  ]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const [file, content] of generatedFiles()) {
    writeFileSync(path.join(ROOT, file), content);
    process.stdout.write(`wrote ${file}\n`);
  }
}
