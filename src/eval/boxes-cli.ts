/** npx tsx src/eval/boxes-cli.ts --set SETDIR --records OUTDIR [--list]
 * Box outcomes (right / wrong / unclear / not found) by how the generator drew each box: its pen, speck, frame wear,
 * frame (square, brackets …) and mark; with --list, every box not read right, so a class of misses can be looked at. */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type BoxOutcome, boxOutcomes } from "./boxes.ts";
import { loadManifest, loadTruth, OutputFolder } from "./load.ts";
import type { TruthBox } from "./truth.ts";

const { values } = parseArgs({
  options: {
    set: { type: "string" },
    records: { type: "string" },
    list: { type: "boolean", default: false },
  },
});
if (!values.set || !values.records) {
  console.error("usage: boxes-cli --set SETDIR --records OUTDIR [--list]");
  process.exit(2);
}

/** The classes a box falls in: every box counts under its frame, and under its pen, speck and wear when it has them. */
function classes(t: TruthBox): string[] {
  const out = [`frame:${t.frame ?? "square"}`, `state:${t.state}`];
  if (t.pen) out.push(`pen:${t.pen}`);
  else if (t.state === "checked") out.push(`mark:${t.mark ?? "none"}`);
  if (t.speck) out.push("speck");
  if (t.wear) out.push(`wear:${t.wear}`);
  return out;
}

const tally = new Map<string, Record<BoxOutcome, number>>();
const add = (k: string, o: BoxOutcome) => {
  const row = tally.get(k) ?? { correct: 0, wrong: 0, unclear: 0, notFound: 0 };
  row[o]++;
  tally.set(k, row);
};
const folder = new OutputFolder(values.records);
const listed: string[] = [];
let spurious = 0;
for (const doc of loadManifest(values.set)) {
  const truth = loadTruth(join(values.set, doc.truth));
  const { outcomes, spurious: extra } = boxOutcomes(truth, folder.get(doc.file).record);
  spurious += extra.length;
  for (const { truth: t, option, outcome } of outcomes) {
    add("all", outcome);
    for (const k of classes(t)) add(k, outcome);
    if (outcome !== "correct")
      listed.push(
        `${outcome.padEnd(8)} ${doc.file} p${t.page} [${t.bbox.join(",")}] ${t.group} "${t.label}" truth=${t.state} ${classes(t).join(" ")}${option ? ` read=${option.state} conf=${option.confidence}` : ""}`,
      );
  }
}
console.log("class                      right  wrong unclear notfound");
for (const [k, r] of [...tally].sort(([a], [b]) => (a === "all" ? -1 : b === "all" ? 1 : a.localeCompare(b))))
  console.log(
    `${k.padEnd(26)} ${String(r.correct).padStart(5)} ${String(r.wrong).padStart(6)} ${String(r.unclear).padStart(7)} ${String(r.notFound).padStart(8)}`,
  );
console.log(`spurious options: ${spurious}`);
if (values.list) for (const l of listed) console.log(l);
