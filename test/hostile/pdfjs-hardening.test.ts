/** pdf.js runs on untrusted bytes: pin the options that keep it from evaluating code or reaching out. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, describe, expect, it, vi } from "vitest";
import { HOSTILE_FILES_DIR } from "../../fixtures/hostile/generate.ts";
import { DEFAULT_INGEST_OPTIONS, resolveLimits } from "../../src/ingest/limits.ts";
import { openPdf, PDFJS_DOCUMENT_OPTIONS, PDFJS_ROOT } from "../../src/ingest/pdf.ts";

/** pdf.js runs in the PDF process (src/ingest/pdf-sandbox.ts); its options are pinned on the code that runs
 * there, called here in-process so the calls can be watched. */
async function openDocument(file: string, limits: Parameters<typeof resolveLimits>[0] = {}) {
  return openPdf(new Uint8Array(readFileSync(file)), resolveLimits(limits), DEFAULT_INGEST_OPTIONS);
}

const calls = vi.hoisted(() => [] as Record<string, unknown>[]);
vi.mock("pdfjs-dist/legacy/build/pdf.mjs", async (importOriginal) => {
  const real = await importOriginal<typeof import("pdfjs-dist/legacy/build/pdf.mjs")>();
  return {
    ...real,
    getDocument: (src: Parameters<typeof real.getDocument>[0]) => {
      calls.push({ ...(src as Record<string, unknown>) });
      return real.getDocument(src);
    },
  };
});

/** Numeric compare of dotted versions ("5.6.205" >= "4.2.67"). */
function atLeast(version: string, min: string): boolean {
  const a = version.split(/[.-]/).map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < b.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

describe("pdf.js hardening", () => {
  afterAll(() => {
    delete (globalThis as { __hostilePdfRan?: boolean }).__hostilePdfRan;
  });

  it("is a pdfjs-dist release with the CVE-2024-4367 fix (>= 4.2.67)", () => {
    const pkg = JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"), "utf8"),
    ) as { version: string };
    expect(atLeast(pkg.version, "4.2.67")).toBe(true);
    expect(atLeast("4.2.66", "4.2.67")).toBe(false);
  });

  it("never evaluates font programs, uses no host fonts, FontFace, XFA or URLs", () => {
    expect(PDFJS_DOCUMENT_OPTIONS).toMatchObject({
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
    });
    expect(Object.isFrozen(PDFJS_DOCUMENT_OPTIONS)).toBe(true);
    const keys = Object.keys(PDFJS_DOCUMENT_OPTIONS);
    for (const risky of ["url", "httpHeaders", "withCredentials", "docBaseUrl", "worker", "pdfBug"]) {
      expect(keys).not.toContain(risky);
    }
    // Asset folders are the installed package's, as plain paths (no http:, no file: URL elsewhere).
    for (const key of ["cMapUrl", "standardFontDataUrl", "wasmUrl"] as const) {
      const dir = PDFJS_DOCUMENT_OPTIONS[key];
      expect(dir.startsWith(`${PDFJS_ROOT}/`)).toBe(true);
      expect(dir).not.toMatch(/^[a-z]+:/i);
    }
  });

  it("reads only its own package's asset files and never fetches", async () => {
    // pdf.js in Node reads assets through process.getBuiltinModule("fs").promises.readFile.
    const fsp = process.getBuiltinModule("fs").promises;
    const read = vi.spyOn(fsp, "readFile");
    const fetched = vi.spyOn(globalThis, "fetch").mockRejectedValue(new Error("no network in tests"));
    try {
      const dir = mkdtempSync(join(tmpdir(), "ae-pdfjs-"));
      const doc = await PDFDocument.create({ updateMetadata: false });
      // A standard font that is not embedded: pdf.js loads its substitute from standard_fonts/.
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.addPage([300, 300]).drawText("Audit report standard font text layer", { x: 10, y: 250, font });
      const file = join(dir, "helvetica.pdf");
      writeFileSync(file, await doc.save());
      read.mockClear();
      const opened = await openDocument(file);
      await opened.getPage(1);
      await opened.close();
      // (The in-process "fake worker" module itself is loaded by URL: normalise to a path.)
      const paths = read.mock.calls.map((c) =>
        String(c[0]).startsWith("file:") ? fileURLToPath(String(c[0])) : String(c[0]),
      );
      const ours = paths.filter((p) => p !== file);
      expect(ours.some((p) => p.includes("standard_fonts"))).toBe(true);
      for (const p of ours) expect(p.startsWith(`${PDFJS_ROOT}/`), p).toBe(true);
      expect(fetched).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
      fetched.mockRestore();
    }
  });

  it("opens documents with exactly those options, the bytes as data and the pixel limit on images", async () => {
    calls.length = 0;
    const doc = await openDocument(join(HOSTILE_FILES_DIR, "scripted.pdf"), { maxPixelsPerPage: 1_234_567 });
    await doc.getPage(1);
    await doc.close();
    expect(calls).toHaveLength(1);
    const used = calls[0]!;
    expect(used).toMatchObject({ ...PDFJS_DOCUMENT_OPTIONS, maxImageSize: 1_234_567 });
    expect(used.data).toBeInstanceOf(Uint8Array);
    expect(Object.keys(used).sort()).toEqual(
      [...Object.keys(PDFJS_DOCUMENT_OPTIONS), "maxImageSize", "data"].sort(),
    );
    // The PDF's OpenAction JavaScript did not run.
    expect((globalThis as { __hostilePdfRan?: boolean }).__hostilePdfRan).toBeUndefined();
  });
});
