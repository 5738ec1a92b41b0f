/**
 * How a webhook proves it came from BFL. BFL's documentation disagrees with itself (reference §7), so both
 * are supported:
 * - `"hmac-sha256"`: `X-BFL-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>` (BFL's API skill).
 * - `"shared-secret"`: `X-Webhook-Secret: <the secret itself>` (docs.bfl.ai FLUX.2 pages).
 *
 * @example
 * await verifyWebhook({ rawBody, headers, secret, schemes: ["hmac-sha256"] satisfies WebhookScheme[] });
 */
export type WebhookScheme = "hmac-sha256" | "shared-secret";

/**
 * Every scheme, in the order they are checked: the default of `verifyWebhook`'s `schemes`.
 * @example
 * WEBHOOK_SCHEMES.includes(scheme)
 */
export const WEBHOOK_SCHEMES: readonly WebhookScheme[] = /* @__PURE__ */ Object.freeze([
  "hmac-sha256",
  "shared-secret",
]);

/**
 * Header names flux-kit reads and writes (canonical case; reads are case-insensitive).
 * @example
 * const sig = req.headers.get(WEBHOOK_HEADERS.signature); // "sha256=…"
 */
export const WEBHOOK_HEADERS = /* @__PURE__ */ Object.freeze({
  /** Scheme `"hmac-sha256"`: `sha256=<hex>`. */
  signature: "X-BFL-Signature",
  /** Scheme `"shared-secret"`: the secret itself. */
  secret: "X-Webhook-Secret",
  /** Delivery time (unix seconds); read as well as `webhook-timestamp`. */
  timestamp: "X-BFL-Timestamp",
  /** Standard Webhooks' timestamp header, also read. */
  standardTimestamp: "webhook-timestamp",
} as const);

/**
 * Default replay window of `verifyWebhook`: 5 minutes (300 000 ms) either side of `now`.
 * @example
 * await verifyWebhook({ rawBody, headers, secret, toleranceMs: 2 * DEFAULT_WEBHOOK_TOLERANCE_MS });
 */
export const DEFAULT_WEBHOOK_TOLERANCE_MS = 300_000; // 5 minutes
