import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alignLine, countLine, truthPage } from "../../src/noise/measure.ts";
import { edgeGlyphs } from "../../src/noise/model.ts";
import { emptyCounts, readForm } from "../../src/noise/model-data.ts";
import { trimCellEdges } from "../../src/parse/text/cell-edge.ts";

/** A line read word by word, each word's first and last characters marked as its edges. */
function reading(words: readonly string[]) {
  const chars: string[] = [];
  const edges: boolean[] = [];
  for (const w of words) {
    const cs = readForm(w);
    cs.forEach((ch, i) => {
      chars.push(ch);
      edges.push(i === 0 || i === cs.length - 1);
    });
  }
  return { chars, confs: chars.map(() => 0.9), edges };
}

function counted(truth: string, words: readonly string[], labelStarts: string[] = []) {
  const line = alignLine(reading(words), [truthPage("p", truth)]);
  if (!line) throw new Error("line did not align");
  const counts = emptyCounts();
  countLine(counts, line, new Set(labelStarts));
  return counts;
}

describe("measuring what a cell's edge is read as", () => {
  it("counts a character read at a word's edge where the print has none", () => {
    const c = counted("审核组长 张建国", ["审核组长", "|张建国"]);
    expect(c.edgeIns).toEqual({ "|": 1 });
    expect(c.edgeReads["|"]).toBe(1);
  });

  it("does not count one inside a word, nor one read for a tick box before its label", () => {
    expect(counted("审核组长张建国", ["审核组|长张建国"]).edgeIns).toEqual({});
    const box = counted("符合 不符合", ["口符合", "不符合"], ["符合"]);
    expect(box.boxIns).toEqual({ 口: 1 });
    expect(box.edgeIns).toEqual({});
  });

  it("counts a true character at an edge as read there, not as inserted", () => {
    const c = counted("（合肥市范围内）", ["（合肥市范围内）"]);
    expect(c.edgeIns).toEqual({});
    expect(c.edgeReads["（"]).toBe(1);
  });
});

describe("the measured edge marks", () => {
  const glyphs = edgeGlyphs();

  it("hold the ruling line's reading and only punctuation or symbols, never a bracket or tick", () => {
    expect(glyphs).toContain("|");
    for (const g of glyphs) {
      expect(g).toMatch(/^[\p{P}\p{S}]$/u);
      expect(g).not.toMatch(/^[\p{Ps}\p{Pe}√☑☒■□]$/u);
    }
  });

  it("a cell's edges lose the measured marks, its brackets and words stay", () => {
    expect(trimCellEdges(" |（合肥市范围内）| ")).toEqual({ text: "（合肥市范围内）", lead: 2 });
    expect(trimCellEdges("|”高级审核员").text).toBe("高级审核员");
    expect(trimCellEdges("张建国").lead).toBe(0);
  });
});

describe("no hand-written edge set in the parser", () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
    });
  }

  it("src/parse lists no ruling-line reading (| with 丨) in a character class", () => {
    const offenders = files("src/parse").filter((f) =>
      /\[[^\]\n]*\|丨[^\]\n]*\]/u.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
