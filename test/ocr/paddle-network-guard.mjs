// Wraps the PP-OCR engine's worker thread (the test guards the main thread itself): makes every network entry
// point record the attempt in NETWORK_GUARD_LOG and throw, then loads the real worker.
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";

function record(what) {
  const log = process.env.NETWORK_GUARD_LOG;
  if (log) fs.appendFileSync(log, `worker ${what}\n`);
  throw new Error(`network access attempted: ${what}`);
}

globalThis.fetch = (input) => record(`fetch ${String(input)}`);
for (const mod of [http, https]) {
  mod.request = (...args) => record(`request ${JSON.stringify(args[0])}`);
  mod.get = (...args) => record(`get ${JSON.stringify(args[0])}`);
}
const connect = net.connect;
net.connect = (...args) => {
  // A Unix socket is local IPC, not network: tsx, registered in the worker, talks to its parent over one.
  const target = args[0];
  const path = typeof target === "string" ? target : typeof target === "object" ? target?.path : undefined;
  if (typeof path === "string" && !/^\d+$/.test(path)) return connect.apply(net, args);
  return record(`net.connect ${JSON.stringify(target)}`);
};
net.createConnection = net.connect;

await import("../../src/ocr/paddle/worker.mjs");
