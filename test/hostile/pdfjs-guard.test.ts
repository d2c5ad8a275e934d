/**
 * A damaged PDF makes pdf.js leave a rejected promise unhandled; under Node's default that kills the process
 * (the whole batch). Checked in a child process: the test runner's own listeners would hide the crash here.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HOSTILE_FILES_DIR } from "../../fixtures/hostile/generate.ts";
import { isPdfjsWorkerError } from "../../src/ingest/pdfjs-guard.ts";

const root = path.resolve(import.meta.dirname, "../..");
// The guard is installed where pdf.js runs: the PDF process, which runs src/ingest/pdf.ts (called directly here).
const pdfModule = path.join(root, "src/ingest/pdf.ts");
const limitsModule = path.join(root, "src/ingest/limits.ts");
const openScript = `
  import { readFileSync } from "node:fs";
  import { openPdf } from ${JSON.stringify(pdfModule)};
  import { resolveLimits } from ${JSON.stringify(limitsModule)};
  const openDocument = (file, limits, options) =>
    openPdf(new Uint8Array(readFileSync(file)), resolveLimits(limits), { renderDpi: 200, defaultImageDpi: 300, ...options });
`;

function runChild(script: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe("pdf.js stray rejections", () => {
  it("a PDF that makes pdf.js reject a promise nobody awaits does not end the process", () => {
    const file = path.join(HOSTILE_FILES_DIR, "stray-rejection.pdf");
    const { status, out } = runChild(`
      ${openScript}
      const doc = await openDocument(${JSON.stringify(file)}, {}, { renderDpi: 72 });
      for (let p = 1; p <= doc.pageCount; p++) await doc.getPage(p).catch(() => {});
      await doc.close();
      await new Promise((r) => setTimeout(r, 100));
      console.log("survived", process.listenerCount("unhandledRejection"));
    `);
    expect(out).toContain("survived 1");
    expect(status).toBe(0);
  });

  it("any other unhandled rejection still ends the process, as Node does by default", () => {
    const { status, out } = runChild(`
      ${openScript}
      const doc = await openDocument(${JSON.stringify(path.join(HOSTILE_FILES_DIR, "scripted.pdf"))});
      await doc.close();
      Promise.reject(new Error("a real bug"));
      await new Promise((r) => setTimeout(r, 100));
      console.log("survived");
    `);
    expect(out).toContain("a real bug");
    expect(out).not.toContain("survived");
    expect(status).not.toBe(0);
  });

  it("recognises errors by a pdf.js worker frame in the stack only", () => {
    const stray = new Error("Bad (uncompressed) XRef entry: 4R");
    stray.stack = `Error\n    at BaseExceptionClosure (${root}/node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs:6289:29)`;
    expect(isPdfjsWorkerError(stray)).toBe(true);
    expect(isPdfjsWorkerError(new Error("ours"))).toBe(false);
    expect(isPdfjsWorkerError("pdf.worker.mjs")).toBe(false);
  });
});
