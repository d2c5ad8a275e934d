import { AuditExtractError, ERROR_CODES, type ErrorCode } from "../domain/errors.ts";
import { safeLine } from "../domain/redact.ts";

/** The one place errors become exit codes (record.md): 0 all extracted, 3 some inputs rejected,
 * 2 usage error, 1 a broken environment or an unexpected failure. */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, REJECTED: 3 } as const;

/** Mistakes in what the user asked for: the command line, the configuration, an --out that is no folder. */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set(["USAGE", "CONFIG_INVALID", "OUTPUT_UNWRITABLE"]);

export function exitCodeFor(e: unknown): number {
  if (e instanceof AuditExtractError) return USAGE_CODES.has(e.code) ? EXIT.USAGE : EXIT.FAILURE;
  return EXIT.FAILURE;
}

/** One clear line: the code, what happened, and how to fix it; secrets redacted, control characters escaped. */
export function describeError(e: unknown): string {
  if (e instanceof AuditExtractError) {
    const hint = e.hint ? ` (${e.hint})` : "";
    return safeLine(`error ${e.code}: ${e.message}${hint}`);
  }
  const msg = e instanceof Error ? e.message : String(e);
  return safeLine(`error: ${msg}`);
}

export function knownCode(code: string): boolean {
  return code in ERROR_CODES;
}
