import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { confusions, MARK_SHARE } from "../../src/noise/confusions.ts";
import { engineNoise } from "../../src/noise/model.ts";

/**
 * Issue 25: src/parse holds no hand-written look-alike punctuation class; the parser asks the measured noise model
 * (confusions().classOf) for what a printed mark is read as. This scan finds a character class (or an alternation
 * of single characters) that lists a printed mark together with one of its measured misreadings: : with ; (or ；),
 * a dash with 一, ” with ", ) with l … It leaves alone what is a format choice or a list of punctuation:
 * - width forms (: ：, - －) are one character to the model, so [:：] is no look-alike class;
 * - a class holding two or more characters besides the look-alikes (joined by measured pairs) is a list of
 *   punctuation a form prints (separators, what is stripped at a value's ends: [:：。，,；;], [\s:：(（"“]), not a
 *   look-alike table;
 * - straight and curly quotes are both printed: no look-alikes here;
 * - ranges (0-9, \u4e00-\u9fa5, ０-９) and escapes (\s, \d, \p{…}) are no listed characters.
 */
const MAX_OTHERS = 1;

/** Quotation marks: straight and curly quotes are both printed (a format choice), whatever OCR makes of them. */
const QUOTE = /^[\p{Pi}\p{Pf}"'＂＇]$/u;

/** (printed mark, misreading) pairs measured at MARK_SHARE or more, in NFKC form; quotes aside. */
function measuredPairs(): [string, string][] {
  const look = confusions();
  const pairs: [string, string][] = [];
  for (const t of Object.keys(engineNoise().sub)) {
    if (/[\p{L}\p{N}]/u.test(t)) continue;
    for (const r of look.classOf(t, { misreadOnly: true })) {
      const n = r.normalize("NFKC");
      if (n !== t.normalize("NFKC") && !(QUOTE.test(t) && QUOTE.test(n)))
        pairs.push([t.normalize("NFKC"), n]);
    }
  }
  return [...new Map(pairs.map((p) => [p.join(""), p])).values()];
}

/** The characters a class body lists, NFKC: escapes decoded or dropped, range ends and operators dropped. */
function members(body: string): Set<string> {
  const out = new Set<string>();
  const chars: string[] = [];
  const literal: boolean[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== "\\") {
      chars.push(ch);
      literal.push(false);
      continue;
    }
    // \\uXXXX in a string that builds a regex, \uXXXX in a literal; \s \d \w \p{…} name no character.
    const u = /^\\{1,2}u([0-9a-fA-F]{4})/.exec(body.slice(i));
    if (u) {
      chars.push(String.fromCharCode(Number.parseInt(u[1] as string, 16)));
      literal.push(true);
      i += u[0].length - 1;
      continue;
    }
    const esc = /^\\{1,2}(p\{[^}]*\}|.)/.exec(body.slice(i));
    const name = esc?.[1] ?? "";
    if (name.length === 1 && !/[a-zA-Z]/.test(name)) {
      chars.push(name);
      literal.push(true);
    }
    i += (esc?.[0].length ?? 1) - 1;
  }
  for (let k = 0; k < chars.length; k++) {
    const isRange = chars[k] === "-" && !literal[k] && k > 0 && k < chars.length - 1;
    if (isRange || (chars[k + 1] === "-" && !literal[k + 1] && k + 2 < chars.length)) continue;
    if (chars[k - 1] === "-" && !literal[k - 1] && k >= 2) continue;
    out.add((chars[k] as string).normalize("NFKC"));
  }
  return out;
}

