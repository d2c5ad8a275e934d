/** npx tsx src/eval/errors-cli.ts [--report out/eval/report.json] [--records out/eval/run] [--field <prefix>]
 * Lists every field an eval run did not get right (see errors.ts), from the report and the output folder the
 * run left behind: no pipeline work, so it can be rerun with another --field at once. */
import { parseArgs } from "node:util";
import { formatFieldErrors } from "./errors.ts";
import { OutputFolder } from "./load.ts";
import { readReport } from "./report-file.ts";

const { values } = parseArgs({
  options: {
    report: { type: "string", default: "out/eval/report.json" },
    records: { type: "string", default: "out/eval/run" },
    field: { type: "string" },
  },
});
console.log(formatFieldErrors(readReport(values.report!), new OutputFolder(values.records!), values.field));
