import type { Flag } from "../domain/flag.ts";
import { NARRATIVE_DATES } from "../lexicon/narrative.ts";
import { monthIndex, monthIndexOf } from "./calendar.ts";
import {
  fieldsIn,
  finding,
  innermostFirst,
  missingOf,
  narrativeCompact,
  type RuleDef,
  sectionEvidence,
  sectionInput,
  sectionLabel,
  snippet,
  unchecked,
} from "./context.ts";

/** DATE-NARRATIVE: dates the auditor wrote in the words of the report, against the implementation date
 * and the audit. Month granularity: "自2023年3月" agrees with an implementation on 2023-03-10. */

const W = NARRATIVE_DATES;
const established = new RegExp(
  `自(\\d{4})年(\\d{1,2})月(?:\\d{1,2}日)?(?:份)?[^，。；,;]{0,12}?(${W.sinceVerbs.join("|")})[^，。；,;]{0,4}?${W.since}`,
  "g",
);
const monthRange = /(\d{4})年(\d{1,2})月?[-—~～至到](?:(\d{4})年)?(\d{1,2})月/g;
const halfYear = new RegExp(`(\\d{4})年(?:度)?(${W.firstHalf}|${W.secondHalf})半年`, "g");
const fullDate = /(\d{4})(?:年|-)(\d{1,2})(?:月|-)(\d{1,2})日?/g;

function validMonth(m: number): boolean {
  return m >= 1 && m <= 12;
}

/** Dates the auditor wrote in the narrative: when the system was "established", which months statistics
 * cover, and any day after the audit. A claim contradicting the implementation date is a copy-paste sign. */
export const dateNarrative: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const missing = missingOf({ 体系实施时间: r.systemImplementedDate, 审核结束日期: r.auditEnd });
  if (r.sections.length === 0) missing.push("章节正文");
  if (r.sections.length === 0 || missing.length === 2) return [unchecked(ctx, "正文中的日期", missing)];
  const impl = r.systemImplementedDate.value;
  const implMonth = impl === null ? null : monthIndexOf(impl);
  const end = r.auditEnd.value;
  const endMonth = end === null ? null : monthIndexOf(end);
  const out: Flag[] = [];
  const seen = new Set<string>();
  for (const section of innermostFirst(r.sections)) {
    // 曰 for 日 is the commonest OCR slip in dates ("2023年11月13曰前").
    const text = narrativeCompact(section.text, ctx.config).replace(/曰/g, "日");
    const label = sectionLabel(section, r.sections);
    const against = {
      impl: fieldsIn({ 体系实施时间: r.systemImplementedDate }),
      end: fieldsIn({ 审核结束日期: r.auditEnd }),
    };
    const report = (
      key: string,
      index: number,
      length: number,
      message: string,
      date: keyof typeof against,
    ) => {
      if (seen.has(key)) return;
      seen.add(key);
      const quote = snippet(text, index, length);
      out.push(
        finding(
          ctx,
          `${label} ${message}：“${quote}”`,
          [sectionEvidence(section, quote, text.slice(index, index + length))],
          {
            compared: [sectionInput(section), ...against[date]],
          },
        ),
      );
    };
    for (const m of text.matchAll(established)) {
      const month = Number(m[2]);
      if (implMonth === null || !validMonth(month)) continue;
      const said = monthIndex(Number(m[1]), month);
      const early = m[3] === W.establishedVerb ? false : said < implMonth;
      if (said > implMonth || early) {
        report(
          `est:${said}`,
          m.index,
          m[0].length,
          `所述体系${m[3]}时间（${m[1]}年${month}月）与体系实施时间（${impl}）矛盾`,
          "impl",
        );
      }
    }
    const periods: { from: number; to: number; index: number; length: number; label: string }[] = [];
    for (const m of text.matchAll(monthRange)) {
      const y1 = Number(m[1]);
      const y2 = m[3] ? Number(m[3]) : y1;
      const [a, b] = [Number(m[2]), Number(m[4])];
      if (!validMonth(a) || !validMonth(b)) continue;
      periods.push({
        from: monthIndex(y1, a),
        to: monthIndex(y2, b),
        index: m.index,
        length: m[0].length,
        label: m[0],
      });
    }
    for (const m of text.matchAll(halfYear)) {
      const y = Number(m[1]);
      const first = m[2] === W.firstHalf;
      periods.push({
        from: monthIndex(y, first ? 1 : 7),
        to: monthIndex(y, first ? 6 : 12),
        index: m.index,
        length: m[0].length,
        label: m[0],
      });
    }
    for (const p of periods) {
      if (implMonth !== null && p.from < implMonth) {
        report(
          `pre:${p.from}-${p.to}`,
          p.index,
          p.length,
          `所述期间“${p.label}”早于体系实施时间（${impl}）`,
          "impl",
        );
      } else if (endMonth !== null && p.to > endMonth) {
        report(
          `post:${p.from}-${p.to}`,
          p.index,
          p.length,
          `所述期间“${p.label}”晚于审核结束（${end}）`,
          "end",
        );
      }
    }
    if (end === null) continue;
    for (const m of text.matchAll(fullDate)) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!validMonth(mo) || d < 1 || d > 31) continue;
      const iso = `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      // The day the report is dated, where it is signed (审核组成员…2025年06月21日, a signing place whose label OCR lost):
      // DATE-REPORT-BEFORE-END checks that date, it is no claim of the narrative.
      if (iso <= end || iso === r.reportDate.value) continue;
      // Deadlines and plans ("2023年11月13日前提交", "下次审核应在…") are meant to lie ahead.
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 3);
      const before = text.slice(Math.max(0, m.index - 10), m.index);
      if (
        W.intentAfter.some((w) => after.startsWith(w)) ||
        W.intentBefore.some((w) => before.endsWith(w)) ||
        W.intentNear.some((w) => before.includes(w)) ||
        W.signed.some((w) => before.includes(w)) ||
        [...W.intentNearEn, ...W.signedEn].some((w) =>
          text
            .slice(Math.max(0, m.index - 30), m.index)
            .toLowerCase()
            .includes(w),
        )
      ) {
        continue;
      }
      report(`day:${iso}`, m.index, m[0].length, `正文日期（${iso}）晚于审核结束（${end}）`, "end");
    }
  }
  // Half the check ran: say which half could not.
  if (missing.length) out.push(unchecked(ctx, "正文中的日期", missing));
  return out;
};
