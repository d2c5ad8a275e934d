/**
 * Architecture guard (`npm run lint` runs it): the stages are plain functions over the domain types, called
 * alike by the in-process runner (src/pipeline) and the queue workers (queues/). Violations accepted for now
 * are listed in .dependency-cruiser-known-violations.json (written by `npx depcruise-baseline`); any other fails.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const STAGES = "ingest|ocr|parse|rules|export|lexicon";

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "An import cycle: split the shared part into its own module.",
      from: {},
      to: { circular: true },
    },
    {
      name: "stage-imports-domain-and-itself-only",
      severity: "error",
      comment:
        "A stage (ingest, ocr, parse, rules, export) imports only src/domain, the wording data in src/lexicon, the measured OCR noise model and its matcher in src/noise, and its own folder.",
      from: { path: `^src/(${STAGES})/` },
      to: { path: "^(src|queues)/", pathNot: ["^src/domain/", "^src/lexicon/", "^src/noise/", "^src/$1/"] },
    },
    {
      name: "noise-model-imports-no-stage",
      severity: "error",
      comment:
        "The noise model (src/noise) is a bottom layer under ocr and parse: it imports only the domain.",
      from: { path: "^src/noise/" },
      to: { path: "^(src|queues)/", pathNot: ["^src/domain/", "^src/noise/"] },
    },
    {
      name: "no-runner-cli-or-queue-below-them",
      severity: "error",
      comment:
        "Only the CLI, the runner, the queue and the eval tools may import the runner, the CLI or the queue.",
      from: { path: "^src/", pathNot: "^src/(cli|pipeline|eval)/" },
      to: { path: "^(src/(cli|pipeline|eval)/|queues/)" },
    },
    {
      name: "domain-imports-nothing-of-ours",
      severity: "error",
      comment: "The domain types are the bottom layer.",
      from: { path: "^src/domain/" },
      to: { path: "^(src|queues)/", pathNot: "^src/domain/" },
    },
    {
      name: "no-test-code-in-the-product",
      severity: "error",
      comment:
        "What ships (src, queues) does not load tests, benchmarks or fixtures; src/eval is a lab tool.",
      from: { path: "^(src|queues)/", pathNot: "^src/eval/" },
      to: { path: "^(test|bench|fixtures)/" },
    },
  ],
  options: {
    includeOnly: "^(src|queues|test|bench|fixtures)/",
    exclude: { path: "\\.test\\.ts$" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".mjs", ".cjs", ".js", ".json"] },
  },
};
