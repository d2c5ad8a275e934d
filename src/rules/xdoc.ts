import type { Field } from "../domain/field.ts";
import type { Evidence, Flag, Severity } from "../domain/flag.ts";
import type { AuditRecord, Report } from "../domain/record.ts";
import { formatHalf, halfOf, slot } from "./calendar.ts";
import type { RulesConfig } from "./config.ts";
import { compact, fieldEvidence, isTemplateLine, sectionMatches } from "./context.ts";
import { registrationNumbers } from "./team.ts";

/** XDOC family: checks across the reports of one batch, run when the batch ends. Each returns flags keyed
 * by document id; every check is linear in the batch's size (grouping by key, shingle index). */

export type ReportRecord = AuditRecord & { report: Report };

export interface CrossContext {
  records: readonly ReportRecord[];
  config: RulesConfig;
  rule: { id: string; severity: Severity };
}

export interface CrossRuleDef {
  id: string;
  family: "XDOC";
  severity: Severity;
  description: string;
  check: (ctx: CrossContext) => Map<string, Flag[]>;
}

function push(out: Map<string, Flag[]>, id: string, flag: Flag): void {
  const list = out.get(id);
  if (list) list.push(flag);
  else out.set(id, [flag]);
}

function flag(ctx: CrossContext, message: string, evidence: Evidence[]): Flag {
  return { rule: ctx.rule.id, severity: ctx.rule.severity, message, evidence };
}

/** Organisation identity for "different organisations": compacted name; null when not read (never compared). */
function orgKey(r: ReportRecord): string | null {
  const v = r.report.organization.value;
  return v ? compact(v).replace(/[()（）]/g, "") : null;
}

const label = (r: ReportRecord) => `《${r.document.file}》（${r.report.organization.value ?? "组织未识别"}）`;

interface Stint {
  rec: number;
  start: number;
  end: number;
  text: string;
  evidence: Evidence[];
}

function interval(
  start: Field<string>,
  end: Field<string>,
): { start: number; end: number; text: string } | null {
  const s = start.value ?? end.value;
  const e = end.value ?? start.value;
  if (s === null || e === null) return null;
  const hs = halfOf(start.raw, "start");
  const he = halfOf(end.raw ?? start.raw, "end");
  return {
    start: slot(s, hs, "start"),
    end: slot(e, he, "end"),
    text: `${formatHalf(s, hs)}–${formatHalf(e, he)}`,
  };
}

/** One auditor cannot be on two organisations' sites in the same half day. Same person = same name and a
 * shared registration number (names alone collide across China). */
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
      for (const no of registrationNumbers(m.registrationNo.value)) {
        const key = `${compact(m.name.value)}|${no}`;
        const list = byPerson.get(key) ?? [];
        for (const s of stints) list.push({ rec: i, ...s, evidence: fieldEvidence(m.name) });
        byPerson.set(key, list);
      }
    }
  });
  const reported = new Set<string>();
  for (const [key, stints] of byPerson) {
    stints.sort((a, b) => a.start - b.start);
    const [name, no] = key.split("|");
    // Sweep: every stint compared only with those still open when it starts.
    const open: Stint[] = [];
    for (const s of stints) {
      for (let j = open.length - 1; j >= 0; j--) if (open[j]!.end < s.start) open.splice(j, 1);
      for (const o of open) {
        const a = ctx.records[o.rec]!;
        const b = ctx.records[s.rec]!;
        const ka = orgKey(a);
        const kb = orgKey(b);
        if (o.rec === s.rec || ka === null || kb === null || ka === kb) continue;
        const pair = `${name}|${Math.min(o.rec, s.rec)}|${Math.max(o.rec, s.rec)}`;
        if (reported.has(pair)) continue;
        reported.add(pair);
        const say = (xs: Stint, y: ReportRecord, ys: Stint) =>
          `审核员${name}（${no}）在本次审核（${xs.text}）期间同时参加了${label(y)}的审核（${ys.text}）`;
        push(out, a.document.id, flag(ctx, say(o, b, s), [...o.evidence, ...s.evidence]));
        push(out, b.document.id, flag(ctx, say(s, a, o), [...s.evidence, ...o.evidence]));
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
        ),
      );
    }
  }
  return out;
};

