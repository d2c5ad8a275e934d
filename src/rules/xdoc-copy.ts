import type { Flag } from "../domain/flag.ts";
import type { Report } from "../domain/record.ts";
import { compact, innermostFirst, isTemplateLine, sectionEvidence, sectionMatches } from "./context.ts";
import { type CrossContext, type CrossRuleDef, flag, label, orgKey, push } from "./xdoc-base.ts";

/** XDOC-COPIED-NARRATIVE: the same long passage in reports of two different organisations. */

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
/** Share of a passage's windows that must be shared for it to count as one copied passage. */
const MIN_DENSITY = 0.6;

interface Unit {
  rec: number;
  section: Report["sections"][number];
  text: string;
}

/** A cited standard with its title ("GB/T20273-2019信息安全技术数据库管理系统安全技术要求"), up to the next
 * separator. Clients in one trade apply the same product standards, so a list of them is the same in their
 * reports by nature, not by copying; it is left out of the comparison. */
const STANDARD_CITATION =
  /(?:GB|HJ|JGJ|YY|SN|SB|QB|DB\d*|ISO|IEC|IATF)(?:\/[TZ])?[\d.]+(?:[-—–]\d{2,4})?(?:\/(?:ISO|IEC)[\d.]+(?::\d{4})?)*[^;；。,，、]{0,40}/gi;

function units(ctx: CrossContext): Unit[] {
  // Innermost sections first within each record: on equal passages the most precise section is cited.
  return ctx.records.flatMap((rec, i) =>
    innermostFirst(rec.report.sections)
      .filter((s) => !sectionMatches(s, ctx.config.xdoc.boilerplateSections))
      .map((section) => ({
        rec: i,
        section,
        text: compact(
          section.text
            .split(/\r?\n/)
            .filter((l) => !isTemplateLine(l, ctx.config))
            .join(""),
        ).replace(STANDARD_CITATION, "；"),
      }))
      .filter((u) => u.text.length >= ctx.config.xdoc.minPassageChars),
  );
}

/** Shingling: every k-character window of every narrative section is indexed with the reports holding it.
 * A window held by most reports of the batch is the body's template (说明, 承诺, standard wording) and
 * ignored. Then, per section, windows shared with one other organisation's report are chained into
 * passages, bridging small gaps (OCR noise, a changed name); a passage of minPassageChars or more is copy. */
export const copiedNarrative: CrossRuleDef["check"] = (ctx) => {
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
  // Text one certification body prints in many clients' reports (form instructions, NC-form boilerplate) is its
  // template, however small a share of a mixed batch that body's reports are.
  const bodyOf = ctx.records.map((r) => {
    const b = r.report.certificationBody.value;
    return b ? compact(b) : null;
  });
  const bodyTemplate = new WeakMap<number[], boolean>();
  const isBodyTemplate = (list: number[]): boolean => {
    const known = bodyTemplate.get(list);
    if (known !== undefined) return known;
    const counts = new Map<string, number>();
    for (const rec of list) {
      const b = bodyOf[rec];
      if (b) counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    const yes = [...counts.values()].some((n) => n >= boilerplateMinDocs);
    bodyTemplate.set(list, yes);
    return yes;
  };
  const best = new Map<string, { length: number; unit: Unit; from: number; other: number }>();
  for (const u of all) {
    const mine = orgKey(ctx.records[u.rec]!);
    if (mine === null) continue;
    const positions = new Map<number, number[]>();
    for (let i = 0; i + k <= u.text.length; i++) {
      const list = index.get(hash(u.text, i, k))!;
      if (list.length >= template || isBodyTemplate(list)) continue;
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
      let shared = 1;
      const close = () => {
        const length = last - start + k;
        const key = `${u.rec}|${other}`;
        // Nearly identical: most windows of the passage are shared, not a few islands bridged by gaps.
        const dense = shared / (last - start + 1) >= MIN_DENSITY;
        if (dense && length >= minPassageChars && length > (best.get(key)?.length ?? 0)) {
          best.set(key, { length, unit: u, from: start, other });
        }
      };
      for (const p of ps.slice(1)) {
        // One misread character removes k windows, so a gap of k plus maxGapChars still continues a passage.
        if (p - last > k + maxGapChars) {
          close();
          start = p;
          shared = 0;
        }
        last = p;
        shared++;
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
        // The passage's line is where it starts.
        [sectionEvidence(b.unit.section, quote, quote.slice(0, 16))],
      ),
    );
  }
  return out;
};
