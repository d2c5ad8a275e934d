import { HALF_DAY } from "../lexicon/narrative.ts";
/** ISO-date arithmetic on "YYYY-MM-DD" strings, in UTC so a server's time zone never shifts a day. */

export function toUtc(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Date.UTC(y!, m! - 1, d!);
}

export function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * 86_400_000);
}

export function dayNumber(iso: string): number {
  return Math.round(toUtc(iso) / 86_400_000);
}

/** Calendar months later, clamped to the month's last day (2023-01-31 + 1 month = 2023-02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const index = y! * 12 + (m! - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(d!, last)));
}

/** Year*12 + month index, for month-granular comparisons ("2023年4月"). */
export function monthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

export function monthIndexOf(iso: string): number {
  const [y, m] = iso.split("-").map(Number);
  return monthIndex(y!, m!);
}

export type Half = "上午" | "下午";

/** The half day a printed start or end falls in: "8:30:00 上午" or "上午" → 上午, "12:30" or "下午" → 下午.
 * For a range ("…上午至…下午") the start reads the part before 至, the end the part after. */
export function halfOf(raw: string | null, which: "start" | "end"): Half | null {
  if (!raw) return null;
  const parts = raw.normalize("NFKC").split(new RegExp(HALF_DAY.rangeSeparators.join("|")));
  const part = (which === "start" ? parts[0] : parts[parts.length - 1]) ?? "";
  const time = part.match(/(\d{1,2})[:：](\d{2})/);
  if (time) {
    const hour = Number(time[1]);
    const pm = hour < 12 && HALF_DAY.afternoon.some((w) => part.toUpperCase().includes(w));
    return hour >= 12 || pm ? "下午" : "上午";
  }
  if (HALF_DAY.morning.some((w) => part.includes(w))) return "上午";
  if (HALF_DAY.afternoon.some((w) => part.includes(w))) return "下午";
  return null;
}

/** Half-day slot index: two per calendar day, so intervals of half days compare as integers. */
export function slot(iso: string, half: Half | null, which: "start" | "end"): number {
  const h = half ?? (which === "start" ? "上午" : "下午");
  return dayNumber(iso) * 2 + (h === "下午" ? 1 : 0);
}

export function formatHalf(iso: string, half: Half | null): string {
  return half ? `${iso} ${half}` : iso;
}
