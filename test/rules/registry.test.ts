import { describe, expect, it } from "vitest";
import { DEFAULT_RULES_CONFIG, loadRulesConfig } from "../../src/rules/config.ts";
import { RULES, ruleCatalogue, runCrossRules, runRules, sortFlags } from "../../src/rules/registry.ts";
import { baseRecord, edit, f, flagsOf, sectionById } from "./builders.ts";

const CATALOGUE = [
  "DATE-IMPOSSIBLE",
  "DATE-STAGE-ORDER",
  "DATE-REPORT-BEFORE-END",
  "DATE-DEADLINE-BEFORE-END",
  "DATE-NEXT-AUDIT",
  "DATE-COVERAGE",
  "DATE-MATURITY",
  "DATE-NARRATIVE",
  "DATE-ORG-FOUNDED",
  "CHK-MULTIPLE",
  "CHK-NONE",
  "CHK-UNCLEAR",
  "CHK-VS-NARRATIVE",
  "CHK-CRITERIA-WITH-NC",
  "NC-COUNT-MISMATCH",
  "NC-RECOMMEND-MAJOR",
  "NC-RECOMMEND-MINOR",
  "NC-CLAUSE",
  "TIME-LOW",
  "TIME-HEADCOUNT",
  "TIME-DAYS-MISMATCH",
  "TEAM-REG-FORMAT",
  "TEAM-REG-FIELD",
  "TEAM-LEADER-TRAINEE",
  "TEAM-NO-CODE",
  "TEAM-SIGNATURE",
  "SCOPE-FOREIGN-TEXT",
  "SCOPE-INCONSISTENT",
  "REQ-MISSING",
  "PII-ID-NUMBER",
  "XDOC-AUDITOR-OVERLAP",
  "XDOC-DUPLICATE-NUMBER",
  "XDOC-COPIED-NARRATIVE",
];

describe("registry", () => {
  it("declares every rule of rules.md once, with its catalogue severity", () => {
    const ids = ruleCatalogue().map((r) => r.id);
    expect([...ids].sort()).toEqual([...CATALOGUE].sort());
    expect(new Set(ids).size).toBe(ids.length);
    const sev = Object.fromEntries(ruleCatalogue().map((r) => [r.id, r.severity]));
    expect(sev["TIME-LOW"]).toBe("high");
    expect(sev["CHK-CRITERIA-WITH-NC"]).toBe("low");
    expect(sev["XDOC-COPIED-NARRATIVE"]).toBe("medium");
  });

  it("skips records without a report", () => {
    const r = baseRecord();
    r.report = null;
    expect(runRules(r)).toEqual([]);
    expect(runCrossRules([r]).size).toBe(0);
  });

  it("skips disabled rules and applies severity overrides to findings only", () => {
    const r = edit((x) => {
      x.reportDate = f("2023-06-01");
      x.employees = f(null);
    });
    expect(
      flagsOf(r, "DATE-REPORT-BEFORE-END", { rules: { "DATE-REPORT-BEFORE-END": { enabled: false } } }),
    ).toEqual([]);
    const overridden = runRules(r, {
      rules: { "DATE-REPORT-BEFORE-END": { severity: "low" }, "TIME-LOW": { severity: "medium" } },
    });
    expect(overridden.find((x) => x.rule === "DATE-REPORT-BEFORE-END")?.severity).toBe("low");
    // TIME-LOW could not check (no headcount): its note stays low whatever the override.
    expect(overridden.find((x) => x.rule === "TIME-LOW")?.severity).toBe("low");
  });

  it("orders high first and could-not-check notes last", () => {
    const r = edit((x) => {
      x.reportDate = f("2023-06-01");
      x.employees = f(null);
      x.headcounts = [];
      x.checkboxGroups[0]!.options[0]!.confidence = 0.3;
    });
    const flags = runRules(r);
    expect(flags[0]!.severity).toBe("high");
    expect(flags.at(-1)!.status).toBe("unchecked");
    expect(sortFlags(flags)).toEqual(flags);
  });

  it("gives a record with nothing read one low note per rule at most, never a high or medium", () => {
    const r = edit((x) => {
      for (const key of Object.keys(x) as (keyof typeof x)[]) {
        const v = x[key];
        if (v && typeof v === "object" && "value" in v)
          Object.assign(v, { value: null, raw: null, page: null, bbox: null });
      }
      x.team = [];
      x.ncItems = [];
      x.evaluations = [];
      x.checkboxGroups = [];
      x.conclusion = {};
      x.sections = [];
      x.scopeStatements = [];
      x.headcounts = [];
    });
    const all = runRules(r);
    const flags = all.filter((fl) => fl.rule !== "REQ-MISSING");
    expect(flags.every((fl) => fl.severity === "low" && fl.status === "unchecked")).toBe(true);
    const perRule = new Map<string, number>();
    for (const fl of flags) perRule.set(fl.rule, (perRule.get(fl.rule) ?? 0) + 1);
    expect(Math.max(...perRule.values())).toBe(1);
    expect(flags.length).toBeLessThanOrEqual(RULES.length);
  });

  it("keeps other rules' flags when one rule throws", () => {
    const r = edit((x) => {
      x.reportDate = f("2023-06-01");
      // A malformed record the schema would reject: the team rules throw, the others still run.
      Object.assign(x, { team: null });
    });
    const flags = runRules(r);
    expect(flags.some((fl) => fl.rule === "DATE-REPORT-BEFORE-END")).toBe(true);
    const crash = flags.find((fl) => fl.rule === "TEAM-SIGNATURE");
    expect(crash?.severity).toBe("low");
    expect(crash?.message).toContain("规则执行出错");
  });
});

