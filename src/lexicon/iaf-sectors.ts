/**
 * IAF/EA scope sectors 1–39 (IAF ID 1; EA-1/22), the first two digits of a CCAA technical-area code
 * (专业代码 33.03.01 is sector 33, information technology), with the Chinese names of the CCAA business-scope
 * table (认证机构认证业务范围分类表). Public classification, kept as data.
 *
 * `broad`: sectors that gather unrelated trades (35 other services holds tender agencies, property management,
 * security guards and labour dispatch alike): a report's code in one of them says nothing about which of those
 * trades is its own, so SCOPE-FOREIGN-TEXT matches such industries by class (src/lexicon/industries.ts), never by
 * sector.
 */
export interface IafSector {
  readonly code: number;
  readonly zh: string;
  readonly en: string;
  readonly broad?: boolean;
}

export const IAF_SECTORS: readonly IafSector[] = [
  { code: 1, zh: "农业、林业和渔业", en: "Agriculture, forestry and fishing" },
  { code: 2, zh: "采矿业及采石业", en: "Mining and quarrying" },
  { code: 3, zh: "食品、饮料和烟草", en: "Food products, beverages and tobacco" },
  { code: 4, zh: "纺织品及纺织产品", en: "Textiles and textile products" },
  { code: 5, zh: "皮革及皮革制品", en: "Leather and leather products" },
  { code: 6, zh: "木材及木制品", en: "Wood and wood products" },
  { code: 7, zh: "纸浆、纸及纸制品", en: "Pulp, paper and paper products" },
  { code: 8, zh: "出版业", en: "Publishing companies" },
  { code: 9, zh: "印刷业", en: "Printing companies" },
  { code: 10, zh: "焦炭及精炼石油制品", en: "Manufacture of coke and refined petroleum products" },
  { code: 11, zh: "核燃料", en: "Nuclear fuel" },
  { code: 12, zh: "化学品、化学制品及纤维", en: "Chemicals, chemical products and fibres" },
  { code: 13, zh: "医药品", en: "Pharmaceuticals" },
  { code: 14, zh: "橡胶和塑料制品", en: "Rubber and plastic products" },
  { code: 15, zh: "非金属矿物制品", en: "Non-metallic mineral products" },
  { code: 16, zh: "混凝土、水泥、石灰、石膏等", en: "Concrete, cement, lime, plaster etc." },
  { code: 17, zh: "基础金属及金属制品", en: "Basic metals and fabricated metal products" },
  { code: 18, zh: "机械及设备", en: "Machinery and equipment" },
  { code: 19, zh: "电子、电气及光学设备", en: "Electrical and optical equipment" },
  { code: 20, zh: "造船", en: "Shipbuilding" },
  { code: 21, zh: "航空航天", en: "Aerospace" },
  { code: 22, zh: "其他运输设备", en: "Other transport equipment" },
  { code: 23, zh: "其他未分类的制造业", en: "Manufacturing not elsewhere classified", broad: true },
  { code: 24, zh: "废旧物资的回收利用", en: "Recycling" },
  { code: 25, zh: "电力供应", en: "Electricity supply" },
  { code: 26, zh: "燃气供应", en: "Gas supply" },
  { code: 27, zh: "水供应", en: "Water supply" },
  { code: 28, zh: "建设", en: "Construction" },
  {
    code: 29,
    zh: "批发及零售；汽车、摩托车、个人及家庭用品的修理",
    en: "Wholesale and retail trade; repair of motor vehicles, motorcycles and personal and household goods",
    broad: true,
  },
  { code: 30, zh: "宾馆及餐馆", en: "Hotels and restaurants" },
  { code: 31, zh: "运输、仓储及通信", en: "Transport, storage and communication" },
  { code: 32, zh: "金融、房地产、出租", en: "Financial intermediation; real estate; renting" },
  { code: 33, zh: "信息技术", en: "Information technology" },
  { code: 34, zh: "科技服务", en: "Engineering services" },
  { code: 35, zh: "其他服务", en: "Other services", broad: true },
  { code: 36, zh: "公共行政管理", en: "Public administration" },
  { code: 37, zh: "教育", en: "Education" },
  { code: 38, zh: "卫生保健与社会公益事业", en: "Health and social work" },
  { code: 39, zh: "其他社会服务", en: "Other social services", broad: true },
];

/** The IAF sector of a CCAA technical-area code as printed (33.03.01, 28.04.02, 35.15): its first number. */
export function iafSectorOf(code: string): number | null {
  const m = /^\s*(\d{1,2})(?:[.．]\d{1,2}){1,2}\s*$/.exec(code.normalize("NFKC"));
  if (!m) return null;
  const n = Number(m[1]);
  return IAF_SECTORS.some((s) => s.code === n) ? n : null;
}
