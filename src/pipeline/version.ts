/** Bumped when a change alters what the pipeline extracts: part of the idempotency key. */
export const PIPELINE_VERSION = "0.1.0";
