export { createFluxClient, type FluxClient } from "./createFluxClient";
export { ConcurrencyLimiter, type Lease, type LimiterOptions } from "./limiter";
export {
  adaptivePolling,
  fixedPolling,
  logNormalHazard,
  DurationEstimator,
  type AdaptivePollingOptions,
  type PollContext,
  type PollingPolicy,
} from "./polling";
export { backoffDelay, parseRetryAfter, type RetryOptions } from "./retry";
export { DELIVERY_URL_LIFETIME_MS, deliveryExpiry, isBflDelivery, isDeliveryExpired } from "./delivery";
export { toSnapshot } from "./outcome";
export { REGIONS, mayReceiveKey, type Region } from "./urls";
export type * from "./types";
