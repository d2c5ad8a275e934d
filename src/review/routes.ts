import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { reportFieldsData } from "../export/review-data.ts";
import type { ReviewCatalog } from "./catalog.ts";
import { CorrectionError, originalField, parseCorrection } from "./corrections.ts";
import { buildReviewExport, reviewSheets } from "./export-data.ts";
import {
  CorrectionBody,
  CropParams,
  DecisionBody,
  DocParams,
  FlagParams,
  ListQuery,
  NoteBody,
  PageParams,
} from "./requests.ts";

const now = () => new Date().toISOString();

function notFound(reply: FastifyReply, what: string) {
  return reply.code(404).send({ error: "NOT_FOUND", message: what });
}

/** Only files under `root`, named by the checked parameters; the resolved path is checked again so no
 * name can reach outside the output folder. */
async function sendJpeg(reply: FastifyReply, root: string, ...parts: string[]) {
  const file = path.resolve(root, ...parts);
  if (!file.startsWith(path.resolve(root) + path.sep)) return reply.code(400).send({ error: "BAD_PATH" });
  const data = await readFile(file).catch(() => null);
  if (!data) return notFound(reply, "no such image");
  return reply.type("image/jpeg").header("cache-control", "private, max-age=300").send(data);
}

function fieldRows(catalog: ReviewCatalog, id: string) {
  const record = catalog.effective(id);
  if (!record?.report) return null;
  const data = reportFieldsData(record.report);
  return {
    conclusion: data.conclusion,
    rows: data.rows.map(([label, key, value, raw, confidence, page, method, mark]) => {
      let bbox: readonly number[] | null = null;
      try {
        bbox = originalField(record, key).bbox;
      } catch {
        bbox = null; // a row that is not a correctable field (none today)
      }
      return { label, key, value, raw, confidence, page, method, mark, bbox };
    }),
  };
}

export function registerRoutes(
  app: FastifyInstance,
  out: string,
  catalog: ReviewCatalog,
  rulesConfig?: unknown,
) {
  const store = catalog.store;

  app.get("/api/summary", async () => ({ reports: catalog.size, rules: catalog.rules() }));

  app.get("/api/reports", async (req) => {
    const q = ListQuery.parse(req.query);
    return catalog.list({ ...q, severity: q.severity, rule: q.rule || undefined });
  });

  app.get("/api/reports/:id", async (req, reply) => {
    const { id } = DocParams.parse(req.params);
    const view = catalog.report(id);
    if (!view) return notFound(reply, "unknown document");
    return { ...view, fields: fieldRows(catalog, id), correctionList: store.corrections(id) };
  });

  app.post("/api/reports/:id/flags/:fp", async (req, reply) => {
    const { id, fp } = FlagParams.parse(req.params);
    const body = DecisionBody.parse(req.body);
    if (!catalog.has(id)) return notFound(reply, "unknown document");
    const at = now();
    if (body.action === "reopen") store.reopen(id, fp, body.reviewer, at);
    else {
      const flag = catalog.flag(id, fp);
      if (!flag) return notFound(reply, "no such flag in this report (re-read? reload the page)");
      store.decide({
        documentId: id,
        fingerprint: fp,
        action: body.action === "confirm" ? "confirmed" : "dismissed",
        reason: body.reason || null,
        reviewer: body.reviewer,
        at,
        rule: flag.rule,
        severity: flag.severity,
        message: flag.message,
      });
    }
    return catalog.report(id);
  });

  app.put("/api/reports/:id/note", async (req, reply) => {
    const { id } = DocParams.parse(req.params);
    const body = NoteBody.parse(req.body);
    if (!catalog.has(id)) return notFound(reply, "unknown document");
    store.setNote({ documentId: id, note: body.note, reviewer: body.reviewer, at: now() });
    return catalog.report(id);
  });

  app.put("/api/reports/:id/fields", async (req, reply) => {
    const { id } = DocParams.parse(req.params);
    const body = CorrectionBody.parse(req.body);
    const original = catalog.original(id);
    if (!original) return notFound(reply, "unknown document");
    if (body.revert) store.uncorrect(id, body.field);
    else {
      const value = parseCorrection(original, body.field, body.value);
      const before = originalField(original, body.field);
      store.correct({
        documentId: id,
        field: body.field,
        value,
        original: before,
        reviewer: body.reviewer,
        at: now(),
      });
    }
    catalog.refresh(id);
    return { ...catalog.report(id), fields: fieldRows(catalog, id), correctionList: store.corrections(id) };
  });

  app.get("/api/pages/:id/:page", async (req, reply) => {
    const { id, page } = PageParams.parse(req.params);
    const record = catalog.original(id);
    if (!record) return notFound(reply, "unknown document");
    if (page > record.document.pages) return notFound(reply, "no such page");
    return sendJpeg(reply, path.join(out, "pages"), id, `${page}.jpg`);
  });

  app.get("/crops/:file", async (req, reply) => {
    const { file } = CropParams.parse(req.params);
    return sendJpeg(reply, path.join(out, "review", "crops"), file);
  });

  for (const name of ["decisions.csv", "corrections.csv"])
    app.get(`/${name}`, async (_req, reply) => {
      const exp = buildReviewExport(
        catalog.all().map((e) => e.original),
        store,
        rulesConfig,
      );
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${name}"`)
        .send(reviewSheets(exp)[name]);
    });

  app.post("/api/reload", async () => {
    await catalog.load();
    return { reports: catalog.size };
  });
}

export { CorrectionError };
