import type { Field } from "../../domain/field.ts";
import { confusions } from "../../noise/confusions.ts";
import { chineseParens } from "../text/labels.ts";
import type { DocLine } from "../text/lines.ts";
import {
  type CharReading,
  CLEAR,
  compactReading,
  plainReading,
  type Reading,
  votePosition,
} from "../text/vote.ts";

const isHan = (c: string) => /[\u4e00-\u9fff]/.test(c);

export interface SpellingVote {
  value: string;
  /** Lowest confidence of a chosen character (1 when nothing but clear readings were seen). */
  weakest: number;
  /** Best confidence of each chosen character; null when the text holds no reading of the value. */
  confs: number[] | null;
}

/** A long value (an organisation, an address) as the document prints it. Every place the text holds a run of
 * the same length that differs from the value in at most `maxDiff` Chinese characters (digits, letters and
 * punctuation must agree: 27栋 and 28栋 are two buildings) is a reading of it; each character is voted on
 * (text/vote.ts), a tie keeps the value's own spelling. */
export function voteSpellingOf(
  value: string,
  texts: readonly (string | Reading)[],
  maxDiff: number,
): SpellingVote {
  const v = [...value];
  const L = v.length;
  const unchanged = { value, weakest: 1, confs: null };
  if (L < 6) return unchanged;
  const windows: CharReading[][] = [];
  for (const t of texts) {
    const r = typeof t === "string" ? plainReading(t) : t;
    // Brackets as the value prints them (one character for one: positions stay aligned).
    const c = [...chineseParens(r.chars.join(""))];
    for (let i = 0; i + L <= c.length; i++) {
      let diff = 0;
      for (let j = 0; j < L && diff <= maxDiff; j++) {
        if (c[i + j] === v[j]) continue;
        if (!isHan(v[j]!) || !isHan(c[i + j]!)) diff = maxDiff + 1;
        else diff++;
      }
      if (diff <= maxDiff) windows.push(c.slice(i, i + L).map((ch, j) => ({ ch, conf: r.confs[i + j]! })));
    }
  }
  if (windows.length === 0) return unchanged;
  let weakest = 1;
  const confs: number[] = [];
  const out = v.map((own, j) => {
    // The value itself is not a reading of its own (it is one of the windows): it only breaks ties. A character
    // of it read clearly somewhere stays: another place printing another character clearly is another word
    // (服务/业务 in the narrative), not a misread.
    const readings = windows.map((w) => w[j]!);
    const mine = readings
      .filter((r) => r.ch === own)
      .reduce<CharReading>((a, r) => (r.conf > a.conf ? r : a), { ch: own, conf: -1 });
    const vote =
      mine.conf >= CLEAR
        ? { ch: own, conf: mine.conf, readable: true }
        : votePosition(
            { ch: own, conf: Math.max(0, mine.conf) },
            readings.filter((r) => r !== mine),
          );
    confs.push(vote.conf);
    if (isHan(own)) weakest = Math.min(weakest, vote.conf);
    return vote.ch;
  });
  return { value: out.join(""), weakest, confs };
}

/** A value voted over every line of the document (organisation, certification body, scope, sites). A value
 * with a character no clear reading supports keeps its spelling, with a lower confidence. `repair` may then
 * correct unclear characters from knowledge of what such a value can be (an address's district). */
export function voteField<T extends string | string[]>(
  field: Field<T>,
  lines: readonly DocLine[],
  maxDiff: (length: number) => number,
  repair?: (chars: readonly string[], confs: readonly number[]) => string[] | null,
): Field<T> {
  if (field.value === null) return field;
  const texts = lines.map(compactReading);
  let weakest = 1;
  const vote = (s: string) => {
    const r = voteSpellingOf(s, texts, maxDiff([...s].length));
    weakest = Math.min(weakest, r.weakest);
    const fixed = repair && r.confs ? repair([...r.value], r.confs) : null;
    return fixed ? fixed.join("") : r.value;
  };
  const value = (Array.isArray(field.value) ? field.value.map(vote) : vote(field.value)) as T;
  const changed = JSON.stringify(value) !== JSON.stringify(field.value);
  // A character only unclear readings support makes the whole value doubtful.
  const doubt = weakest < CLEAR ? 0.5 + 0.5 * weakest : 1;
  const confidence = Math.round(field.confidence * doubt * 1000) / 1000;
  if (!changed && confidence === field.confidence) return field;
  return { ...field, value, confidence, method: changed ? "derived" : field.method };
}

// Glyphs OCR takes for one another in codes, as the noise model measured them (O for 0, I for 1, …).
const look = confusions();
const confusable = (a: string, b: string) => look.confusable(a, b);

/** A code (a report number) voted over every place the document prints it (the header, the running footer of
 * each page): tokens of the same length that differ from it only in glyphs OCR confuses, at most two. */
export function voteCode(field: Field<string>, lines: readonly DocLine[]): Field<string> {
  if (field.value === null) return field;
  const v = [...field.value];
  const readings: CharReading[][] = [];
  for (const line of lines) {
    for (const t of line.text.matchAll(/[^\s\t]+/g)) {
      const word = [...t[0]];
      if (word.length !== v.length) continue;
      const d = word.flatMap((ch, i) => (ch === v[i] ? [] : [i]));
      if (d.length > 2 || !d.every((i) => confusable(word[i]!, v[i]!))) continue;
      readings.push(
        word.map((ch, i) => ({ ch, conf: line.charConfidences[t.index + i] ?? line.confidence })),
      );
    }
  }
  if (readings.length < 2) return field;
  const value = v
    .map((own, j) => {
      const rs = readings.map((r) => r[j]!);
      const mine = rs.find((r) => r.ch === own) ?? { ch: own, conf: 0 };
      return votePosition(
        mine,
        rs.filter((r) => r !== mine),
      ).ch;
    })
    .join("");
  return value === field.value ? field : { ...field, value, method: "derived" };
}
