import { describe, expect, it } from "vitest";
import { runRules } from "../../src/rules/registry.ts";
import { baseRecord } from "./builders.ts";

describe("base record", () => {
  it("raises no flag at all", () => {
    expect(runRules(baseRecord())).toEqual([]);
  });
});
