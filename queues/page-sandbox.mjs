// Entry of the sandboxed page processor. BullMQ forks a plain Node process and import()s this file, so it
// registers tsx itself (the project runs TypeScript without a build step) before loading the processor.
import { register } from "tsx/esm/api";

// A sandbox child whose worker died (kill -9, machine lost) must not linger: its job is recovered as stalled.
process.on("disconnect", () => process.exit(1));
register();
const { default: processor } = await import("./page-processor.ts");

export default processor;
