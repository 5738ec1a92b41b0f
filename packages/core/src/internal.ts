/**
 * `@flux-kit/core/internal`: BFL facts and helpers the other flux-kit packages share (the proxy, the mock, the
 * UI). Not part of the public API: names here change without a major version. Application code imports from
 * `@flux-kit/core`. Names the main entry already exports are not repeated here.
 * @packageDocumentation
 */
export { isBflApiUrl, isBflDeliveryUrl } from "./bfl/hosts";
export { MAX_IMAGE_PIXELS, imageDimensions } from "./bfl/images";
export { IMAGE_ROUTE_PATH, imageRouteUrl, isImageRouteUrl } from "./bfl/proxyRoutes";
export { isRegion } from "./bfl/regions";
export { timingSafeEqual } from "./webhooks/webhookCrypto";
