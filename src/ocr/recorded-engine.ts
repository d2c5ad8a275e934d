/**
 * Which engine made a folder of OCR recordings (`engine.json` beside them). A replay serves what was recorded,
 * whatever engine the configuration names, so a run names the recording's engine; recording into a folder
 * another engine filled would mix two engines' readings under one name, so it is refused.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { EnvironmentError } from "../domain/errors.ts";

const EngineId = z.enum(["tesseract", "paddle"]);
export type EngineId = z.infer<typeof EngineId>;
const Manifest = z.object({ engine: EngineId });

const manifestPath = (dir: string) => path.join(dir, "engine.json");

/** The engine named by the folder's manifest, or null for a folder without one (recorded before manifests). */
export function recordedEngine(dir: string): EngineId | null {
  const file = manifestPath(dir);
  if (!existsSync(file)) return null;
  const parsed = Manifest.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    throw new EnvironmentError(
      "CONFIG_INVALID",
      `${file} does not name an OCR engine`,
      'write {"engine":"tesseract"}',
    );
  }
  return parsed.data.engine;
}

/** The engine a run replaying (and perhaps recording into) `dir` uses; writes the manifest when recording starts
 * a folder. */
export function replayEngine(dir: string, configured: EngineId, recording: boolean): EngineId {
  const recorded = recordedEngine(dir);
  if (recorded === null) {
    if (recording) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(manifestPath(dir), `${JSON.stringify({ engine: configured })}\n`);
    }
    return configured;
  }
  if (recording && recorded !== configured) {
    throw new EnvironmentError(
      "CONFIG_INVALID",
      `the OCR recordings in ${dir} were made by ${recorded}; recording ${configured} there would mix engines`,
      `record into another folder, or set "ocr": { "engine": "${recorded}" }`,
    );
  }
  return recorded;
}
