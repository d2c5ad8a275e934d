import { describe, expect, it } from "vitest";
import { documentLine, ProgressState } from "../../src/cli/progress.ts";
import type { ProgressEvent } from "../../src/pipeline/runner.ts";

type DocumentEvent = Extract<ProgressEvent, { type: "document" }>;

const doc = (file: string, pages: number, reused: boolean): DocumentEvent => ({
  type: "document",
  file,
  status: "ok",
  kind: "audit_report",
  codes: [],
  reused,
  pages,
});

describe("progress line", () => {
  it("a re-run that reuses every document says so, with no rate or ETA made up", () => {
    const s = new ProgressState(0);
    s.onEvent({ type: "start", files: 2 });
    s.onEvent(doc("a.pdf", 4, true));
    s.onEvent(doc("b.pdf", 4, true));
    expect(s.line(3_000)).toBe("0/0 pages | – pages/min | 0:03 elapsed | 2/2 files (2 unchanged)");
  });

  it("marks the page total and ETA as estimates until every file's page count is known", () => {
    const s = new ProgressState(0);
    s.onEvent({ type: "start", files: 3 });
    expect(s.line(1_000)).toBe("0/? pages | – pages/min | 0:01 elapsed | 0/3 files");
    s.onEvent({ type: "page", file: "a.pdf", page: 1, of: 4 });
    s.onEvent({ type: "page", file: "a.pdf", page: 2, of: 4 });
    // 2 pages in a minute; a.pdf has 4, the two files not opened yet are guessed at 4 each.
    expect(s.line(60_000)).toBe("2/~12 pages | 2.0 pages/min | ETA ~5:00 | 0/3 files");
    s.onEvent({ type: "page", file: "b.pdf", page: 1, of: 2 });
    s.onEvent({ type: "page", file: "c.pdf", page: 1, of: 3 });
    expect(s.line(120_000)).toBe("4/9 pages | 2.0 pages/min | ETA 2:30 | 0/3 files");
  });

  it("keeps a line per file", () => {
    expect(documentLine(doc("a.pdf", 4, false))).toBe("done a.pdf (4 pages, ok)");
    expect(documentLine(doc("a.pdf", 4, true))).toBe("unchanged a.pdf (4 pages, read before)");
    expect(documentLine({ ...doc("x.pdf", 0, false), status: "failed", codes: ["PDF_CORRUPT"] })).toBe(
      "rejected x.pdf: PDF_CORRUPT",
    );
  });
});
