export { verifyWebhook, verifyWebhookOrThrow } from "./verifyWebhook";
export type {
  VerifyWebhookOptions,
  WebhookVerification,
  WebhookVerified,
  WebhookFailure,
  WebhookFailureReason,
} from "./verifyWebhook";
export { signWebhook } from "./signWebhook";
export type { SignWebhookOptions } from "./signWebhook";
export { parseWebhookEvent } from "./parseWebhookEvent";
export type {
  FluxWebhookEvent,
  FluxWebhookResult,
  FluxWebhookModeration,
  WebhookOutcome,
} from "./parseWebhookEvent";
export { receiveWebhook } from "./receiveWebhook";
export type { ReceivedWebhook } from "./receiveWebhook";
export { WebhookVerificationError } from "./WebhookVerificationError";
export { WebhookPayloadError } from "./WebhookPayloadError";
export { WEBHOOK_HEADERS, WEBHOOK_SCHEMES, DEFAULT_WEBHOOK_TOLERANCE_MS } from "./webhookConstants";
export type { WebhookScheme } from "./webhookConstants";
export type { WebhookHeaders } from "./webhookHeaders";
export type { WebhookBytes } from "./webhookCrypto";
export { fieldWebhookPayloadSchema, skillWebhookPayloadSchema } from "./webhookPayload";
export type { FieldWebhookPayload, SkillWebhookPayload } from "./webhookPayload";
