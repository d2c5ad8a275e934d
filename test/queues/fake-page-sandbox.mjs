// The queue tests' page processor entry: the production one (queues/page-sandbox.mjs) with the fake OCR engine
// set up first, in code. Production code never loads modules named by the environment.
import { register } from "tsx/esm/api";

process.on("disconnect", () => process.exit(1));
register();
const { useEngineFactory } = await import("../../queues/engine.ts");
const { createEngine } = await import("./fake-engine.ts");
useEngineFactory(createEngine);
const { default: processor } = await import("../../queues/page-processor.ts");

export default processor;
