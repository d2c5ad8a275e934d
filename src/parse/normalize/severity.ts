import { NC_SEVERITY } from "../../lexicon/nc-counts.ts";
import { matchForm } from "../text/chars.ts";
import { anyWord } from "../text/pattern.ts";

const MAJOR = anyWord([...NC_SEVERITY.major, ...NC_SEVERITY.majorEn]);
const MINOR = anyWord([...NC_SEVERITY.minor, ...NC_SEVERITY.minorEn]);

/** The kind of nonconformity a text names (src/lexicon/nc-counts.ts): 严重/重大 major, 轻微/一般/次要 minor. */
export function severityOf(text: string): "major" | "minor" | null {
  const f = matchForm(text);
  if (MAJOR.test(f)) return "major";
  if (MINOR.test(f)) return "minor";
  return null;
}

/** Both kinds named in one text (□严重 □一般 printed as options): the words alone say nothing of which was chosen. */
export function namesBothKinds(text: string): boolean {
  const f = matchForm(text);
  return MAJOR.test(f) && MINOR.test(f);
}
