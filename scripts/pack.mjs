// `npm run package`: the installable tarball (npm pack, whose prepack step builds dist/). The lock file goes in as
// npm-shrinkwrap.json, the lock npm honours when installing a published package as a dependency: it keeps the
// tree this repository is tested with, above all one @napi-rs/canvas (package.json "overrides" apply only to the
// root project; two copies of its Skia in one process crash). npm 11 ignored it installing a local tarball, so
// the README also gives the override to put in the installing project.
import { execFileSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";

copyFileSync("package-lock.json", "npm-shrinkwrap.json");
try {
  execFileSync("npm", ["pack", ...process.argv.slice(2)], { stdio: "inherit" });
} finally {
  rmSync("npm-shrinkwrap.json");
}