describe("runCrossRules", () => {
  it("keys flags by document id, honours enabled and severity overrides", () => {
    const a = baseRecord();
    const b = baseRecord();
    b.document = { ...b.document, id: "doc-b", file: "b.pdf" };
    b.report = { ...b.report!, organization: f("另一家公司") };
    const out = runCrossRules([a, b]);
    expect([...out.keys()].sort()).toEqual(["doc-b", "doc-base"]);
    expect(out.get("doc-base")!.map((x) => x.rule)).toContain("XDOC-DUPLICATE-NUMBER");
    const off = runCrossRules([a, b], { rules: { "XDOC-DUPLICATE-NUMBER": { enabled: false } } });
    expect(off.get("doc-base")!.map((x) => x.rule)).not.toContain("XDOC-DUPLICATE-NUMBER");
    const low = runCrossRules([a, b], { rules: { "XDOC-DUPLICATE-NUMBER": { severity: "low" } } });
    expect(low.get("doc-base")!.find((x) => x.rule === "XDOC-DUPLICATE-NUMBER")?.severity).toBe("low");
  });
});

describe("config", () => {
  it("has the catalogue defaults", () => {
    const c = loadRulesConfig();
    expect(c.reduction).toBe(0.7);
    expect(c.nextAuditMonths).toBe(12);
    expect(c.maturityMonths).toBe(3);
    expect(c.surveillanceFactor).toBeCloseTo(1 / 3);
    expect(c.recertificationFactor).toBeCloseTo(2 / 3);
    expect(c.md5Qms).toHaveLength(23);
    expect(c.lexicons.industryTerms.map((t) => t.term)).toEqual(
      expect.arrayContaining(["招标代理", "招投标", "施工", "物业", "餐饮", "装饰装修", "GB/T 50430"]),
    );
    // A builder bids for work: 招投标 is a tender agency's trade and a builder's.
    expect(c.lexicons.industryTerms.find((t) => t.term === "招投标")?.classes).toEqual(
      expect.arrayContaining(["72", "47"]),
    );
  });
  it("deep-merges overrides over the defaults", () => {
    const c = loadRulesConfig({
      xdoc: { minPassageChars: 120 },
      rules: { "PII-ID-NUMBER": { enabled: false } },
    });
    expect(c.xdoc.minPassageChars).toBe(120);
    expect(c.xdoc.shingleChars).toBe(DEFAULT_RULES_CONFIG.xdoc.shingleChars);
    expect(c.rules["PII-ID-NUMBER"]).toEqual({ enabled: false });
    expect(c.reduction).toBe(0.7);
  });
  it("rejects a bad threshold instead of falling back", () => {
    expect(() => loadRulesConfig({ reduction: 2 })).toThrow();
    expect(() => loadRulesConfig({ rules: { "TIME-LOW": { severity: "urgent" } } })).toThrow();
  });
  it("does not re-validate a loaded config", () => {
    const c = loadRulesConfig({ reduction: 0.8 });
    expect(loadRulesConfig(c)).toBe(c);
  });
});

describe("messages", () => {
  it("are one line, so CSV cells and review rows stay whole", async () => {
    const { SEED_SECTIONS } = await import("./seed-text.ts");
    const r = edit((x) => {
      sectionById(x, "3.2").text = SEED_SECTIONS["3.2"]!;
      sectionById(x, "五").text = SEED_SECTIONS.五!;
    });
    for (const fl of runRules(r)) expect(fl.message, fl.rule).not.toMatch(/\n/);
  });
});