/** 32-bit FNV-1a: shingles are indexed as numbers, not strings, to keep the index small. */
function hash(text: string, from: number, length: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Most reports sharing one window before it counts as template regardless of batch size. */
const MAX_FANOUT = 32;

interface Unit {
  rec: number;
  section: Report["sections"][number];
  text: string;
}

function units(ctx: CrossContext): Unit[] {
  return ctx.records.flatMap((rec, i) =>
    rec.report.sections
      .filter((s) => !sectionMatches(s, ctx.config.xdoc.boilerplateSections))
      .map((section) => ({
        rec: i,
        section,
        text: compact(
          section.text
            .split(/\r?\n/)
            .filter((l) => !isTemplateLine(l, ctx.config))
            .join(""),
        ),
      }))
      .filter((u) => u.text.length >= ctx.config.xdoc.minPassageChars),
  );
}

/** Shingling: every k-character window of every narrative section is indexed with the reports holding it.
 * A window held by most reports of the batch is the body's template (说明, 承诺, standard wording) and
 * ignored. Then, per section, windows shared with one other organisation's report are chained into
 * passages, bridging small gaps (OCR noise, a changed name); a passage of minPassageChars or more is copy. */
const copiedNarrative: CrossRuleDef["check"] = (ctx) => {
  const out = new Map<string, Flag[]>();
  const {
    shingleChars: k,
    minPassageChars,
    maxGapChars,
    boilerplateShare,
    boilerplateMinDocs,
  } = ctx.config.xdoc;
  const all = units(ctx);
  // Lists stop growing at the template threshold (capped so a huge batch stays linear): past it a window
  // is template wording and never compared, so its holders need not be known.
  const template = Math.min(
    MAX_FANOUT,
    Math.max(boilerplateMinDocs, Math.ceil(boilerplateShare * ctx.records.length)),
  );
  const index = new Map<number, number[]>();
  for (const u of all) {
    for (let i = 0; i + k <= u.text.length; i++) {
      const h = hash(u.text, i, k);
      const list = index.get(h);
      // Units come in record order, so a record already listed is the last entry.
      if (!list) index.set(h, [u.rec]);
      else if (list[list.length - 1] !== u.rec && list.length < template) list.push(u.rec);
    }
  }
  const best = new Map<string, { length: number; unit: Unit; from: number; other: number }>();
  for (const u of all) {
    const mine = orgKey(ctx.records[u.rec]!);
    if (mine === null) continue;
    const positions = new Map<number, number[]>();
    for (let i = 0; i + k <= u.text.length; i++) {
      const list = index.get(hash(u.text, i, k))!;
      if (list.length >= template) continue;
      for (const other of list) {
        if (other === u.rec) continue;
        const theirs = orgKey(ctx.records[other]!);
        if (theirs === null || theirs === mine) continue;
        const ps = positions.get(other) ?? [];
        ps.push(i);
        positions.set(other, ps);
      }
    }
    for (const [other, ps] of positions) {
      let start = ps[0]!;
      let last = start;
      const close = () => {
        const length = last - start + k;
        const key = `${u.rec}|${other}`;
        if (length >= minPassageChars && length > (best.get(key)?.length ?? 0)) {
          best.set(key, { length, unit: u, from: start, other });
        }
      };
      for (const p of ps.slice(1)) {
        if (p - last > maxGapChars + 1) {
          close();
          start = p;
        }
        last = p;
      }
      close();
    }
  }
  for (const [key, b] of best) {
    const rec = ctx.records[Number(key.split("|")[0])]!;
    const quote = b.unit.text.slice(b.from, b.from + Math.min(b.length, 60));
    push(
      out,
      rec.document.id,
      flag(
        ctx,
        `${b.unit.section.id} 有一段约 ${b.length} 字的内容与${label(ctx.records[b.other]!)}几乎相同：“${quote}…”`,
        [{ page: b.unit.section.page, bbox: b.unit.section.bbox, text: quote }],
      ),
    );
  }
  return out;
};

export const crossRules: CrossRuleDef[] = [
  {
    id: "XDOC-AUDITOR-OVERLAP",
    family: "XDOC",
    severity: "high",
    description: "同一审核员（姓名+注册号）在重叠日期审核不同组织",
    check: auditorOverlap,
  },
  {
    id: "XDOC-DUPLICATE-NUMBER",
    family: "XDOC",
    severity: "high",
    description: "不同报告使用相同项目编号",
    check: duplicateNumber,
  },
  {
    id: "XDOC-COPIED-NARRATIVE",
    family: "XDOC",
    severity: "medium",
    description: "两家不同组织的报告中有长段几乎相同的叙述",
    check: copiedNarrative,
  },
];
