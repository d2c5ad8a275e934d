// Entry of a PP-OCR engine worker thread. Built (dist/), the compiled module sits beside this file; from source,
// module hooks registered on the main thread do not reach worker threads, so the worker registers tsx itself.
import { existsSync } from "node:fs";

const built = new URL("./worker-main.js", import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("./worker-main.ts");
}
