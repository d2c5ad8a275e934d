// `npm run package`: the installable tarball. Runs after `npm run build`. The lock file goes in as
// npm-shrinkwrap.json, the one lock npm honours when installing a package as a dependency: it keeps the tree
// this repository is tested with, above all one @napi-rs/canvas (package.json "overrides", which npm applies only
// to the root project; two copies of its Skia in one process crash).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, rmSync } from "node:fs";

if (!existsSync("dist/src/cli/main.js")) {
  console.error("dist/ is missing: run npm run build first");
  process.exit(2);
}
copyFileSync("package-lock.json", "npm-shrinkwrap.json");
try {
  execFileSync("npm", ["pack", ...process.argv.slice(2)], { stdio: "inherit" });
} finally {
  rmSync("npm-shrinkwrap.json");
}
