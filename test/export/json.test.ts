import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AuditRecord } from "../../src/domain/record.ts";
import {
  exportAll,
  outputName,
  RecordLoadError,
  writeJsonl,
  writeRecordFiles,
} from "../../src/export/index.ts";
import { f, flag, record, report } from "./builder.ts";

const tmp = () => mkdtemp(path.join(tmpdir(), "json-"));

describe("writeRecordFiles / writeJsonl", () => {
  it("writes one pretty record under its output name", async () => {
    const out = await tmp();
    const r = record({ file: "x/审核报告.pdf" });
    const written = await writeRecordFiles(out, r);
    expect(written).toBe(path.join(out, "records", `${outputName(r)}.json`));
    const text = await readFile(written, "utf8");
    expect(text).toContain('\n  "schemaVersion": "1"');
    expect(AuditRecord.parse(JSON.parse(text))).toEqual(r);
  });

  it("one line per record, each document exactly once, ordered by file name", async () => {
    const out = await tmp();
    const a = record({ file: "b.pdf" });
    const b = record({
      file: "a.pdf",
      // Characters that are line breaks to some readers must not split the record.
      report: report({ scope: f("第一行\n第二行\u2028第三行\u2029\u0085结束\r") }),
    });
    const c = record({ file: "c.pdf", report: null });
    await writeJsonl(out, [a, b, c, a]);
    const text = await readFile(path.join(out, "records.jsonl"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split(/\r\n|[\n\r\u2028\u2029\u0085]/);
    expect(lines).toHaveLength(3);
    const parsed = lines.map((l) => AuditRecord.parse(JSON.parse(l)));
    expect(parsed.map((r) => r.document.file)).toEqual(["a.pdf", "b.pdf", "c.pdf"]);
    expect(parsed[0]).toEqual(b);
    expect(parsed[0]!.report!.scope.value).toBe("第一行\n第二行\u2028第三行\u2029\u0085结束\r");
  });

  it("an empty batch gives an empty file", async () => {
    const out = await tmp();
    await writeJsonl(out, []);
    expect(await readFile(path.join(out, "records.jsonl"), "utf8")).toBe("");
  });
});

describe("exportAll", () => {
  it("rebuilds jsonl, csv and html from records/*.json without OCR", async () => {
    const out = await tmp();
    const recs = [
      record({ file: "one.pdf", flags: [flag("TIME-LOW", "high")] }),
      record({ file: "two.pdf" }),
    ];
    for (const r of recs) await writeRecordFiles(out, r);
    const used = await exportAll(out, ["jsonl", "csv", "html"]);
    expect(used.map((r) => r.document.file)).toEqual(["one.pdf", "two.pdf"]);
    const jsonl = (await readFile(path.join(out, "records.jsonl"), "utf8")).trim().split("\n");
    expect(jsonl).toHaveLength(2);
    expect((await readdir(path.join(out, "csv"))).sort()).toEqual([
      "flags.csv",
      "nonconformities.csv",
      "reports.csv",
      "team.csv",
    ]);
    const html = await readFile(path.join(out, "review.html"), "utf8");
    expect(html).toContain("TIME-LOW");
  });

  it("only the formats asked for", async () => {
    const out = await tmp();
    await writeRecordFiles(out, record());
    await exportAll(out, ["csv"]);
    expect((await readdir(out)).sort()).toEqual(["csv", "records"]);
  });

  it("refuses an invalid record file and names it, writing nothing", async () => {
    const out = await tmp();
    await writeRecordFiles(out, record());
    await mkdir(path.join(out, "records"), { recursive: true });
    await writeFile(path.join(out, "records", "bad.json"), JSON.stringify({ schemaVersion: "1" }));
    await writeFile(path.join(out, "records", "worse.json"), "{not json");
    const err = await exportAll(out, ["jsonl"]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RecordLoadError);
    expect((err as RecordLoadError).problems.map((p) => p.file)).toEqual(["bad.json", "worse.json"]);
    expect((err as Error).message).toContain("bad.json");
    expect(await readdir(out)).toEqual(["records"]);
  });

  it("fails clearly when there is no records folder", async () => {
    const out = await tmp();
    await expect(exportAll(out, ["csv"])).rejects.toThrow(/no records folder/);
  });
});
