#!/usr/bin/env node
// The installed command runs the JavaScript `npm run build` emits to dist/. In a checkout that was never built
// it runs the TypeScript sources through tsx (a development dependency) instead.
import { existsSync } from "node:fs";

const built = new URL("../dist/src/cli/main.js", import.meta.url);
const source = new URL("../src/cli/main.ts", import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  process.stderr.write("audit-extract: dist/ is missing (this package was packed without npm run build)\n");
  process.exitCode = 1;
}
