import path from "node:path";
import { describe, expect, it } from "vitest";
import { outputName, safeName } from "../../src/export/names.ts";
import { idOf, record } from "./builder.ts";

const SAFE = /^[\p{L}\p{M}\p{N}._()（）【】《》〔〕、，·~-]+$/u;
const ID = idOf("x");

function assertSafe(name: string) {
  expect(name).toMatch(SAFE);
  expect(name).not.toContain("/");
  expect(name).not.toContain("\\");
  expect(name.startsWith(".")).toBe(false);
  expect(name.startsWith("-")).toBe(false);
  expect(path.basename(name)).toBe(name);
  // Room for ".json" within a 255-byte file-name limit.
  expect(Buffer.byteLength(`${name}.json`, "utf8")).toBeLessThanOrEqual(255);
}

describe("outputName", () => {
  it("is readable for an ordinary name and ends with 8 hex of the id", () => {
    const r = record({ file: "report-0001.pdf" });
    expect(outputName(r)).toBe(`report-0001.pdf-${r.document.id.slice(0, 8)}`);
  });

  it("keeps Chinese names readable", () => {
    const name = safeName("管理体系审核报告（二阶段）.pdf", ID);
    assertSafe(name);
    expect(name).toContain("管理体系审核报告");
  });

  it("cannot escape the output folder", () => {
    for (const bad of [
      "../../etc/passwd",
      "/etc/passwd",
      "..\\..\\win.ini",
      "..",
      ".",
      "",
      "a/../../b.pdf",
    ]) {
      const name = safeName(bad, ID);
      assertSafe(name);
      expect(path.resolve("/out/records", `${name}.json`).startsWith("/out/records/")).toBe(true);
    }
  });

  it("gives same-named files in different folders different names, even with the same bytes", () => {
    const a = safeName("a/report.pdf", ID);
    const b = safeName("b/report.pdf", ID);
    expect(a).not.toBe(b);
    assertSafe(a);
    const ra = record({ file: "a/report.pdf", id: idOf("a") });
    const rb = record({ file: "b/report.pdf", id: idOf("b") });
    expect(outputName(ra)).not.toBe(outputName(rb));
  });

  it("keeps names that sanitise alike apart", () => {
    const names = ["a b.pdf", "a_b.pdf", "a/b.pdf", "a__b.pdf", "a?b.pdf", "A b.pdf"].map((n) =>
      safeName(n, ID),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it("truncates a 300-character name safely and still tells long names apart", () => {
    const long = `${"很长的文件名".repeat(50)}.pdf`;
    expect(long.length).toBe(304);
    const a = safeName(long, ID);
    const b = safeName(`${"很长的文件名".repeat(50)}2.pdf`, ID);
    assertSafe(a);
    expect(a).not.toBe(b);
    // Never cut inside a character: the stem is valid UTF-8 that round-trips.
    expect(Buffer.from(a, "utf8").toString("utf8")).toBe(a);
  });

  it("handles odd Unicode: emoji, combining marks, bidi and control characters, reserved device names", () => {
    const odd = ["報告👍🏽e\u0301.pdf", "evil\u202Egpj.pdf", "tab\there\n.pdf", "CON.pdf", "nul", "-rf.pdf"];
    const names = odd.map((n) => safeName(n, ID));
    for (const n of names) assertSafe(n);
    expect(names[1]).not.toContain("\u202E");
    expect(names[3]!.toLowerCase().startsWith("con.")).toBe(false);
    // A name cut through an emoji sequence still round-trips.
    const emoji = safeName("👍🏽".repeat(100), ID);
    assertSafe(emoji);
  });

  it("works for a record that was never read (empty id)", () => {
    const a = safeName("missing-a.pdf", "");
    const b = safeName("missing-b.pdf", "");
    assertSafe(a);
    expect(a).not.toBe(b);
    expect(a).toBe(safeName("missing-a.pdf", "")); // stable
  });
});
