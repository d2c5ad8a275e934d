// `npm run build` step after tsc: the files tsc does not emit but the built code loads beside itself (worker
// entries run as plain JavaScript, the review page's assets): every file but TypeScript and READMEs.
import { cpSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SKIP = /\.(ts|md)$/;
let copied = 0;
for (const top of ["src", "queues"]) {
  for (const rel of readdirSync(top, { recursive: true, encoding: "utf8" })) {
    if (SKIP.test(rel) || !statSync(path.join(top, rel)).isFile()) continue;
    cpSync(path.join(top, rel), path.join("dist", top, rel));
    copied++;
  }
}
console.log(`copied ${copied} non-TypeScript files to dist/`);
