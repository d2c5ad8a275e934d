/** No input is lost silently: every path found gets a record or a line saying why; identical bytes under
 * several names are read once and every name gets its record; a blank document is not "extracted". */
import { copyFile, mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { pagePng } from "../../fixtures/hostile/generate.ts";
import { loadConfig } from "../../src/config/load.ts";
import { runIngest } from "../../src/pipeline/runner.ts";
import { ScriptedEngine } from "../helpers/fake-engines.ts";
import { REPORT_LINES } from "./helpers.ts";

const config = loadConfig({ env: {}, flags: { ocr: { workers: 1, dpi: 72 }, savePageImages: false } });

describe("inputs never lost silently", () => {
  it("a broken link and a name that is not UTF-8 get INPUT_UNREADABLE records, names escaped", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-lost-"));
    const inDir = path.join(dir, "in");
    await mkdir(inDir);
    await writeFile(path.join(inDir, "good.png"), await pagePng(420, 594, 50));
    await symlink(path.join(dir, "gone.pdf"), path.join(inDir, "dangling.pdf"));
    // A Latin-1 name (0xE9 alone is not UTF-8), as old Windows shares and zip archives leave them.
    const latin1 = Buffer.concat([
      Buffer.from(`${inDir}/r`),
      Buffer.from([0xe9]),
      Buffer.from("sum\u001b[2J.png"),
    ]);
    await writeFile(latin1, await pagePng(420, 594, 51));
    const result = await runIngest({
      inputs: [inDir],
      out: path.join(dir, "out"),
      config,
      engine: new ScriptedEngine(REPORT_LINES),
    });
    const byFile = new Map(result.records.map((r) => [r.document.file, r.document]));
    expect([...byFile.keys()].sort()).toEqual(["dangling.pdf", "good.png", "r\\xe9sum\\x1b[2J.png"]);
    expect(byFile.get("dangling.pdf")?.errors[0]?.code).toBe("INPUT_UNREADABLE");
    expect(byFile.get("r\\xe9sum\\x1b[2J.png")?.errors[0]?.code).toBe("INPUT_UNREADABLE");
    expect(byFile.get("good.png")?.status).toBe("ok");
    expect(result.rejected).toBe(2);
  });

  it("identical bytes under three names: OCR once, a record for each name, again on a second run", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-dup-"));
    const inDir = path.join(dir, "in");
    await mkdir(path.join(inDir, "copies"), { recursive: true });
    await writeFile(path.join(inDir, "a.png"), await pagePng(420, 594, 50));
    await copyFile(path.join(inDir, "a.png"), path.join(inDir, "b.png"));
    await copyFile(path.join(inDir, "a.png"), path.join(inDir, "copies", "a.png"));
    const once = new ScriptedEngine(REPORT_LINES);
    const inputs = [path.join(inDir, "a.png")];
    await runIngest({ inputs, out: path.join(dir, "one"), config, engine: once });
    const out = path.join(dir, "out");
    for (const run of [1, 2]) {
      const engine = new ScriptedEngine(REPORT_LINES);
      const result = await runIngest({ inputs: [inDir], out, config, engine });
      expect(engine.calls, `run ${run}`).toBe(run === 1 ? once.calls : 0);
      expect(result.records.map((r) => r.document.file).sort()).toEqual(["a.png", "b.png", "copies/a.png"]);
      expect(new Set(result.records.map((r) => r.document.id)).size).toBe(1);
      expect(result.records.every((r) => r.document.status === "ok")).toBe(true);
    }
  });

  it("a document with no readable text is failed with NO_TEXT, not extracted", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "ae-blank-"));
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([300, 400]);
    await writeFile(path.join(dir, "blank.pdf"), await doc.save());
    const result = await runIngest({
      inputs: [path.join(dir, "blank.pdf")],
      out: path.join(dir, "out"),
      config,
      engine: new ScriptedEngine([]),
    });
    const d = result.records[0]?.document;
    expect(d?.status).toBe("failed");
    expect(d?.errors.map((e) => e.code)).toContain("NO_TEXT");
    expect(result.rejected).toBe(1);
  });
});
