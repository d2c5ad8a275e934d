import { loadConfig } from "../config/load.ts";
import { AuditExtractError } from "../domain/errors.ts";
import { startReviewServer } from "./server.ts";

export interface ReviewCliOptions {
  port?: string;
  /** --host alone: every interface; --host <address>: that one; absent: 127.0.0.1. */
  host?: string | boolean;
  config?: string;
}

/** `audit-extract review <out-dir>`: serves the review page until Ctrl-C. Resolves when stopped. */
export async function runReviewCli(out: string, opts: ReviewCliOptions): Promise<number> {
  const port = opts.port === undefined ? 7340 : Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new AuditExtractError("USAGE", `--port must be a port number, got ${opts.port}`);
  const host = opts.host === undefined ? "127.0.0.1" : opts.host === true ? "0.0.0.0" : String(opts.host);
  const config = loadConfig({ file: opts.config, flags: {} });
  const server = await startReviewServer({ out, port, host, rulesConfig: config.rules });
  process.stderr.write(
    `review page for ${server.catalog.size} reports: ${server.url}\n` +
      `decisions are kept in ${out}/review.sqlite; Ctrl-C stops the server\n`,
  );
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1")
    process.stderr.write(
      "warning: listening beyond this machine; anyone who can reach it can record decisions\n",
    );
  await new Promise<void>((resolve) => {
    const stop = () => {
      server.close().then(() => resolve());
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}
