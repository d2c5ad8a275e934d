/** Stable error codes: matched by code, never by message. The CLI maps them to exit codes. */
export const ERROR_CODES = {
  INPUT_NOT_FOUND: "the path does not exist",
  INPUT_UNREADABLE:
    "the path was found but cannot be read (permissions, a broken link, a name that is not UTF-8)",
  INPUT_EMPTY: "the file is empty",
  INPUT_UNSUPPORTED: "the file type is not a PDF or a page image",
  INPUT_TOO_LARGE: "the file is larger than the configured limit",
  PDF_CORRUPT: "the PDF cannot be read",
  PDF_ENCRYPTED: "the PDF is password-protected",
  PDF_NO_PAGES: "the PDF has no pages",
  PDF_TOO_MANY_PAGES: "the PDF has more pages than the configured limit",
  PDF_RESOURCE_LIMIT:
    "reading the PDF needed more memory, decoded data or time than the configured limits (a compression bomb, a page of millions of drawing operations)",
  IMAGE_CORRUPT: "the image cannot be decoded",
  IMAGE_TOO_LARGE: "the image has more pixels than the configured limit",
  PAGE_RENDER_FAILED: "a page could not be rasterised",
  PAGE_TIMEOUT: "a page took longer than the configured time",
  DOCUMENT_TIMEOUT: "a document took longer than the configured total time; pages not read by then are lost",
  OCR_FAILED: "the OCR engine failed on a page",
  OCR_LANG_MISSING: "OCR language data is not installed",
  NOT_AUDIT_REPORT: "the document is not an audit report",
  NO_TEXT: "no text could be read from any page",
  USAGE: "the command line is wrong",
  CONFIG_INVALID: "the configuration is invalid",
  OUTPUT_UNWRITABLE: "the output folder is not a writable directory",
  QUEUE_UNAVAILABLE: "Redis cannot be reached",
  QUEUE_STATE_LOST:
    "the queue lost a job's results (Redis restarted without persistence): the job is run again",
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class AuditExtractError extends Error {
  override readonly name: string = "AuditExtractError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the user can do about it, shown after the message. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bad input: a problem with one file, recorded on its result; the batch goes on. */
export class InputError extends AuditExtractError {
  override readonly name = "InputError";
}

/** A broken environment (missing language data, Redis down): stops the run. */
export class EnvironmentError extends AuditExtractError {
  override readonly name = "EnvironmentError";
}

export function isAuditExtractError(e: unknown): e is AuditExtractError {
  return e instanceof AuditExtractError;
}
