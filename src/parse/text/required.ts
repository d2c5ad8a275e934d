import {
  REQUIRED_ITEM_IDS,
  type RequiredItemId,
  requiredLabelsOf,
  requiredPatternsOf,
} from "../../lexicon/required.ts";
import { findLabels } from "./labels.ts";
import type { DocLine } from "./lines.ts";

/** The 17021-1 9.4.8 items whose label or wording appears anywhere in the document (cover, tables and sections
 * alike), words matched as labels are (OCR slips forgiven by length). REQ-MISSING never calls such an item
 * absent: printed but not read is could-not-check. */
export function requiredPrinted(lines: readonly DocLine[]): RequiredItemId[] {
  const compacted = lines.map((l) => l.text.normalize("NFKC").replace(/\s+/g, ""));
  return REQUIRED_ITEM_IDS.filter(
    (id) =>
      findLabels(lines, requiredLabelsOf(id)).length > 0 ||
      requiredPatternsOf(id).some((p) => compacted.some((t) => p.test(t))),
  );
}
