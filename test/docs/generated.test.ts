import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fillBlock, generatedFiles, ROOT } from "../../scripts/docs.ts";

describe("generated documentation agrees with the code (npm run docs regenerates it)", () => {
  for (const [file, expected] of generatedFiles()) {
    it(file, () => {
      const actual = readFileSync(path.join(ROOT, file), "utf8");
      expect(actual === expected, `${file} is out of date: run npm run docs`).toBe(true);
    });
  }

  it("notices a change: a table from an older registry no longer matches", () => {
    const text = readFileSync(path.join(ROOT, "docs/rules.md"), "utf8");
    const stale = fillBlock(
      text,
      "rules",
      "| id | family | severity | runs on | check |\n|---|---|---|---|---|",
    );
    expect(stale).not.toBe(generatedFiles().get("docs/rules.md"));
  });
});
