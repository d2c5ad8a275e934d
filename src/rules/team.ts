import { distance } from "fastest-levenshtein";
import type { Flag } from "../domain/flag.ts";
import type { Report, TeamMember } from "../domain/record.ts";
import { GRADE_WORDS } from "../lexicon/narrative.ts";
import type { RulesConfig } from "./config.ts";
import {
  type Compared,
  compact,
  evidenceOf,
  fieldInput,
  fieldsIn,
  finding,
  type RuleDef,
  teamPartReason,
  unchecked,
} from "./context.ts";

/** TEAM family: CCAA registration numbers, grades, technical codes, signatures (rules.md, Team). */

export const REG_PATTERN = /^(\d{4})-N(\d)([A-Z]+)-(\d{7})$/;

/** One person may hold several numbers (QMS and EMS...): the record joins them with "; ". Several numbers
 * are never a finding in themselves. */
export function registrationNumbers(raw: string): string[] {
  return raw
    .normalize("NFKC")
    .toUpperCase()
    .split(/[;；,，、/\n]+|\s{2,}/)
    .map((s) => s.replace(/\s+/g, "").replace(/[‐‑‒–—―－]/g, "-"))
    .filter((s) => s.length > 0);
}

const isAuditor = (m: TeamMember) => m.role.value === "leader" || m.role.value === "member";

function nameOf(m: TeamMember, i: number): string {
  return m.name.value ?? `第 ${i + 1} 位成员`;
}

const regFormat: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const out: Flag[] = [];
  const unread: string[] = [];
  // The audit's year: the latest the report's dates give. Copies that disagree (an end date OCR read a year early
  // beside a start and report date of the next) leave a number dated before the latest no finding.
  const dates = [r.auditEnd, r.auditStart, r.reportDate].filter((d) => d.value !== null);
  const latest = dates.reduce<(typeof dates)[number] | undefined>(
    (a, d) => (a === undefined || (d.value ?? "") > (a.value ?? "") ? d : a),
    undefined,
  );
  const auditYear = Number((latest?.value ?? "9999").slice(0, 4));
  for (const [i, m] of r.team.entries()) {
    // Technical experts, observers and guides need no registration number.
    if (!isAuditor(m)) continue;
    const raw = m.registrationNo.value;
    if (raw === null) {
      unread.push(`${nameOf(m, i)}的注册证书号`);
      continue;
    }
    for (const no of registrationNumbers(raw)) {
      const match = no.match(REG_PATTERN);
      if (!match) {
        out.push(
          finding(
            ctx,
            `${nameOf(m, i)}的注册证书号“${no}”不符合 CCAA 格式（如 2021-N1QMS-3207381）`,
            evidenceOf(m.registrationNo),
            {
              subject: m.name.value,
              compared: fieldsIn({ [`${nameOf(m, i)}的注册证书号`]: m.registrationNo }),
            },
          ),
        );
      } else if (Number(match[1]) > auditYear) {
        out.push(
          finding(
            ctx,
            `${nameOf(m, i)}的注册证书号“${no}”年份 ${match[1]} 晚于审核年份 ${auditYear}`,
            evidenceOf(m.registrationNo),
            {
              subject: m.name.value,
              compared: [
                ...fieldsIn({ [`${nameOf(m, i)}的注册证书号`]: m.registrationNo }),
                ...fieldsIn({ 审核日期: latest }),
              ],
            },
          ),
        );
      }
    }
  }
  if (r.team.length === 0) unread.push("审核组成员");
  if (unread.length) out.push(unchecked(ctx, "注册证书号格式", unread));
  return out;
};

const systemKey = (system: string) =>
  system
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^A-Z]/g, "");

/** CCAA registration fields that cover an audited system (config `registration.fieldsOfSystem`: EC, GB/T 50430,
 * is audited under QMS numbers). A system the config does not name is covered by a field of its own name. */
function fieldsCovering(system: string, config: RulesConfig): readonly string[] {
  const key = systemKey(system);
  return config.registration.fieldsOfSystem[key] ?? [key];
}

/** The audited systems as far as they were read with confidence. Tick boxes OCR read doubtfully (the cover
 * lists every system; a stray mark "ticks" one) are checked against the audit criteria: a system whose
 * standard the criteria do not name was not confirmed, and a finding needs confirmed inputs. */
