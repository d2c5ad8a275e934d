import { matchForm } from "../text/chars.ts";

/** The kind of nonconformity a text names: 严重/重大 major, 轻微/一般/次要 minor. */
export function severityOf(text: string): "major" | "minor" | null {
  const f = matchForm(text);
  if (/严重|重大|major/i.test(f)) return "major";
  if (/轻微|一般|次要|minor/i.test(f)) return "minor";
  return null;
}
