/** County-level divisions (GB/T 2260, from @vant/area-data) as a check on addresses OCR misread. An address
 * names its city and then one of that city's few districts or counties (长沙市岳麓区): where the characters
 * after the city are no division of it, and exactly one division differs from them only in characters the
 * engine read unclearly (agreeing on the clear ones and on the suffix 区/县/市), that division is what was
 * printed. A street named after its district (岳麓大道) gets the same repair where it was misread the same way.
 * A district read right does not stop that repair of the street (a second look may have repaired only the first).
 * Two divisions fitting equally (淮北区: 渝北区 or 江北区) leave the reading as it is. */
import { areaList } from "@vant/area-data";
import {
  COUNTY_ENDINGS,
  COUNTY_OWNER_ENDINGS,
  DIVISION_ENDINGS,
  ZONE_ENDINGS,
} from "../../lexicon/divisions.ts";
import { alternation } from "../text/pattern.ts";
import { CLEAR } from "../text/vote.ts";

const OWNER_END = new RegExp(`(?:${alternation(COUNTY_OWNER_ENDINGS)})$`);
const COUNTY_NAME = new RegExp(`^[\\u4e00-\\u9fa5]{1,4}?(?:${alternation(COUNTY_ENDINGS)})`, "u");
const ZONE_END = new RegExp(`(?:${alternation(ZONE_ENDINGS)})$`, "u");
const DIVISION_END = new RegExp(`(?:${alternation(DIVISION_ENDINGS)})$`);

let byCity: Map<string, string[]> | null = null;

function divisions(): Map<string, string[]> {
  if (byCity) return byCity;
  const map = new Map<string, string[]>();
  const add = (owner: string | undefined, county: string) => {
    if (!owner || owner.length < 2 || !OWNER_END.test(owner)) return;
    map.set(owner, [...(map.get(owner) ?? []), county]);
  };
  for (const [code, county] of Object.entries(areaList.county_list)) {
    add(areaList.city_list[`${code.slice(0, 4)}00`], county);
    // Municipalities: 重庆市渝北区 names the province-level city.
    add(areaList.province_list[`${code.slice(0, 2)}0000`], county);
  }
  for (const [k, v] of map) map.set(k, [...new Set(v)]);
  byCity = map;
  return map;
}

/** Positions where a candidate differs from the reading; null when it differs at a clear character. */
function unclearDiffs(
  chars: readonly string[],
  confs: readonly number[],
  at: number,
  cand: string,
): number[] | null {
  const c = [...cand];
  if (at + c.length > chars.length) return null;
  const diffs: number[] = [];
  for (let i = 0; i < c.length; i++) {
    if (chars[at + i] === c[i]) continue;
    if ((confs[at + i] ?? 1) >= CLEAR) return null;
    diffs.push(at + i);
  }
  return diffs;
}

/** The address with its district (and the district's name where repeated) repaired, or null when nothing
 * needs or allows a repair. `confs` holds each character's OCR confidence. */
export function repairDivision(chars: readonly string[], confs: readonly number[]): string[] | null {
  const text = chars.join("");
  const out = [...chars];
  let changed = false;
  for (const [city, counties] of divisions()) {
    for (let p = text.indexOf(city); p >= 0; p = text.indexOf(city, p + 1)) {
      const at = [...text.slice(0, p + city.length)].length;
      const rest = text.slice(p + city.length);
      const asRead = counties.find((c) => rest.startsWith(c));
      if (asRead) {
        changed = repairStem(out, confs, at, [...asRead]) || changed;
        continue;
      }
      const fits = counties
        .map((c) => ({ c, d: unclearDiffs(chars, confs, at, c) }))
        .filter((f): f is { c: string; d: number[] } => {
          if (!f.d || f.d.length === 0) return false;
          const n = [...f.c].length;
          // The suffix must be read as printed, and at least one character of the name besides.
          return !f.d.includes(at + n - 1) && f.d.length < n - 1;
        });
      const fewest = Math.min(...fits.map((f) => f.d.length));
      const best = fits.filter((f) => f.d.length === fewest);
      if (best.length !== 1) continue;
      const county = [...best[0]!.c];
      county.forEach((ch, i) => {
        out[at + i] = ch;
      });
      changed = true;
      repairStem(out, confs, at, county);
    }
  }
  return changed ? out : null;
}

