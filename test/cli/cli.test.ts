import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { type CliOutput, main as runMain } from "../../src/cli/main.ts";

const run = promisify(execFile);

/** Runs the CLI with its messages captured, so a passing test prints nothing. */
function capture(): CliOutput & { text: () => string } {
  let text = "";
  return { out: (t) => (text += t), err: (t) => (text += t), text: () => text };
}

let last = capture();
function main(argv: string[]): Promise<number> {
  last = capture();
  return runMain(argv, last);
}

async function tmp(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "ae-cli-"));
}

/** A config that never starts OCR workers: replay from an empty folder. */
async function noOcrConfig(dir: string): Promise<string> {
  const file = path.join(dir, "config.json");
  await writeFile(file, JSON.stringify({ ocr: { replayDir: path.join(dir, "no-recordings") } }));
  return file;
}

describe("audit-extract CLI", () => {
  it("exits 3 when the batch finished but inputs were rejected, and still writes their records", async () => {
    const dir = await tmp();
    const empty = path.join(dir, "empty.pdf");
    const docx = path.join(dir, "letter.pdf");
    await writeFile(empty, "");
    await writeFile(docx, Buffer.from("PK\u0003\u0004 not really a pdf"));
    const out = path.join(dir, "out");
    const code = await main([
      "node",
      "audit-extract",
      "ingest",
      empty,
      docx,
      "--out",
      out,
      "-c",
      await noOcrConfig(dir),
    ]);
    expect(code).toBe(3);
    const lines = (await readFile(path.join(out, "records.jsonl"), "utf8")).trim().split("\n");
    const codes = lines.map((l) => JSON.parse(l).document.errors[0].code).sort();
    expect(codes).toEqual(["INPUT_EMPTY", "INPUT_UNSUPPORTED"]);
    expect(last.text()).toContain("rejected empty.pdf: INPUT_EMPTY");
    expect(last.text()).toMatch(
      /0 extracted, 2 rejected \| flags: 0 high, 0 medium, \d+ low \| review page: /,
    );
  });

  it("exits 2 on a usage error", async () => {
    expect(await main(["node", "audit-extract", "ingest", "x.pdf"])).toBe(2);
    expect(last.text()).toContain("required option '-o, --out <dir>'");
    expect(await main(["node", "audit-extract", "export", "out", "--format", "xlsx"])).toBe(2);
    expect(await main(["node", "audit-extract", "ingest", "x.pdf", "--out", "o", "--workers", "0"])).toBe(2);
  });

  it("exits 2 when export is given a folder with no records, and says so", async () => {
    const dir = await tmp();
    expect(await main(["node", "audit-extract", "export", path.join(dir, "missing")])).toBe(2);
    expect(last.text()).toMatch(/^error USAGE: no records in .*missing/);
  });

  it("says a config file is missing rather than invalid", async () => {
    const dir = await tmp();
    const cfg = path.join(dir, "nope.json");
    expect(
      await main(["node", "audit-extract", "ingest", dir, "--out", path.join(dir, "o"), "-c", cfg]),
    ).toBe(2);
    expect(last.text()).toContain(`config file ${cfg} not found`);
  });

  it("prints its version and, in --help, examples", async () => {
    const pkg = JSON.parse(await readFile("package.json", "utf8")) as { version: string };
    expect(await main(["node", "audit-extract", "--version"])).toBe(0);
    expect(last.text().trim()).toBe(pkg.version);
    expect(await main(["node", "audit-extract", "--help"])).toBe(0);
    expect(last.text()).toContain("Examples:");
    expect(last.text()).toContain("audit-extract ingest fixtures/sample --out out/sample");
  });

  it("exits 2 on an invalid config file", async () => {
    const dir = await tmp();
    const cfg = path.join(dir, "bad.json");
    await writeFile(cfg, JSON.stringify({ ocr: { workers: "many" } }));
    expect(
      await main(["node", "audit-extract", "ingest", dir, "--out", path.join(dir, "o"), "-c", cfg]),
    ).toBe(2);
  });

  it("runs through the installed bin (what npx audit-extract runs)", async () => {
    const { stdout } = await run(process.execPath, ["bin/audit-extract.js", "--help"]);
    expect(stdout).toContain("ingest");
    expect(stdout).toContain("export");
    const dir = await tmp();
    const err = await run(process.execPath, [
      "bin/audit-extract.js",
      "ingest",
      path.join(dir, "nope.pdf"),
    ]).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
  });
});

describe("configuration", () => {
  it("rejects a bad rules section before any work, as a usage error", async () => {
    const dir = await tmp();
    const cfg = path.join(dir, "rules.json");
    await writeFile(cfg, JSON.stringify({ rules: { reduction: "a lot" } }));
    expect(
      await main(["node", "audit-extract", "ingest", dir, "--out", path.join(dir, "o"), "-c", cfg]),
    ).toBe(2);
  });
});
