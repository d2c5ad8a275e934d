// Entry of the sandboxed page processor. BullMQ forks a plain Node process and import()s this file. Built
// (dist/), the compiled processor sits beside it; from source it registers tsx first.
import { existsSync } from "node:fs";

// A sandbox child whose worker died (kill -9, machine lost) must not linger: its job is recovered as stalled.
process.on("disconnect", () => process.exit(1));

const built = new URL("./page-processor.js", import.meta.url);
let mod;
if (existsSync(built)) {
  mod = await import(built.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  mod = await import("./page-processor.ts");
}

export default mod.default;
