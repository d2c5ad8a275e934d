import { z } from "zod";
import { SAFE_ID } from "../export/crops.ts";
import { REPORT_STATES } from "./catalog-state.ts";

/** Every body and query the API takes, checked before anything is read or written: a request that does
 * not parse gets a 400 and changes nothing. */
const Reviewer = z.string().trim().min(1).max(100);

export const DocParams = z.object({ id: z.string().regex(SAFE_ID) });
export const FlagParams = DocParams.extend({ fp: z.string().regex(/^[0-9a-f]{24}(#\d{1,4})?$/) });
export const PageParams = DocParams.extend({ page: z.coerce.number().int().min(1).max(10_000) });
export const CropParams = z.object({ file: z.string().regex(/^[0-9a-f]{8,128}(~\d{1,4})?-\d{1,6}\.jpg$/i) });

export const DecisionBody = z
  .object({
    action: z.enum(["confirm", "dismiss", "reopen"]),
    reason: z.string().trim().max(2000).optional(),
    reviewer: Reviewer,
  })
  .strict()
  .refine((b) => b.action !== "dismiss" || (b.reason ?? "") !== "", {
    message: "dismissing a flag needs a reason",
    path: ["reason"],
  });

export const NoteBody = z.object({ note: z.string().max(20_000), reviewer: Reviewer }).strict();

export const CorrectionBody = z
  .object({
    field: z.string().min(1).max(100),
    /** null or "" = the report does not state it. Ignored when revert is set. */
    value: z.string().max(20_000).nullable(),
    revert: z.boolean().optional(),
    reviewer: Reviewer,
  })
  .strict();

const csv = (s: string) => s.split(",").filter(Boolean);

export const ListQuery = z
  .object({
    rule: z.string().max(100).optional(),
    severity: z
      .string()
      .optional()
      .transform((s) => (s ? csv(s) : []))
      .pipe(z.array(z.enum(["high", "medium", "low"]))),
    q: z.string().max(200).optional(),
    state: z.enum(REPORT_STATES as ["blocked", "pending", "cleared"]).optional(),
    flagged: z
      .enum(["0", "1"])
      .optional()
      .transform((v) => v === "1"),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
