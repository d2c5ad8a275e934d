// Loaded as the tesseract.js worker thread script (the test guards the main thread itself): makes every
// network entry point record the attempt in NETWORK_GUARD_LOG and throw, then loads the real worker.
const fs = require("node:fs");
const http = require("node:http");
const https = require("node:https");
const net = require("node:net");
const { isMainThread } = require("node:worker_threads");

function record(what) {
  const log = process.env.NETWORK_GUARD_LOG;
  if (log) fs.appendFileSync(log, `${isMainThread ? "main" : "worker"} ${what}\n`);
  throw new Error(`network access attempted: ${what}`);
}

function install() {
  globalThis.fetch = (input) => record(`fetch ${String(input)}`);
  for (const mod of [http, https]) {
    mod.request = (...args) => record(`request ${JSON.stringify(args[0])}`);
    mod.get = (...args) => record(`get ${JSON.stringify(args[0])}`);
  }
  net.connect = (...args) => record(`net.connect ${JSON.stringify(args[0])}`);
  net.createConnection = net.connect;
}

if (!isMainThread) {
  install();
  require(require.resolve("tesseract.js/src/worker-script/node/index.js"));
}
