/**
 * Characters tesseract's chi_sim model reads for a character of a person's name, confidently and alike at every
 * place a report prints the name, so that voting across the report cannot mend them; Chinese names do not use
 * them in that place. Seen on generated reports (fixture set and unseen seeds 99 to 777): 昊 read 吴 (吕明昊,
 * 郭昊伟, 王昊宁), 涵 read 酒 (冯涵, 谢军涵), 曾 read 会 or 會; the second look's notes add 磊 read 舌 and 鑫 read 侈.
 * 吴 is a surname, so only a given name's 吴 is a misread; 会 is no surname in use.
 */
const GIVEN_NAME_MISREADS: ReadonlyMap<string, string> = new Map([
  ["吴", "昊"],
  ["酒", "涵"],
  ["舌", "磊"],
  ["侈", "鑫"],
]);
const SURNAME_MISREADS: ReadonlyMap<string, string> = new Map([
  ["会", "曾"],
  ["會", "曾"],
]);
/** A particle no name holds, which OCR puts into a name from a speck or a stroke (钟了宁磊 for 钟宁磊, seed 8888). */
const NEVER_IN_NAMES = /了/g;

/** The name with such misreads put back; names of two to four characters only (a surname and a given name). */
export function mendNameGlyphs(name: string): string {
  const kept = name.replace(NEVER_IN_NAMES, "");
  const chars = [...([...kept].length >= 2 ? kept : name)];
  if (chars.length < 2 || chars.length > 4) return name;
  return chars
    .map((ch, i) => (i === 0 ? SURNAME_MISREADS.get(ch) : GIVEN_NAME_MISREADS.get(ch)) ?? ch)
    .join("");
}
