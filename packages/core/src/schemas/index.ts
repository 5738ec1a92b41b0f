export {
  parseSubmitResponse,
  safeParseSubmitResponse,
  type AsyncResponse,
  type AsyncWebhookResponse,
  type SubmitResponse,
} from "./submitResponse";
export {
  parseResultResponse,
  safeParseResultResponse,
  type ResultResponse,
  type ResultSample,
} from "./resultResponse";
export {
  KNOWN_STATUSES,
  isTerminalStatus,
  statusOutcome,
  taskStage,
  type KnownTaskStatus,
  type StatusOutcome,
  type TaskStage,
  type TaskStatus,
} from "./taskStatus";
export { normalizeProgress } from "./progress";
export { moderationReasons } from "./moderationReasons";
export { detailMessage, retryAfterFromBody } from "./errorBodies";
export {
  httpValidationErrorSchema,
  validationErrorItemSchema,
  type HTTPValidationError,
  type ValidationErrorItem,
} from "./errorBodySchemas";
export { parseValidationDetail } from "./parseValidationDetail";
export { parseCreditsResponse, safeParseCreditsResponse, type CreditsResponse } from "./creditsResponse";
export type { ParseResult } from "./shape";