/** Each look-alike class written out in a source text: [line, class, pair]. */
function handWrittenLookAlikes(source: string): [number, string, string][] {
  const pairs = measuredPairs();
  const found: [number, string, string][] = [];
  source.split("\n").forEach((line, i) => {
    const classes = [...line.matchAll(/(?<!\\)\[\^?((?:\\.|[^\]\\])+)\]/g)].map((m) => m[1] as string);
    for (const body of classes) {
      if (body.includes("${")) continue;
      const set = members(body);
      const inSet = pairs.filter(([t, r]) => set.has(t) && set.has(r));
      const alike = new Set(inSet.flat());
      if (inSet.length > 0 && set.size - alike.size <= MAX_OTHERS)
        found.push([i + 1, body, inSet.map((p) => p.join("→")).join(" ")]);
    }
    // An alternation's single characters (至|到|—|-{1,2}|一) are choices of one token, never a list of punctuation:
    // any measured pair among them is a look-alike table.
    for (const group of line.matchAll(/\(\?:([^()]*)/g)) {
      const singles = (group[1] as string)
        .split("|")
        .map((alt) => /^(\\{0,2}[^\\\s]|\\{1,2}u[0-9a-fA-F]{4})(?:\{\d(?:,\d?)?\}|[+?*])?$/.exec(alt)?.[1])
        .filter((x): x is string => x !== undefined);
      const set = new Set(singles.flatMap((x) => [...members(x)]));
      const inSet = pairs.filter(([t, r]) => set.has(t) && set.has(r));
      if (inSet.length > 0) found.push([i + 1, singles.join("|"), inSet.map((p) => p.join("→")).join(" ")]);
    }
  });
  return found;
}

function* sources(dir: string): Generator<string> {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (p.endsWith(".ts")) yield p;
  }
}

describe("no hand-written look-alike punctuation class in the parser", () => {
  it("finds the look-alike classes the parser used to write out, and passes format choices", () => {
    // Before issue 25: a label's colon with its misreading, an empty cell's dash read as 一, a range's dashes.
    expect(handWrittenLookAlikes("const ROLE_AT = /(组长)\\s*([:：;；])?/g;")).toHaveLength(1);
    expect(
      handWrittenLookAlikes("const CHINESE_TWIN = /^\\s*[\\u4e00-\\u9fa5]{2,8}(?=\\s*[:：;；\\t])/;"),
    ).toHaveLength(1);
    expect(handWrittenLookAlikes("const SEP = /^(?:—|–|-|－|一)/;")).toHaveLength(1);
    expect(handWrittenLookAlikes('const T = "[-一]";')).toHaveLength(1);
    // Width forms, ranges, numerals and lists of punctuation are no look-alike tables.
    for (const ok of [
      "/[:：]/",
      "/[-－]?\\d/",
      "/[0-9０-９一二三四五六七八九十]{1,3}/",
      "/[、，,；;\\s\\t]+/",
      '/[\\s。，,；;:："”)）]+$/',
      "/^\\s*[^:：。，,；;\\s][^:：。，,；;]{0,11}[:：]/",
      '/[\\u4e00-\\u9fa5A-Za-z"“《]/',
      "/^[\\u4e00-\\u9fa5]{1,10}/",
    ])
      expect(handWrittenLookAlikes(ok), ok).toEqual([]);
  });

  it("src/parse and src/lexicon write out none: their classes come from confusions().classOf", () => {
    const found: string[] = [];
    for (const dir of ["src/parse", "src/lexicon"])
      for (const file of sources(dir))
        for (const [line, body, pair] of handWrittenLookAlikes(readFileSync(file, "utf8")))
          found.push(`${file}:${line} [${body}] (${pair})`);
    expect(found).toEqual([]);
  });
});

describe("the measured classes the parser reads punctuation with", () => {
  const look = confusions();

  it("a colon: : and ： as printed, ; and ； as OCR reads it (2.3% of its readings)", () => {
    expect(look.classOf(":").sort()).toEqual([":", ";", "：", "；"].sort());
    expect(look.classOf(":", { misreadOnly: true }).sort()).toEqual([";", "；"].sort());
    expect(look.share(":", ";")).toBeGreaterThanOrEqual(MARK_SHARE);
  });

  it("a dash: 一 read for - and —, not . (1.6%) nor 口", () => {
    expect(look.classOf("-")).toContain("一");
    expect(look.classOf("—")).toContain("一");
    expect(look.classOf("-")).not.toContain(".");
    expect(look.classOf("—")).not.toContain("口");
  });

  it("a clause's dot between digits: , at any measured share of marks", () => {
    expect(look.classOf(".", { minShare: 0.001, kinds: ["mark"] })).toContain(",");
    expect(look.classOf(".", { kinds: ["mark"] }).sort()).toEqual([".", "．"].sort());
  });
});