function auditedSystems(r: Report, config: RulesConfig): { systems: string[]; inputs: Compared[] } | null {
  const minConfidence = config.checkboxMinConfidence;
  const systems = r.managementSystems.value;
  if (systems === null || systems.length === 0) return null;
  const standards = (r.standards.value ?? []).join(" ").normalize("NFKC");
  const named = (s: string) => {
    const source = config.registration.standardOfSystem[systemKey(s)];
    return source === undefined || new RegExp(source, "i").test(standards);
  };
  // The systems are an input of every finding: read with confidence and located, or confirmed by the criteria
  // (then the criteria are the input).
  if (r.managementSystems.confidence >= minConfidence)
    return { systems, inputs: [fieldInput("审核体系", r.managementSystems)] };
  if (standards === "") return null;
  const confirmed = systems.filter(named);
  return confirmed.length > 0 ? { systems: confirmed, inputs: [fieldInput("审核准则", r.standards)] } : null;
}

const regField: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const audited = auditedSystems(r, ctx.config);
  if (audited === null) return [unchecked(ctx, "注册领域与审核体系", ["审核体系"])];
  const { systems, inputs } = audited;
  const known = new Set(ctx.config.registration.knownFields);
  const covering = (s: string) => fieldsCovering(s, ctx.config);
  const wanted = new Set(systems.flatMap(covering));
  const out: Flag[] = [];
  const held = new Set<string>();
  for (const [i, m] of r.team.entries()) {
    if (!isAuditor(m) || m.registrationNo.value === null) continue;
    // A field code no scheme uses (OCR "IQMS", "QMSS") was not read: REG-FORMAT and the parser see to it.
    const fields = registrationNumbers(m.registrationNo.value)
      .map((no) => no.match(REG_PATTERN)?.[3])
      .filter((f): f is string => f !== undefined && known.has(f));
    for (const f of fields) held.add(f);
    if (fields.length > 0 && !fields.some((f) => wanted.has(f))) {
      out.push(
        finding(
          ctx,
          `${nameOf(m, i)}的注册领域（${fields.join("、")}）不覆盖所审核的体系（${systems.join("、")}）`,
          evidenceOf(m.registrationNo, r.managementSystems),
          {
            subject: m.name.value,
            compared: [...fieldsIn({ [`${nameOf(m, i)}的注册证书号`]: m.registrationNo }), ...inputs],
          },
        ),
      );
    }
  }
  // A team read without its leader may have lost the one who holds the field.
  const part = teamPartReason(r);
  if (held.size > 0 && part !== null) out.push(unchecked(ctx, "审核组注册领域", [part]));
  if (held.size > 0 && part === null) {
    for (const s of systems) {
      if (!covering(s).some((f) => held.has(f))) {
        const numbers = r.team
          .filter(isAuditor)
          .map((m, i) => fieldInput(`${nameOf(m, i)}的注册证书号`, m.registrationNo));
        out.push(
          finding(ctx, `审核组无人持有覆盖“${s}”的注册证书`, evidenceOf(r.managementSystems), {
            compared: [...numbers, ...inputs],
          }),
        );
      }
    }
  }
  return out;
};

const leaderTrainee: RuleDef["check"] = (ctx) => {
  const leaders = ctx.report.team.filter((m) => m.role.value === "leader");
  if (leaders.length === 0) return [unchecked(ctx, "审核组长资格", ["审核组长"])];
  const out: Flag[] = [];
  for (const [i, m] of leaders.entries()) {
    if (m.grade.value === null) return [unchecked(ctx, "审核组长资格", ["审核组长注册级别"])];
    const grade = m.grade.value.toLowerCase();
    if (GRADE_WORDS.trainee.some((w) => grade.includes(w))) {
      out.push(
        finding(ctx, `审核组长${nameOf(m, i)}的注册级别为“${m.grade.value}”`, evidenceOf(m.name, m.grade), {
          subject: m.name.value,
          compared: fieldsIn({ 审核组长注册级别: m.grade, 审核组长角色: m.role }),
        }),
      );
    }
  }
  return out;
};

/** The team as a whole must hold a code for the scope: a leader without one is fine if a member or expert has it. */
const noCode: RuleDef["check"] = (ctx) => {
  const team = ctx.report.team.filter((m) => m.role.value !== "observer" && m.role.value !== "guide");
  if (team.some((m) => (m.technicalCodes.value ?? []).some((c) => c.trim() !== ""))) return [];
  // Only a team whose every member's codes were read can be said to have none: an unread cell may hold one.
  const unread = team.filter((m) => m.technicalCodes.value === null);
  const part = teamPartReason(ctx.report);
  if (team.length === 0 || unread.length > 0 || part !== null) {
    const names = unread.map((m, i) => `${nameOf(m, i)}的专业代码`);
    return [
      unchecked(
        ctx,
        "专业代码",
        team.length === 0 ? ["审核组成员的专业代码"] : [...names, ...(part === null ? [] : [part])],
      ),
    ];
  }
  return [
    finding(
      ctx,
      `审核组（${team.map((m, i) => nameOf(m, i)).join("、")}）及技术专家均无专业代码`,
      team.flatMap((m) => evidenceOf(m.name, m.technicalCodes)),
      { compared: team.map((m, i) => fieldInput(`${nameOf(m, i)}的专业代码`, m.technicalCodes)) },
    ),
  ];
};

