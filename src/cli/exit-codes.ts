import { AuditExtractError, ERROR_CODES } from "../domain/errors.ts";

/** The one place errors become exit codes (record.md): 0 all extracted, 3 some inputs rejected,
 * 2 usage error, 1 a broken environment or an unexpected failure. */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, REJECTED: 3 } as const;

export function exitCodeFor(e: unknown): number {
  if (e instanceof AuditExtractError)
    return e.code === "USAGE" || e.code === "CONFIG_INVALID" ? EXIT.USAGE : EXIT.FAILURE;
  return EXIT.FAILURE;
}

/** One clear line: the code, what happened, and how to fix it. */
export function describeError(e: unknown): string {
  if (e instanceof AuditExtractError) {
    const hint = e.hint ? ` (${e.hint})` : "";
    return `error ${e.code}: ${e.message}${hint}`;
  }
  const msg = e instanceof Error ? e.message : String(e);
  return `error: ${msg}`;
}

export function knownCode(code: string): boolean {
  return code in ERROR_CODES;
}
