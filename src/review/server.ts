import { readFileSync } from "node:fs";
import Fastify, { type FastifyInstance } from "fastify";
import { ZodError } from "zod";
import { ReviewCatalog } from "./catalog.ts";
import { CorrectionError } from "./corrections.ts";
import { registerRoutes } from "./routes.ts";
import { ReviewStore } from "./store.ts";

const asset = (name: string) => readFileSync(new URL(`./page/${name}`, import.meta.url), "utf8");

/** Scripts and styles only from this server, no inline code, nothing remote: record text is untrusted. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export interface ReviewServerOptions {
  out: string;
  port?: number;
  host?: string;
  rulesConfig?: unknown;
  /** Cut evidence crops at start (off in tests and benchmarks that have no page images). */
  crops?: boolean;
}

export interface ReviewServer {
  app: FastifyInstance;
  url: string;
  catalog: ReviewCatalog;
  close(): Promise<void>;
}

const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);
const isLoopback = (host: string | undefined) => host === undefined || host === "127.0.0.1" || host === "::1";

/** The Host header without its port. */
const hostName = (header: string | undefined) => (header ?? "").replace(/:\d+$/, "").toLowerCase();

export async function buildReviewApp(opts: ReviewServerOptions) {
  const store = ReviewStore.open(opts.out);
  const catalog = new ReviewCatalog(opts.out, store, opts.rulesConfig, opts.crops ?? true);
  await catalog.load();
  const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
  const pages = { html: asset("index.html"), js: asset("app.js"), css: asset("app.css") };

  // Bound to loopback, only requests addressed to a loopback name are answered: a web page elsewhere that
  // points its own domain at 127.0.0.1 (DNS rebinding) cannot read or record decisions.
  if (isLoopback(opts.host))
    app.addHook("onRequest", async (req, reply) => {
      if (!LOOPBACK_NAMES.has(hostName(req.headers.host)))
        return reply
          .code(421)
          .send({ error: "MISDIRECTED", message: "open the page at 127.0.0.1 or localhost" });
    });
  app.addHook("onSend", async (_req, reply) => {
    reply.header("content-security-policy", CSP);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
  });
  app.setErrorHandler((error, _req, reply) => {
    if (error instanceof ZodError)
      return reply
        .code(400)
        .send({ error: "BAD_REQUEST", issues: error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
    if (error instanceof CorrectionError)
      return reply.code(400).send({ error: error.code, message: error.message });
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500)
      return reply.code(status).send({ error: "BAD_REQUEST", message: (error as Error).message });
    return reply.code(500).send({ error: "INTERNAL", message: "the review server failed; see its console" });
  });

  app.get("/", async (_req, reply) => reply.type("text/html; charset=utf-8").send(pages.html));
  app.get("/app.js", async (_req, reply) => reply.type("text/javascript; charset=utf-8").send(pages.js));
  app.get("/app.css", async (_req, reply) => reply.type("text/css; charset=utf-8").send(pages.css));
  registerRoutes(app, opts.out, catalog, opts.rulesConfig);
  app.addHook("onClose", async () => store.close());
  return { app, catalog };
}

/** Listens on 127.0.0.1 unless told otherwise: the decisions are the committee's, not the network's. */
export async function startReviewServer(opts: ReviewServerOptions): Promise<ReviewServer> {
  const host = opts.host ?? "127.0.0.1";
  const { app, catalog } = await buildReviewApp({ ...opts, host });
  await app.listen({ port: opts.port ?? 7340, host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : (opts.port ?? 7340);
  const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return {
    app,
    catalog,
    url: `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}/`,
    close: () => app.close(),
  };
}
