/**
 * How a report prints its audit time in auditor-days (审核人日, 审核时间 N 人日, 现场审核共计 N 人日, a per-system
 * table with a 合计 row). Data only; src/parse/fields/auditor-days.ts reads it.
 */
export const AUDITOR_DAYS = {
  /** Labels of the figure itself. */
  labels: [
    "审核人日",
    "审核人日数",
    "人日数",
    "审核总人日",
    "审核工作量",
    "Auditor days",
    "Auditor-days",
    "Audit man-days",
  ],
  /** Units written after the number. */
  units: ["人日", "人·日", "人天", "auditor-days", "auditor days", "man-days"],
  /** Units of a figure stated in a sentence (现场审核共投入6个审核人日), kept apart from the form's units above. */
  proseUnits: ["个审核人日", "个人日"],
  /** Words that make a figure the total of parts (per system, per stage) printed beside it. */
  totals: ["合计", "共计", "总计", "总共", "累计", "Total"],
} as const;
