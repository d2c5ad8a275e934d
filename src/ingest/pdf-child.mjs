// Entry of the process that parses and renders PDFs (src/ingest/pdf-sandbox.ts forks it). It registers tsx
// itself: the project runs TypeScript without a build step.
import { register } from "tsx/esm/api";

// The parent is gone (it exited or was killed): nothing left to do here.
process.on("disconnect", () => process.exit(0));
register();
await import("./pdf-child-main.ts");
