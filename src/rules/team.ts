import { distance } from "fastest-levenshtein";
import type { Flag } from "../domain/flag.ts";
import type { Report, TeamMember } from "../domain/record.ts";
import { compact, evidenceOf, finding, type RuleDef, unchecked } from "./context.ts";

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
  const auditYear = Number(
    (r.auditEnd.value ?? r.auditStart.value ?? r.reportDate.value ?? "9999").slice(0, 4),
  );
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
          ),
        );
      } else if (Number(match[1]) > auditYear) {
        out.push(
          finding(
            ctx,
            `${nameOf(m, i)}的注册证书号“${no}”年份 ${match[1]} 晚于审核年份 ${auditYear}`,
            evidenceOf(m.registrationNo),
          ),
        );
      }
    }
  }
  if (r.team.length === 0) unread.push("审核组成员");
  if (unread.length) out.push(unchecked(ctx, "注册证书号格式", unread));
  return out;
};

/** Registration field codes that cover each audited system (the record's managementSystems labels). */
const FIELD_OF_SYSTEM: Record<string, readonly string[]> = {
  QMS: ["QMS"],
  EMS: ["EMS"],
  OHSMS: ["OHSMS", "OHS", "OHSAS"],
  ENMS: ["ENMS"],
  FSMS: ["FSMS", "HACCP"],
  HACCP: ["HACCP", "FSMS"],
  ISMS: ["ISMS"],
  ITSMS: ["ITSMS"],
};

function fieldsCovering(system: string): readonly string[] {
  const key = system
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^A-Z]/g, "");
  return FIELD_OF_SYSTEM[key] ?? [key];
}

const regField: RuleDef["check"] = (ctx) => {
  const r = ctx.report;
  const systems = r.managementSystems.value;
  if (systems === null || systems.length === 0) return [unchecked(ctx, "注册领域与审核体系", ["审核体系"])];
  const wanted = new Set(systems.flatMap(fieldsCovering));
  const out: Flag[] = [];
  const held = new Set<string>();
  for (const [i, m] of r.team.entries()) {
    if (!isAuditor(m) || m.registrationNo.value === null) continue;
    const fields = registrationNumbers(m.registrationNo.value)
      .map((no) => no.match(REG_PATTERN)?.[3])
      .filter((f): f is string => f !== undefined);
    for (const f of fields) held.add(f);
    if (fields.length > 0 && !fields.some((f) => wanted.has(f))) {
      out.push(
        finding(
          ctx,
          `${nameOf(m, i)}的注册领域（${fields.join("、")}）不覆盖所审核的体系（${systems.join("、")}）`,
          evidenceOf(m.registrationNo, r.managementSystems),
        ),
      );
    }
  }
  if (held.size > 0) {
    for (const s of systems) {
      if (!fieldsCovering(s).some((f) => held.has(f))) {
        out.push(finding(ctx, `审核组无人持有覆盖“${s}”的注册证书`, evidenceOf(r.managementSystems)));
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
    if (/实习|trainee/i.test(m.grade.value)) {
      out.push(
        finding(ctx, `审核组长${nameOf(m, i)}的注册级别为“${m.grade.value}”`, evidenceOf(m.name, m.grade)),
      );
    }
  }
  return out;
};

/** The team as a whole must hold a code for the scope: a leader without one is fine if a member or expert has it. */
const noCode: RuleDef["check"] = (ctx) => {
  const team = ctx.report.team.filter((m) => m.role.value !== "observer" && m.role.value !== "guide");
  if (team.some((m) => (m.technicalCodes.value ?? []).some((c) => c.trim() !== ""))) return [];
  if (team.length === 0 || team.every((m) => m.technicalCodes.value === null)) {
    return [unchecked(ctx, "专业代码", ["审核组成员的专业代码"])];
  }
  return [
    finding(
      ctx,
      `审核组（${team.map((m, i) => nameOf(m, i)).join("、")}）及技术专家均无专业代码`,
      team.flatMap((m) => evidenceOf(m.name, m.technicalCodes)),
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

const signature: RuleDef["check"] = (ctx) => {
  const r: Report = ctx.report;
  const sigs = r.signatures.value;
  if (sigs === null) return [unchecked(ctx, "签字", ["签字栏姓名"])];
  const auditors = r.team.filter(isAuditor);
  if (auditors.length === 0) return [unchecked(ctx, "签字", ["审核组成员"])];
  return auditors
    .filter((m) => m.name.value !== null && !signed(m.name.value, sigs, ctx.config.nameDistance))
    .map((m) =>
      finding(
        ctx,
        `${m.role.value === "leader" ? "审核组长" : "审核组员"}${m.name.value}未出现在签字栏（签字：${sigs.join("、") || "无"}）`,
        evidenceOf(m.name, r.signatures),
      ),
    );
};

export const teamRules: RuleDef[] = [
  {
    id: "TEAM-REG-FORMAT",
    family: "TEAM",
    severity: "medium",
    description: "注册证书号格式不符或年份晚于审核",
    check: regFormat,
  },
  {
    id: "TEAM-REG-FIELD",
    family: "TEAM",
    severity: "medium",
    description: "注册领域不覆盖所审核的体系",
    check: regField,
  },
  {
    id: "TEAM-LEADER-TRAINEE",
    family: "TEAM",
    severity: "high",
    description: "审核组长为实习审核员",
    check: leaderTrainee,
  },
  {
    id: "TEAM-NO-CODE",
    family: "TEAM",
    severity: "high",
    description: "审核组无人具备专业代码",
    check: noCode,
  },
  {
    id: "TEAM-SIGNATURE",
    family: "TEAM",
    severity: "medium",
    description: "组长或组员未签字",
    check: signature,
  },
];
