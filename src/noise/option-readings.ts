/**
 * What OCR reads on tick-box option rows (data/option-readings.json, with the measured model): the characters a
 * drawn box glued to its label comes out as, and the misreadings of option words. The checkbox reader asks here
 * instead of keeping character tables of its own.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { noiseModel } from "./model.ts";

const OptionReadings = z.object({
  about: z.string(),
  boxBeforeLabel: z.array(z.string()),
  inLabel: z.record(z.string(), z.array(z.string())),
});

interface Loaded {
  box: Set<string>;
  fold: Map<string, string>;
}

let loaded: Loaded | null = null;

function data(): Loaded {
  if (loaded) return loaded;
  const d = OptionReadings.parse(
    JSON.parse(readFileSync(new URL("./data/option-readings.json", import.meta.url), "utf8")),
  );
  const fold = new Map<string, string>();
  for (const [printed, reads] of Object.entries(d.inLabel)) for (const r of reads) fold.set(r, printed);
  loaded = { box: new Set(d.boxBeforeLabel), fold };
  return loaded;
}

/** A character OCR prints for a drawn box in front of an option's label, as seen on option rows. A candidate
 * only: the pixels say whether a box is there. */
export function isBoxReading(ch: string): boolean {
  return data().box.has(ch);
}

/** The printed character an option word's misreading stands for (台 → 合), or the character itself. */
export function optionCharOf(ch: string): string {
  return data().fold.get(ch) ?? ch;
}

/** Whether OCR has ever been seen reading a drawn box as `ch`: on option rows, or in the measured model (既 妇 研 …,
 * each a box now and then). A square read as any other character is printed text. */
export function mayBeBoxReading(ch: string): boolean {
  return data().box.has(ch) || noiseModel().boxShare(ch) > 0;
}
