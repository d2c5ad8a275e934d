/** Worker entry without the CLI: `node --import tsx queues/worker-main.ts` (config from the environment and
 * audit-extract.config.json, like the CLI). */
import { describeError } from "../src/cli/exit-codes.ts";
import { loadConfig } from "../src/config/load.ts";
import { runWorkerCli } from "./worker-cli.ts";

Promise.resolve()
  .then(() => runWorkerCli(loadConfig()))
  .then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`worker failed: ${describeError(err)}\n`);
      process.exit(1);
    },
  );
