import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReviewCatalog } from "../../src/review/catalog.ts";
import { fingerprints, flagFingerprint } from "../../src/review/fingerprint.ts";
import { buildReviewApp } from "../../src/review/server.ts";
import { flag } from "../export/builder.ts";
import { makeOutFolder, makePageImage, ruledRecord } from "./fixture.ts";

describe("review server API", () => {
  let app: FastifyInstance;
  let catalog: ReviewCatalog;
  let out: string;
  const r0 = ruledRecord(0);
  const id = r0.document.id;
  const fp = fingerprints(r0.flags)[0] ?? "";

  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), "review-api-"));
    await makeOutFolder(out, 3);
    await makePageImage(out, id, 1);
    await writeFile(path.join(out, "secret.jpg"), "not for the browser");
    ({ app, catalog } = await buildReviewApp({ out, crops: false }));
  });
  afterAll(async () => {
    await app?.close();
  });

  const snapshot = () =>
    JSON.stringify([catalog.store.decisions(), catalog.store.notes(), catalog.store.corrections()]);

  it("records a decision with who and when", async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/reports/${id}/flags/${fp}`,
      payload: { action: "confirm", reviewer: "张" },
    });
    expect(res.statusCode).toBe(200);
    expect(catalog.store.decisions(id)).toMatchObject([
      { fingerprint: fp, action: "confirmed", reviewer: "张" },
    ]);
    expect(Date.parse(catalog.store.decisions(id)[0]?.at ?? "")).toBeGreaterThan(Date.parse("2026-01-01"));
  });

  it.each([
    [
      "unknown document",
      "POST",
      `/api/reports/${"0".repeat(64)}/flags/${fp}`,
      { action: "confirm", reviewer: "张" },
      404,
    ],
    [
      "document id that is not a hash",
      "PUT",
      "/api/reports/..%2F..%2Fetc/note",
      { note: "x", reviewer: "张" },
      400,
    ],
    [
      "unknown flag",
      "POST",
      `/api/reports/${id}/flags/${"a".repeat(24)}`,
      { action: "confirm", reviewer: "张" },
      404,
    ],
    [
      "dismiss without a reason",
      "POST",
      `/api/reports/${id}/flags/${fp}`,
      { action: "dismiss", reviewer: "张" },
      400,
    ],
    ["unknown action", "POST", `/api/reports/${id}/flags/${fp}`, { action: "delete", reviewer: "张" }, 400],
    ["no reviewer", "PUT", `/api/reports/${id}/note`, { note: "x", reviewer: " " }, 400],
    ["extra keys", "PUT", `/api/reports/${id}/note`, { note: "x", reviewer: "张", admin: true }, 400],
    ["malformed JSON", "PUT", `/api/reports/${id}/note`, "{not json", 400],
    [
      "unknown field",
      "PUT",
      `/api/reports/${id}/fields`,
      { field: "constructor", value: "1", reviewer: "张" },
      400,
    ],
    [
      "prototype path",
      "PUT",
      `/api/reports/${id}/fields`,
      { field: "team.0.__proto__", value: "1", reviewer: "张" },
      400,
    ],
    [
      "value of the wrong type",
      "PUT",
      `/api/reports/${id}/fields`,
      { field: "employees", value: "many", reviewer: "张" },
      400,
    ],
    [
      "bad date",
      "PUT",
      `/api/reports/${id}/fields`,
      { field: "reportDate", value: "2023-13", reviewer: "张" },
      400,
    ],
    [
      "bad enum",
      "PUT",
      `/api/reports/${id}/fields`,
      { field: "auditType", value: "audit", reviewer: "张" },
      400,
    ],
  ])("%s -> 4xx, nothing changed", async (_what, method, url, payload, status) => {
    const before = snapshot();
    const res = await app.inject({
      method: method as "POST" | "PUT",
      url,
      headers: { "content-type": "application/json" },
      payload: typeof payload === "string" ? payload : JSON.stringify(payload),
    });
    expect(res.statusCode).toBe(status);
    expect(snapshot()).toBe(before);
  });

  it.each([
    [`/api/pages/${id}/..%2F..%2Fsecret.jpg`, 400],
    [`/api/pages/${id}/0`, 400],
    [`/api/pages/${id}/99`, 404],
    [`/api/pages/${"0".repeat(64)}/1`, 404],
    ["/crops/..%2F..%2Fsecret.jpg", 400],
    ["/crops/secret.jpg", 400],
    ["/crops/../../secret.jpg", 404],
  ])("image request %s outside the output folder's images -> %i", async (url, status) => {
    const res = await app.inject({ method: "GET", url });
    expect(res.statusCode).toBe(status);
    expect(res.body).not.toContain("not for the browser");
  });

  it("answers only requests addressed to a loopback name (no DNS rebinding)", async () => {
    const before = snapshot();
    const res = await app.inject({
      method: "POST",
      url: `/api/reports/${id}/flags/${fp}`,
      headers: { host: "evil.example:7340" },
      payload: { action: "reopen", reviewer: "x" },
    });
    expect(res.statusCode).toBe(421);
    expect(snapshot()).toBe(before);
    expect(
      (await app.inject({ method: "GET", url: "/", headers: { host: "127.0.0.1:7340" } })).statusCode,
    ).toBe(200);
  });

  it("serves the whole page image of a known document", async () => {
    const res = await app.inject({ method: "GET", url: `/api/pages/${id}/1` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("image/jpeg");
  });

  it("corrects a field beside the original and runs the report's rules again", async () => {
    const res = await app.inject({
      method: "PUT",
      url: `/api/reports/${id}/fields`,
      payload: { field: "team.1.technicalCodes", value: "33.03.01；29.10.07", reviewer: "张" },
    });
    expect(res.statusCode).toBe(200);
    const [c] = catalog.store.corrections(id);
    expect(c).toMatchObject({ field: "team.1.technicalCodes", value: ["33.03.01", "29.10.07"] });
    expect(c?.original).toMatchObject({ value: ["33.03.01", "33.02.00"], method: "ocr" });
    expect(catalog.effective(id)?.report?.team[1]?.technicalCodes).toMatchObject({
      value: ["33.03.01", "29.10.07"],
      method: "reviewer",
    });
    const emp = await app.inject({
      method: "PUT",
      url: `/api/reports/${id}/fields`,
      payload: { field: "employees", value: "12", reviewer: "张" },
    });
    expect(emp.json().flags.map((f: { rule: string }) => f.rule)).toContain("TIME-HEADCOUNT");
    expect(r0.flags.map((f) => f.rule)).not.toContain("TIME-HEADCOUNT");
    // The decision taken before on an unchanged flag still holds.
    expect(
      emp.json().flags.find((f: { fingerprint: string }) => f.fingerprint === fp)?.decision?.action,
    ).toBe("confirmed");
  });

  it("pages and filters server-side", async () => {
    const all = (await app.inject({ method: "GET", url: "/api/reports?limit=2" })).json();
    expect(all.total).toBe(3);
    expect(all.reports).toHaveLength(2);
    const high = (
      await app.inject({ method: "GET", url: "/api/reports?severity=high&rule=DATE-STAGE-ORDER" })
    ).json();
    expect(high.reports.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await app.inject({ method: "GET", url: "/api/reports?severity=urgent" })).statusCode).toBe(400);
    expect((await app.inject({ method: "GET", url: "/api/reports?limit=100000" })).statusCode).toBe(400);
  });
});

describe("flag fingerprint", () => {
  it("ignores boxes, message wording and whitespace; changes with rule, page, text or subject", () => {
    const a = flag("DATE-STAGE-ORDER", "high", 1, [1, 2, 3, 4], "2023-11-07 至 2023-11-08");
    const same = {
      ...a,
      message: "另一种说法",
      evidence: [{ page: 1, bbox: [5, 6, 7, 8] as const, text: " 2023-11-07  至 2023-11-08\n" }],
    };
    expect(
      flagFingerprint({
        ...same,
        evidence: same.evidence.map((e) => ({ ...e, bbox: [...e.bbox] as [number, number, number, number] })),
      }),
    ).toBe(flagFingerprint(a));
    expect(flagFingerprint({ ...a, rule: "DATE-ORDER" })).not.toBe(flagFingerprint(a));
    expect(
      flagFingerprint({ ...a, evidence: [{ page: 2, bbox: null, text: "2023-11-07 至 2023-11-08" }] }),
    ).not.toBe(flagFingerprint(a));
    expect(
      flagFingerprint({ ...a, evidence: [{ page: 1, bbox: null, text: "2023-11-09 至 2023-11-08" }] }),
    ).not.toBe(flagFingerprint(a));
    expect(flagFingerprint({ ...a, subject: "张三" } as typeof a)).not.toBe(
      flagFingerprint({ ...a, subject: "李四" } as typeof a),
    );
    expect(fingerprints([a, a])).toEqual([flagFingerprint(a), `${flagFingerprint(a)}#2`]);
  });
});
