import type { Flag } from "../domain/flag.ts";

/** blocked: a high flag nobody has decided; pending: a medium one; cleared: every high and medium flag
 * confirmed or dismissed (low notes inform, they do not hold a report up). */
export type ReportState = "blocked" | "pending" | "cleared";
export const REPORT_STATES: readonly ReportState[] = ["blocked", "pending", "cleared"];

export function reportState(flags: readonly Flag[], decided: (i: number) => boolean): ReportState {
  let state: ReportState = "cleared";
  flags.forEach((f, i) => {
    if (decided(i)) return;
    if (f.severity === "high") state = "blocked";
    else if (f.severity === "medium" && state === "cleared") state = "pending";
  });
  return state;
}
