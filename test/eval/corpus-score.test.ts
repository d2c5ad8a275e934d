import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel } from "../../fixtures/generator/build-model.ts";
import { createRng } from "../../fixtures/generator/prng.ts";
import { truthFieldsOf } from "../../fixtures/generator/report.ts";
import { OutputFolder } from "../../src/eval/load.ts";
import { scoreDocument, summarise } from "../../src/eval/score.ts";
import { DocumentTruth } from "../../src/eval/truth.ts";
import { perfectRecord } from "./perfect-record.ts";

function generatedTruth(i: number, plants: string[]): DocumentTruth {
  const m = buildModel(createRng(40 + i), {
    name: `r${i}`,
    index: i,
    layout: i % 2 ? "table" : "isc",
    plants,
  });
  return DocumentTruth.parse({
    file: `r${i}.pdf`,
    kind: "audit_report",
    layout: m.layout,
    fields: truthFieldsOf(m),
    pages: [
      {
        page: 1,
        dpi: 150,
        width: 1240,
        height: 1754,
        rotation: 180,
        skew: 1,
        colour: false,
        jpegQuality: 50,
        text: "管理体系审核报告",
      },
    ],
    boxes: [
      {
        page: 1,
        bbox: [10, 10, 30, 30],
        uprightBbox: [1210, 1724, 1230, 1744],
        state: "checked",
        mark: "hand",
        label: "有效",
        group: "conclusion.体系运行",
      },
    ],
    findings: m.findings,
  });
}

describe("scoring a record that matches the truth", () => {
  it("gives a perfect score for generated truth, read back through an output folder", () => {
    const truths = [
      generatedTruth(1, []),
      generatedTruth(2, ["TIME-LOW"]),
      generatedTruth(3, ["NC-COUNT-MISMATCH", "CHK-MULTIPLE"]),
    ];
    const out = mkdtempSync(join(tmpdir(), "eval-"));
    mkdirSync(join(out, "records"));
    mkdirSync(join(out, "text"));
    for (const t of truths) {
      // The exporter's own naming: the scorer finds records by document.file, not by file name.
      writeFileSync(join(out, "records", `${t.file}-0001.json`), JSON.stringify(perfectRecord(t)));
      writeFileSync(join(out, "text", `${t.file}-0001.txt`), t.pages.map((p) => p.text).join("\f"));
    }
    const folder = new OutputFolder(out);
    const s = summarise(
      truths
        .map((t) => ({ ...folder.get(t.file), t }))
        .map(({ t, record, text }) => scoreDocument(t, record, text)),
    );
    expect(s.fieldsOverall).toMatchObject({ wrong: 0, missing: 0, spurious: 0, accuracy: 1 });
    expect(s.cer.overall).toBe(0);
    expect(s.boxes).toMatchObject({ correct: 3, accuracy: 1, spurious: 0 });
    expect(s.flagsOverall).toMatchObject({ precision: 1, recall: 1, fp: 0, fn: 0 });
    expect(s.handledAsExpected.ok).toBe(3);
  });
});
