/**
 * How GB/T 2260 administrative divisions end (the division list itself comes from an npm package), and the zones
 * whose names end like a district's but are none (新区, 开发区). Data only; src/parse/normalize/divisions.ts reads it.
 */

/** Endings of a division's name, stripped to give its short form (合肥市 → 合肥). */
export const DIVISION_ENDINGS: readonly string[] = ["省", "市", "区", "县", "自治州", "地区", "盟"];

/** Endings of a division that owns counties: a city, prefecture, league or district. */
export const COUNTY_OWNER_ENDINGS: readonly string[] = ["市", "州", "盟", "区"];

/** Endings of a county-level name as an address writes it (高新区, 肥西县). */
export const COUNTY_ENDINGS: readonly string[] = ["区", "县"];

/** Zones, not divisions, though their names end in 区. */
export const ZONE_ENDINGS: readonly string[] = [
  "新区",
  "开发区",
  "园区",
  "工业区",
  "商务区",
  "试验区",
  "示范区",
  "保税区",
  "景区",
  "片区",
  "街区",
  "社区",
  "小区",
  "厂区",
  "校区",
];
