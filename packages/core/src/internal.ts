/**
 * `@flux-kit/core/internal`: BFL facts and building blocks the other flux-kit packages share (the proxy, the
 * mock, the React hook, the UI). **Not part of the public API**: names here change without a major version, as
 * tRPC's `unstable-core-do-not-import` does. Application code imports from `@flux-kit/core`. Names the main entry
 * exports are not repeated here.
 * @packageDocumentation
 */

// BFL facts: hosts, regions, image limits, the proxy's routes
export { isBflApiUrl, isBflDeliveryUrl } from "./bfl/hosts";
export { MAX_IMAGE_PIXELS, base64ImageDimensions, imageDimensions } from "./bfl/images";
export { PRICES, PRICES_AS_OF, creditsFor, priceOf, type PriceUsage } from "./bfl/prices";
export {
  DEFAULT_TASKS,
  ENDPOINT_TASKS,
  ONE_HOUR_MS,
  TEN_MINUTES_MS,
  endpointTasks,
  type EndpointTasks,
} from "./bfl/endpoints";
export {
  IMAGE_ROUTE_PATH,
  MODELS_ROUTE_PATH,
  imageRouteUrl,
  isImageRouteUrl,
  modelsRouteBody,
} from "./bfl/proxyRoutes";
export { REGIONS, isRegion } from "./bfl/regions";
export { PROXY_ERROR_CODES, PROXY_ERROR_STATUS } from "./errors/proxyErrorCodes";
export { errorFromResponse } from "./errors/errorFromResponse";

// client building blocks
export { ConcurrencyLimiter } from "./client/limiter";
export { DurationEstimator, logNormalHazard } from "./client/polling";
export { backoffDelay, parseRetryAfter } from "./client/retry";
export { toSnapshot } from "./client/outcome";
export { mayReceiveKey } from "./client/urls";
export { createRedactor } from "./client/redact";
export { isJsonObject, jsonObject } from "./bfl/json";

// model fields and validation
export { KONTEXT_ASPECT } from "./models/kontextInfo";
export { ULTRA_ASPECT } from "./models/fluxPro11Info";
export { FLUX2_DEFAULT_SIDE, FLUX2_MAX_PIXELS } from "./models/flux2Info";
export {
  FLUX3_ASPECT_RATIOS,
  FLUX3_MAX_IMAGES,
  FLUX3_RESOLUTIONS,
  FLUX3_TIER_PIXELS,
  flux3OutputSize,
} from "./models/flux3ImageInfo";
export { OUTPAINT_MODES } from "./models/fluxToolsInfo";
export { MAX_IMAGE_BYTES, OUTPUT_FORMATS, base64Bytes } from "./models/fieldInfo";
export { parseAspectRatio } from "./models/parseAspectRatio";
export { toInputIssue, toInputIssues } from "./models/toInputIssue";
export { validateModelInput } from "./models/validateInput";
export { fastApiValidationBody, locToPath, toFieldErrors } from "./models/fieldErrors";

// response parsing
export * from "./schemas/index";

// webhooks
export { WEBHOOK_HEADERS, WEBHOOK_SCHEMES, DEFAULT_WEBHOOK_TOLERANCE_MS } from "./webhooks/webhookConstants";
export { fieldWebhookPayloadSchema, skillWebhookPayloadSchema } from "./webhooks/webhookPayload";
export { timingSafeEqual } from "./webhooks/webhookCrypto";

// generation state
export {
  GENERATION_STATUSES,
  isActiveStatus,
  isSettledStatus,
  statusOfError,
  statusOfSnapshot,
} from "./generation/generationStatus";
export { IDLE_GENERATION, reduceGeneration } from "./generation/generationState";
export { decodeGenerationRecord, encodeGenerationRecord } from "./generation/generationRecord";
export { createGenerationPersistence, sessionStorageIfAny } from "./generation/generationPersistence";
export { pollingWatcher } from "./generation/taskWatcher";
export { stableKey } from "./generation/stableKey";
export { toJob } from "./generation/createGenerationController";
