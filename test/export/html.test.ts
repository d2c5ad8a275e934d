import { describe, expect, it } from "vitest";
import { esc, renderReviewPage, reviewOrder } from "../../src/export/html.ts";
import { embedJson } from "../../src/export/review-data.ts";
import { f, flag, record, report } from "./builder.ts";

const XSS = `</script><script>alert(1)</script><img src=x onerror=alert(2)>"'&\u2028`;

describe("review page text safety (no browser needed)", () => {
  it("esc covers text and double- or single-quoted attributes", () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    expect(esc(null)).toBe("");
  });

  it("embedded JSON cannot close its script element and parses back unchanged", () => {
    const data = { s: XSS, t: "<!-- -->" };
    const text = embedJson(data);
    expect(text).not.toMatch(/[<>]/);
    expect(JSON.parse(text)).toEqual(data);
  });

  it("untrusted record text never reaches the page as markup", () => {
    const r = record({
      file: `${XSS}.pdf`,
      report: report({ organization: f(XSS), scope: f(XSS) }),
      flags: [{ ...flag(XSS, "high", 1, [1, 2, 3, 4], XSS), message: XSS }],
    });
    const html = renderReviewPage([r], new Map(), new Date(0));
    expect(html.match(/<script/g)).toHaveLength(2); // the JSON data block and the page's own code
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;img src=x onerror=alert(2)&gt;");
  });

  it("orders reports by high, then medium, then low flags", () => {
    const a = record({ file: "a.pdf", flags: [flag("X", "low"), flag("X", "low")] });
    const b = record({ file: "b.pdf", flags: [flag("X", "medium")] });
    const c = record({ file: "c.pdf", flags: [flag("X", "high"), flag("X", "low")] });
    const d = record({ file: "d.pdf", flags: [flag("X", "high"), flag("X", "high")] });
    const e = record({ file: "e.pdf", report: null });
    const g = record({ file: "g.pdf" });
    expect(reviewOrder([a, b, c, d, e, g]).map((r) => r.document.file)).toEqual([
      "d.pdf",
      "c.pdf",
      "b.pdf",
      "a.pdf",
      "e.pdf",
      "g.pdf",
    ]);
  });
});
