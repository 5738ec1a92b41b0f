/**
 * `@flux-kit/core`: a typed client for Black Forest Labs' FLUX API, its models, its errors, webhook
 * verification and the generation controller the React hook is built on. Isomorphic: browsers, Node ≥ 20 and
 * edge runtimes. What only the other flux-kit packages need lives in `@flux-kit/core/internal`.
 * @packageDocumentation
 */

// the client and its policies
export { createFluxClient, type FluxClient } from "./client/createFluxClient";
export { adaptivePolling, fixedPolling } from "./client/polling";
export { deliveryExpiry, isBflDelivery, isDeliveryExpired } from "./client/delivery";
export type * from "./client/types";
export type { AdaptivePollingOptions, PollContext, PollingPolicy, DurationEstimator } from "./client/polling";
export type { Lease, LimiterOptions, ConcurrencyLimiter } from "./client/limiter";
export type { RetryOptions } from "./client/retry";
export type { Region } from "./client/urls";

// errors
export * from "./errors/FluxError";
export type { ProxyErrorCode } from "./errors/proxyErrorCodes";

// models
export type * from "./models/types";
export {
  flux2Flex,
  flux2Klein4b,
  flux2Klein9b,
  flux2Klein9bPreview,
  flux2Max,
  flux2Pro,
  flux2ProPreview,
} from "./models/flux2";
export { flux3Image } from "./models/flux3Image";
export { fluxKontextMax, fluxKontextPro } from "./models/kontext";
export { fluxPro11, fluxPro11Ultra } from "./models/fluxPro11";
export { fluxPro10Expand, fluxPro10Fill } from "./models/fluxPro10";
export { fluxDev } from "./models/fluxDev";
export { getModel, models, type ModelInput, type ModelInputs, type ModelOutput } from "./models/catalogue";
export { getModelInfo, isModelId, modelIds, type ModelId } from "./models/modelInfos";
export { defineModel } from "./models/defineModel";
export { validateInput, type InputValidation } from "./models/validateInput";
export { estimateCost, type CostEstimate, type EstimateCostOptions } from "./models/estimateCost";
export type { Flux3AspectRatio, Flux3Resolution } from "./models/flux3ImageInfo";
export type { Price, PriceBasis } from "./bfl/prices";
export type { InputIssue, InputSchema, StandardSchemaV1 } from "./models/schema";

// response shapes (types only: the parsers are in core/internal)
export type { AsyncResponse, AsyncWebhookResponse, SubmitResponse } from "./schemas/submitResponse";
export type { ResultResponse, ResultSample } from "./schemas/resultResponse";
export type { KnownTaskStatus, StatusOutcome, TaskStage, TaskStatus } from "./schemas/taskStatus";
export type { HTTPValidationError, ValidationErrorItem } from "./schemas/errorBodySchemas";
export type { CreditsResponse } from "./schemas/creditsResponse";
export type { ParseResult } from "./schemas/parseResponse";

// webhooks
export {
  verifyWebhook,
  verifyWebhookOrThrow,
  type VerifyWebhookOptions,
  type WebhookVerification,
  type WebhookVerified,
  type WebhookFailure,
  type WebhookFailureReason,
} from "./webhooks/verifyWebhook";
export { signWebhook, type SignWebhookOptions } from "./webhooks/signWebhook";
export {
  parseWebhookEvent,
  type FluxWebhookEvent,
  type FluxWebhookResult,
  type FluxWebhookModeration,
  type WebhookOutcome,
} from "./webhooks/parseWebhookEvent";
export { receiveWebhook, type ReceivedWebhook } from "./webhooks/receiveWebhook";
export { WebhookVerificationError } from "./webhooks/WebhookVerificationError";
export { WebhookPayloadError } from "./webhooks/WebhookPayloadError";
export type { WebhookScheme } from "./webhooks/webhookConstants";
export type { WebhookHeaders } from "./webhooks/webhookHeaders";
export type { WebhookBytes } from "./webhooks/webhookCrypto";
export type { FieldWebhookPayload, SkillWebhookPayload } from "./webhooks/webhookPayload";

// the generation controller (what `useFluxGeneration` is built on)
export {
  createGenerationController,
  type GenerationCallbacks,
  type GenerationController,
  type GenerationControllerOptions,
} from "./generation/createGenerationController";
export { createJobTray, type JobTray, type JobTrayOptions, type TrayJob } from "./generation/createJobTray";
export type { GenerationPersistence, GenerationPersistenceOptions } from "./generation/generationPersistence";
export type { FluxGenerationStatus } from "./generation/generationStatus";
export type { FluxGenerationState, GenerationEvent } from "./generation/generationState";
export type { FluxStorage, GenerationRecord } from "./generation/generationRecord";
export type { TaskWatch, TaskWatcher, TaskWatchListener } from "./generation/taskWatcher";
