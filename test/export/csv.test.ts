import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { AuditRecord } from "../../src/domain/record.ts";
import { SCALAR_FIELDS, SCALAR_KEYS } from "../../src/export/fields.ts";
import { FLAG_COLUMNS, NC_COLUMNS, REPORT_COLUMNS, TEAM_COLUMNS, writeCsvs } from "../../src/export/index.ts";
import { f, flag, record, report } from "./builder.ts";

type Row = Record<string, string>;

async function readSheet(
  out: string,
  name: string,
): Promise<{ bytes: Buffer; rows: Row[]; header: string[] }> {
  const bytes = await readFile(path.join(out, "csv", name));
  const text = bytes.toString("utf8");
  const rows = parse(text, { bom: true, columns: true }) as Row[];
  const header = (parse(text, { bom: true, to_line: 1 }) as string[][])[0]!;
  return { bytes, rows, header };
}

/** What a cell should hold, computed here independently of the exporter. */
function expected(value: unknown): string {
  if (value === null) return "";
  if (Array.isArray(value)) return value.join("; ");
  return String(value);
}

/** The exporter puts an apostrophe before formula-looking text (CSV injection); undo it to compare. */
const unformula = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

const records: AuditRecord[] = [
  record({
    file: "b/报告二.pdf",
    flags: [
      flag("DATE-STAGE-ORDER", "high", 3, [120, 880, 1650, 940]),
      flag("TIME-LOW", "high"),
      flag("CHK-UNCLEAR", "low"),
    ],
  }),
  record({
    file: "a/报告一.pdf",
    report: report({
      organization: f('=HYPERLINK("http://evil.example","点我")'),
      scope: f('招标代理服务，\n含 "引号", 逗号; 分号'),
      employees: f(-1),
      ncItems: [],
    }),
    flags: [flag("SCOPE-FOREIGN-TEXT", "high", 2, [1, 2, 3, 4], "-招标代理服务")],
  }),
  record({ file: "c/broken.pdf", report: null }),
];

