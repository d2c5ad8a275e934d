// Entry of a tesseract.js worker thread. Leptonica reports odd regions of a page on stderr ("Error in
// pixScanForForeground: invalid box") while Tesseract goes on reading it: not errors of the run, and they would
// break the progress bar. They are dropped here, before the core binds console.error; anything else passes.
const LEPTONICA = /^(Error|Warning) in \w+: /;
for (const level of ["error", "warn"]) {
  const pass = console[level].bind(console);
  console[level] = (...args) => {
    if (typeof args[0] === "string" && LEPTONICA.test(args[0])) return;
    pass(...args);
  };
}
require(require.resolve("tesseract.js/src/worker-script/node/index.js"));
