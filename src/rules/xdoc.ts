import { distance } from "fastest-levenshtein";
import type { Field } from "../domain/field.ts";
import type { Evidence, Flag } from "../domain/flag.ts";
import { formatHalf, halfOf, slot } from "./calendar.ts";
import { type Compared, compact, fieldEvidence, fieldsIn } from "./context.ts";
import { registrationNumbers } from "./team.ts";
import { type CrossRuleDef, flag, label, orgKey, push, type ReportRecord } from "./xdoc-base.ts";
import { copiedNarrative } from "./xdoc-copy.ts";

export type { CrossContext, CrossRuleDef, ReportRecord } from "./xdoc-base.ts";

/** XDOC-AUDITOR-OVERLAP and XDOC-DUPLICATE-NUMBER, and the XDOC catalogue (copy detection in xdoc-copy.ts). */

interface Stint {
  rec: number;
  /** The auditor's name as this record reads it. */
  name: string;
  start: number;
  end: number;
  text: string;
  evidence: Evidence[];
  compared: Compared[];
}

function interval(
  start: Field<string>,
  end: Field<string>,
): { start: number; end: number; text: string; dates: Record<string, Field<string>> } | null {
  const s = start.value ?? end.value;
  const e = end.value ?? start.value;
  if (s === null || e === null) return null;
  const hs = halfOf(start.raw, "start");
  const he = halfOf(end.raw ?? start.raw, "end");
  return {
    start: slot(s, hs, "start"),
    end: slot(e, he, "end"),
    text: `${formatHalf(s, hs)}–${formatHalf(e, he)}`,
    // The dates the interval was read from: only those the report printed are compared.
    dates: Object.fromEntries(
      [
        ["审核开始日期", start],
        ["审核结束日期", end],
      ].filter(([, f]) => (f as Field<string>).value !== null),
    ),
  };
}

/** One auditor cannot be on two organisations' sites in the same half day. Same person = a shared registration
 * number and the same name up to `nameDistance` misread characters, as for signatures (OCR read 曾艳 as 会艳 in one
 * report; names alone collide across China, and a number alone could be a misread of another's). */
const auditorOverlap: CrossRuleDef["check"] = (ctx) => {
  const out = new Map<string, Flag[]>();
  const byPerson = new Map<string, Stint[]>();
  ctx.records.forEach((rec, i) => {
    const r = rec.report;
    const stints = [interval(r.auditStart, r.auditEnd), interval(r.stage1Start, r.stage1End)].filter(
      (x): x is NonNullable<typeof x> => x !== null,
    );
    for (const m of r.team) {
      if (m.name.value === null || m.registrationNo.value === null) continue;
      const name = compact(m.name.value);
      for (const no of registrationNumbers(m.registrationNo.value)) {
        const list = byPerson.get(no) ?? [];
        for (const s of stints) {
          const compared = fieldsIn({ 审核员姓名: m.name, 注册证书号: m.registrationNo, ...s.dates });
          list.push({ rec: i, name, ...s, evidence: fieldEvidence(m.name), compared });
        }
        byPerson.set(no, list);
      }
    }
  });
  const reported = new Set<string>();
  for (const [no, stints] of byPerson) {
    stints.sort((a, b) => a.start - b.start);
    // Sweep: every stint compared only with those still open when it starts.
    const open: Stint[] = [];
    for (const s of stints) {
      for (let j = open.length - 1; j >= 0; j--) if (open[j]!.end < s.start) open.splice(j, 1);
      for (const o of open) {
        const a = ctx.records[o.rec]!;
        const b = ctx.records[s.rec]!;
        const ka = orgKey(a);
        const kb = orgKey(b);
        if (
          o.rec === s.rec ||
          ka === null ||
          kb === null ||
          ka === kb ||
          distance(o.name, s.name) > ctx.config.nameDistance
        )
          continue;
        const pair = `${no}|${Math.min(o.rec, s.rec)}|${Math.max(o.rec, s.rec)}`;
        if (reported.has(pair)) continue;
        reported.add(pair);
        const say = (xs: Stint, y: ReportRecord, ys: Stint) =>
          `审核员${xs.name}（${no}）在本次审核（${xs.text}）期间同时参加了${label(y)}的审核（${ys.text}）`;
        // Evidence stays in its own document: the review page shows each record's pages.
        push(
          out,
          a.document.id,
          flag(ctx, say(o, b, s), o.evidence, { subject: o.name, compared: o.compared }),
        );
        push(
          out,
          b.document.id,
          flag(ctx, say(s, a, o), s.evidence, { subject: s.name, compared: s.compared }),
        );
      }
      open.push(s);
    }
  }
  return out;
};

/** A stage-1 and a stage-2 report of one client share the project number legitimately; the same number on
 * another organisation, or twice for the same stage, is a duplicate. */
const duplicateNumber: CrossRuleDef["check"] = (ctx) => {
  const out = new Map<string, Flag[]>();
  const byNumber = new Map<string, number[]>();
  ctx.records.forEach((rec, i) => {
    const v = rec.report.reportNumber.value;
    if (!v) return;
    const key = compact(v).toUpperCase();
    byNumber.set(key, [...(byNumber.get(key) ?? []), i]);
  });
  for (const indices of byNumber.values()) {
    for (const i of indices) {
      const a = ctx.records[i]!;
      const clashes = indices
        .map((j) => ctx.records[j]!)
        .filter(
          (b) =>
            b.document.id !== a.document.id &&
            (orgKey(a) !== orgKey(b) || a.report.auditType.value === b.report.auditType.value),
        );
      if (clashes.length === 0) continue;
      push(
        out,
        a.document.id,
        flag(
          ctx,
          `项目编号“${a.report.reportNumber.value}”与${clashes.map(label).join("、")}重复`,
          fieldEvidence(a.report.reportNumber),
          {
            compared: [a, ...clashes].flatMap((x) =>
              fieldsIn({ [`《${x.document.file}》项目编号`]: x.report.reportNumber }),
            ),
          },
        ),
      );
    }
  }
  return out;
};

export const crossRules: CrossRuleDef[] = [
  {
    id: "XDOC-AUDITOR-OVERLAP",
    family: "XDOC",
    severity: "high",
    description: "同一审核员（姓名+注册号）在重叠日期审核不同组织",
    inputs: {
      fields: ["team.name", "team.registrationNo", "auditStart", "auditEnd", "stage1Start", "stage1End"],
    },
    check: auditorOverlap,
  },
  {
    id: "XDOC-DUPLICATE-NUMBER",
    family: "XDOC",
    severity: "high",
    description: "不同报告使用相同项目编号",
    inputs: { fields: ["reportNumber", "organization", "auditType"] },
    check: duplicateNumber,
  },
  {
    id: "XDOC-COPIED-NARRATIVE",
    family: "XDOC",
    severity: "medium",
    description: "两家不同组织的报告中有长段几乎相同的叙述",
    inputs: { fields: ["organization"], sections: ["narrative"] },
    check: copiedNarrative,
  },
];
