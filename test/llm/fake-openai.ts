import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the fake server received on /v1/chat/completions. */
export interface SeenRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: ChatBody;
}

export interface ChatBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  [k: string]: unknown;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Wait before answering (to provoke client timeouts). */
  delayMs?: number;
}

export type Script = (req: SeenRequest, index: number) => Reply | Promise<Reply>;

export interface FakeOpenAI {
  baseURL: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/** A chat.completion whose message content is `content`. */
export function completion(content: string, usage = { prompt_tokens: 100, completion_tokens: 20 }): Reply {
  return {
    json: {
      id: "chatcmpl-test",
      object: "chat.completion",
      created: 1_700_000_000,
      model: "test-model",
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal: null },
          finish_reason: "stop",
          logprobs: null,
        },
      ],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  };
}

export const answer = (
  value: string | number | null,
  quote: string | null,
  usage?: Parameters<typeof completion>[1],
) => completion(JSON.stringify({ value, quote }), usage);

/** The field a request asks about, from its json_schema name (field_<key>) or the prompt. */
export function fieldOf(req: SeenRequest): string {
  const name = req.body.response_format?.json_schema?.name;
  if (name?.startsWith("field_")) return name.slice("field_".length);
  const user = req.body.messages.find((m) => m.role === "user")?.content ?? "";
  return /字段：(\w+)/.exec(user)?.[1] ?? "";
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** An OpenAI-compatible server on 127.0.0.1 (port 0) answering /v1/chat/completions from a script. */
export async function startFakeOpenAI(script: Script): Promise<FakeOpenAI> {
  const requests: SeenRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "not found", type: "invalid_request_error" } }));
      return;
    }
    const seen: SeenRequest = { path: req.url, headers: req.headers, body: JSON.parse(raw) as ChatBody };
    requests.push(seen);
    const reply = await script(seen, requests.length - 1);
    if (reply.delayMs) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, reply.delayMs);
        timers.add(t);
        res.on("close", () => {
          clearTimeout(t);
          timers.delete(t);
          resolve();
        });
      });
    }
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
    res.end(JSON.stringify(reply.json ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const apiError = (status: number, message: string, headers: Record<string, string> = {}): Reply => ({
  status,
  headers,
  json: {
    error: { message, type: status === 429 ? "rate_limit_exceeded" : "error", code: null, param: null },
  },
});
