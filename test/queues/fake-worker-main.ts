/** The queue tests' worker process: `audit-extract worker` with the fake OCR engine, set up in code. */
import { fileURLToPath } from "node:url";
import { useEngineFactory } from "../../queues/engine.ts";
import { runWorkerCli } from "../../queues/worker-cli.ts";
import { loadConfig } from "../../src/config/load.ts";
import { createEngine } from "./fake-engine.ts";

useEngineFactory(createEngine);
const pageProcessorFile = fileURLToPath(new URL("./fake-page-sandbox.mjs", import.meta.url));
runWorkerCli(loadConfig(), undefined, { pageProcessorFile }).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`worker failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