describe("writeCsvs", () => {
  it("writes four sheets, UTF-8 with BOM, in the documented column order", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "csv-"));
    await writeCsvs(out, records);
    for (const [name, cols] of [
      ["reports.csv", REPORT_COLUMNS],
      ["team.csv", TEAM_COLUMNS],
      ["nonconformities.csv", NC_COLUMNS],
      ["flags.csv", FLAG_COLUMNS],
    ] as const) {
      const { bytes, header, rows } = await readSheet(out, name);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(header).toEqual(cols);
      expect(header.slice(0, 2)).toEqual(["file", "document_id"]);
      for (const row of rows) expect(row.document_id).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("column orders are the documented ones (src/export/README.md): change both together", () => {
    const fieldCols = SCALAR_KEYS.flatMap((k) => [
      SCALAR_FIELDS[k].column,
      `${SCALAR_FIELDS[k].column}_confidence`,
    ]);
    expect(REPORT_COLUMNS).toEqual([
      ...["file", "document_id", "output_name", "status", "kind", "pages", "error_codes"],
      ...["ocr_engine", "ocr_mean_confidence", "ocr_dpi"],
      ...fieldCols,
      ...[
        "conclusion",
        "evaluations",
        "team_size",
        "nc_items",
        "flags_high",
        "flags_medium",
        "flags_low",
        "flag_rules",
      ],
    ]);
    expect(fieldCols.filter((c) => !c.endsWith("_confidence"))).toEqual(
      (
        "report_number certification_body organization audit_type management_systems standards report_date " +
        "audit_start audit_end audit_days stage1_start stage1_end stage1_days coverage_from coverage_to scope " +
        "sites employees founded_date system_implemented_date signatures nc_major nc_minor " +
        "rectification_deadline next_audit_due recommendation"
      ).split(" "),
    );
    expect(TEAM_COLUMNS.join(" ")).toBe(
      "file document_id organization member name name_confidence role role_confidence grade grade_confidence " +
        "registration_no registration_no_confidence technical_codes technical_codes_confidence page",
    );
    expect(NC_COLUMNS.join(" ")).toBe(
      "file document_id organization nc severity severity_confidence clause clause_confidence department " +
        "department_confidence text text_confidence page",
    );
    expect(FLAG_COLUMNS.join(" ")).toBe(
      "file document_id organization flag rule severity status subject message evidence_pages evidence_bboxes evidence_text",
    );
  });

  it("reports.csv holds every scalar field as in the JSON record, Chinese intact, ordered by file", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "csv-"));
    await writeCsvs(out, records);
    const { rows } = await readSheet(out, "reports.csv");
    expect(rows.map((r) => r.file)).toEqual(["a/报告一.pdf", "b/报告二.pdf", "c/broken.pdf"]);
    for (const row of rows) {
      const rec = records.find((r) => r.document.file === row.file)!;
      expect(row.document_id).toBe(rec.document.id);
      expect(row.status).toBe(rec.document.status);
      expect(row.kind).toBe(rec.document.kind);
      expect(row.error_codes).toBe(rec.document.errors.map((e) => e.code).join("; "));
      for (const k of SCALAR_KEYS) {
        const col = SCALAR_FIELDS[k].column;
        const field = rec.report?.[k] ?? null;
        expect(unformula(row[col]!), `${row.file} ${col}`).toBe(expected(field?.value ?? null));
        const conf = field && field.value !== null ? String(field.confidence) : "";
        expect(row[`${col}_confidence`], `${col}_confidence`).toBe(conf);
      }
      const counts = { high: 0, medium: 0, low: 0 };
      for (const fl of rec.flags) counts[fl.severity]++;
      expect(row.flags_high).toBe(String(counts.high));
      expect(row.flags_medium).toBe(String(counts.medium));
      expect(row.flags_low).toBe(String(counts.low));
    }
    const b = rows[1]!;
    expect(b.organization).toBe("杭州数据处理服务有限公司");
    expect(b.sites).toBe("杭州市西湖区文三路 1 号; 杭州市滨江区 2 号");
    expect(b.report_date).toBe("2023-11-10");
    expect(b.conclusion).toBe("审核准则的要求: 符合; 体系运行: 基本有效; 推荐:");
    expect(b.evaluations).toBe("3.1 管理体系的策划: 符合");
    expect(b.flag_rules).toBe("CHK-UNCLEAR; DATE-STAGE-ORDER; TIME-LOW");
    // Quotes, commas, semicolons and a line break inside a cell survive the round trip.
    expect(rows[0]!.scope).toBe('招标代理服务，\n含 "引号", 逗号; 分号');
    // A failed document: key columns and status, no field values.
    expect(rows[2]!.status).toBe("failed");
    expect(rows[2]!.error_codes).toBe("PDF_CORRUPT");
    expect(rows[2]!.organization).toBe("");
  });

  it("neutralises formulas from untrusted text but leaves numbers alone", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "csv-"));
    await writeCsvs(out, records);
    const { rows } = await readSheet(out, "reports.csv");
    expect(rows[0]!.organization).toBe('\'=HYPERLINK("http://evil.example","点我")');
    expect(rows[0]!.employees).toBe("-1");
    const flags = (await readSheet(out, "flags.csv")).rows;
    expect(flags.find((r) => r.rule === "SCOPE-FOREIGN-TEXT")!.evidence_text).toBe("'-招标代理服务");
  });

  it("team, nonconformities and flags: one row each, joinable on document_id", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "csv-"));
    await writeCsvs(out, records);
    const team = (await readSheet(out, "team.csv")).rows;
    expect(team).toHaveLength(4);
    const li = team.find((r) => r.name === "李四")!;
    expect(li.file).toBe("a/报告一.pdf");
    expect(li.registration_no).toBe("2019-N2QMS-1234567; 2020-N1EMS-7654321");
    expect(li.technical_codes).toBe("33.03.01; 33.02.00");
    expect(li.name_confidence).toBe("0.5");
    expect(li.role).toBe("member");
    expect(li.member).toBe("2");

    const ncs = (await readSheet(out, "nonconformities.csv")).rows;
    expect(ncs).toHaveLength(1);
    expect(ncs[0]!.file).toBe("b/报告二.pdf");
    expect(ncs[0]!.text).toBe("未能提供监视测量设备的校准记录，\n不符合标准要求。");
    expect(ncs[0]!.clause).toBe("7.1.5");
    expect(ncs[0]!.severity).toBe("minor");

    const flags = (await readSheet(out, "flags.csv")).rows;
    expect(flags).toHaveLength(4);
    const stage = flags.find((r) => r.rule === "DATE-STAGE-ORDER")!;
    expect(stage.severity).toBe("high");
    expect(stage.status).toBe("finding");
    expect(stage.message).toBe("DATE-STAGE-ORDER 的说明");
    expect(stage.evidence_pages).toBe("3");
    expect(stage.evidence_bboxes).toBe("120,880,1650,940");
    expect(stage.evidence_text).toBe("证据文字");
    const reports = (await readSheet(out, "reports.csv")).rows;
    const ids = new Set(reports.map((r) => r.document_id));
    for (const r of [...team, ...ncs, ...flags]) expect(ids.has(r.document_id!)).toBe(true);
  });

  it("joins a flag's evidence with '; ' like every other list, aligned with its pages and boxes", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "csv-"));
    const two = flag("TEAM-OVERLAP", "medium", 1, [1, 2, 3, 4], "张三");
    two.evidence.push({ page: null, bbox: null, text: "张三（另一份报告）" });
    await writeCsvs(out, [record({ file: "d.pdf", flags: [two] })]);
    const [row] = (await readSheet(out, "flags.csv")).rows;
    expect(row!.evidence_text).toBe("张三; 张三（另一份报告）");
    expect(row!.evidence_pages).toBe("1; -");
  });

  it("writes headers even when there are no rows", async () => {
    const out = await mkdtemp(path.join(tmpdir(), "csv-"));
    await writeCsvs(out, []);
    const { header, rows } = await readSheet(out, "flags.csv");
    expect(header).toEqual(FLAG_COLUMNS);
    expect(rows).toHaveLength(0);
  });
});
