/** Optional LLM assist (issue 9): fills scalar fields the parser left null or unsure, each backed by a verified quote. */
export {
  type AssistDeps,
  type AssistResult,
  type AssistUsage,
  assistRecord,
  assistReport,
  LLM_CONFIDENCE,
  LLM_CONFIDENCE_FUZZY,
  runLlmAssist,
} from "./assist.ts";
export { LlmConfig, llmConfigFromEnv } from "./config.ts";
export { type AssistKey, FIELD_SPECS, PROMPT_VERSION } from "./fields.ts";