/** The district's name where the address repeats it (岳麓区岳麓大道), misread in unclear characters only and
 * in fewer than all of them. True when something changed. */
function repairStem(out: string[], confs: readonly number[], at: number, county: readonly string[]): boolean {
  const stem = county.slice(0, -1);
  if (stem.length < 2) return false;
  let changed = false;
  for (let q = at + county.length; q + stem.length <= out.length; q++) {
    const d = unclearDiffs(out, confs, q, stem.join(""));
    if (!d || d.length === 0 || d.length >= stem.length) continue;
    stem.forEach((ch, i) => {
      out[q + i] = ch;
    });
    changed = true;
  }
  return changed;
}

/** The district or county an address names right after its city when the city has no such division
 * (重庆市淮北区), else null. Only a name ending in 区 or 县 counts: a city may be followed by a street or a
 * town, and county-level cities (浏阳市) are left alone. */
export function unknownDivision(address: string): string | null {
  for (const [city, counties] of divisions()) {
    for (let p = address.indexOf(city); p >= 0; p = address.indexOf(city, p + 1)) {
      const rest = address.slice(p + city.length);
      if (counties.some((c) => rest.startsWith(c))) continue;
      const named = COUNTY_NAME.exec(rest)?.[0];
      // 新区/开发区 are zones, not divisions, and no division's name is left unread here.
      if (named && !ZONE_END.test(named)) return named;
    }
  }
  return null;
}

/** The county an address names right after this city, if it is one of the city's. */
function countyAfter(address: string, city: string, counties: readonly string[]): string | null {
  for (let p = address.indexOf(city); p >= 0; p = address.indexOf(city, p + 1)) {
    const rest = address.slice(p + city.length);
    const county = counties.find((c) => rest.startsWith(c));
    if (county) return county;
  }
  return null;
}

/**
 * An address naming a district its city does not have (重庆市洽北区金开大道16号), where another address of the same
 * report names a district of that city differing in one character, suffix aside (重庆市渝北区金开大道382号): that
 * district, the organisation's other site being the best witness of which of the city's look-alikes (渝北区, 江北区)
 * was printed. Null when no single sibling district fits.
 */
export function districtFromSiblings(address: string, siblings: readonly string[]): string | null {
  const named = unknownDivision(address);
  if (named === null) return null;
  for (const [city, counties] of divisions()) {
    const at = address.indexOf(city + named);
    if (at < 0) continue;
    const fits = new Set(
      siblings
        .map((s) => countyAfter(s, city, counties))
        .filter((c): c is string => c !== null && c.length === named.length && c.at(-1) === named.at(-1))
        .filter((c) => [...c].filter((ch, i) => ch !== [...named][i]).length === 1),
    );
    if (fits.size !== 1) return null;
    const county = [...fits][0]!;
    const from = at + city.length;
    return address.slice(0, from) + county + address.slice(from + named.length);
  }
  return null;
}

let names: string[] | null = null;

/** Whether `text` starts with the name of a province, city or county (with or without its 省/市/区/县). */
export function startsWithDivision(text: string): boolean {
  if (!names) {
    const all = [
      ...Object.values(areaList.province_list),
      ...Object.values(areaList.city_list),
      ...Object.values(areaList.county_list),
    ];
    const short = all.map((n) => n.replace(DIVISION_END, ""));
    names = [...new Set([...all, ...short])].filter((n) => [...n].length >= 2);
  }
  return names.some((n) => text.startsWith(n));
}