function signed(name: string, signatures: readonly string[], maxDistance: number): boolean {
  const n = compact(name);
  return signatures.some((s) => {
    const c = compact(s);
    if (c.includes(n)) return true;
    return n.length >= 3 && distance(c, n) <= maxDistance;
  });
}

/** Signature names one-to-one with the auditors' names. OCR misreads Chinese names often (a name read
 * right in the team table may be misread on the signature line, or the other way round), so a name that
 * matches no signature exactly is only a finding when the signature line holds fewer unmatched names than
 * there are unmatched auditors: a missing signature leaves a gap, a misread one leaves a differently
 * spelled name in its place. Such OCR-level mismatches give the low "could not check" note instead.
 * Only the roles the signature block has slots for are checked: a block with a place for the leader alone
 * (审核组长签字：) vouches for the leader alone, and members missing from it are no finding. Where the slots
 * were not read, whom the block should hold is unknown: a low note. */
const signature: RuleDef["check"] = (ctx) => {
  const r: Report = ctx.report;
  const sigs = r.signatures.value;
  if (sigs === null) return [unchecked(ctx, "签字", ["签字栏姓名"])];
  const slots = r.signatureSlots?.value ?? null;
  if (slots === null) return [unchecked(ctx, "签字", ["签字栏的签字位置（组长、组员）"])];
  const team = r.team.filter(isAuditor);
  if (team.length === 0) return [unchecked(ctx, "签字", ["审核组成员"])];
  const auditors = team.filter((m) => m.role.value !== null && slots.includes(m.role.value));
  const named = auditors.filter((m) => m.name.value !== null);
  const left = [...sigs];
  const unsigned: TeamMember[] = [];
  for (const m of named) {
    const k = left.findIndex((s) => signed(m.name.value ?? "", [s], ctx.config.nameDistance));
    if (k < 0) {
      unsigned.push(m);
      continue;
    }
    // An entry holding several names run together (OCR lost the space between them: 孙洲伟叶杰) signs for each:
    // only the matched name is used up, the rest stays for the next auditor.
    const rest = compact(left[k]!).replace(compact(m.name.value ?? ""), "");
    if (rest !== compact(left[k]!) && rest.length >= 2) left[k] = rest;
    else left.splice(k, 1);
  }
  // Signature entries that are neither another auditor's name nor plausibly a name at all are not counted.
  const spare = left.filter((s) => {
    const c = compact(s);
    return c.length >= 2 && c.length <= 4 && /^[\u4e00-\u9fff·]+$/.test(c);
  });
  if (unsigned.length === 0) return [];
  if (spare.length >= unsigned.length) {
    return [
      unchecked(
        ctx,
        "签字（签字栏姓名与审核组名单用字不一致，可能为识别误差）",
        unsigned.map((m) => m.name.value ?? "审核员"),
      ),
    ];
  }
  return unsigned.map((m) =>
    finding(
      ctx,
      `${m.role.value === "leader" ? "审核组长" : "审核组员"}${m.name.value}未出现在签字栏（签字：${sigs.join("、") || "无"}）`,
      evidenceOf(m.name, r.signatures),
      {
        subject: m.name.value,
        compared: fieldsIn({ 审核组成员姓名: m.name, 签字栏: r.signatures, 签字位置: r.signatureSlots }),
      },
    ),
  );
};

export const teamRules: RuleDef[] = [
  {
    id: "TEAM-REG-FORMAT",
    family: "TEAM",
    severity: "medium",
    description: "注册证书号格式不符或年份晚于审核",
    inputs: { fields: ["team.registrationNo", "auditEnd"] },
    check: regFormat,
  },
  {
    id: "TEAM-REG-FIELD",
    family: "TEAM",
    severity: "medium",
    description: "注册领域不覆盖所审核的体系",
    inputs: {
      fields: ["team.registrationNo", "managementSystems", "standards"],
      groups: ["managementSystems"],
    },
    check: regField,
  },
  {
    id: "TEAM-LEADER-TRAINEE",
    family: "TEAM",
    severity: "high",
    description: "审核组长为实习审核员",
    inputs: { fields: ["team.role", "team.grade"] },
    check: leaderTrainee,
  },
  {
    id: "TEAM-NO-CODE",
    family: "TEAM",
    severity: "high",
    description: "审核组无人具备专业代码",
    inputs: { fields: ["team.technicalCodes"] },
    check: noCode,
  },
  {
    id: "TEAM-SIGNATURE",
    family: "TEAM",
    severity: "medium",
    description: "组长或组员未签字",
    inputs: { fields: ["team.name", "signatures", "signatureSlots"] },
    check: signature,
  },
];
