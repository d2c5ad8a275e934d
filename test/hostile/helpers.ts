/** Shared by the hostile-input tests. */
import { readdir, realpath } from "node:fs/promises";
import path from "node:path";
import type { AuditRecord } from "../../src/domain/record.ts";

/** OCR lines that parse as an audit report (the ScriptedEngine returns them for every page). */
export const REPORT_LINES = [
  "管理体系审核报告",
  "项目编号：20647-2023-Q",
  "组织名称：重庆金微科技有限公司",
  "一、审核综述",
  "1.1 审核组成员",
  "五、审核组推荐意见",
];

/** Every file under `dir` (not following symlinks), as real paths. */
export async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await allFiles(full)));
    else out.push(await realpath(full));
  }
  return out;
}

/** A record without what varies run to run (timings). */
export function stable(record: AuditRecord): unknown {
  const copy = structuredClone(record);
  copy.document.timings = { totalMs: 0, ocrMs: 0 };
  return copy;
}
