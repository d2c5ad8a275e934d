/**
 * Management systems as a report names them outside its tick boxes: by the standards that specify them, in its
 * title (质量、环境和职业健康安全管理体系审核报告), and in a phrase that names the system being judged
 * (判断受审核方（质量管理体系）). A system's own names are its option words (src/lexicon/options.ts, group
 * `system`). Data only; src/parse/fields/systems.ts reads it.
 */

/** Standard numbers (GB/T and ISO share them) by the system they specify; 28001 and 23331 are withdrawn editions
 * some reports still cite. */
export const SYSTEM_STANDARDS: readonly { readonly code: string; readonly numbers: readonly string[] }[] = [
  { code: "QMS", numbers: ["19001", "9001"] },
  { code: "EMS", numbers: ["24001", "14001"] },
  { code: "OHSMS", numbers: ["45001", "28001"] },
  { code: "EnMS", numbers: ["23331", "50001"] },
  { code: "FSMS", numbers: ["22000"] },
  { code: "HACCP", numbers: ["27341"] },
  { code: "ISMS", numbers: ["27001"] },
  { code: "ITSMS", numbers: ["20000"] },
  { code: "EC", numbers: ["50430"] },
];

/** The words a title puts after the systems it lists, and what may follow them on the title line. */
export const SYSTEM_TITLE = {
  suffix: "管理体系",
  tails: ["认证审核报告", "审核报告"],
  /** Between the systems of a list: 质量、环境和职业健康安全. */
  joiners: ["、", ",", "，", "和", "及", "与"],
} as const;

/** 判断受审核方（…）: verbs and the object before the bracketed system being judged. */
export const JUDGED_SYSTEM = {
  verbs: ["判断", "评价", "确认"],
  object: "受审核方",
} as const;
