// Entry of a PP-OCR engine worker thread. The project runs TypeScript without a build step, and module hooks
// registered on the main thread do not reach worker threads, so the worker registers tsx itself.
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
