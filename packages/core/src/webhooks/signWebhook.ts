import { WEBHOOK_HEADERS, type WebhookScheme } from "./webhookConstants";
import { hmacSha256, toHex, type WebhookBytes } from "./webhookCrypto";

/** Options of {@link signWebhook}. */
export interface SignWebhookOptions {
  /** The exact body that will be sent (serialise JSON once, then sign and send that same string). */
  readonly body: WebhookBytes;
  /** The task's `webhook_secret`. Must not be empty. */
  readonly secret: string;
  /**
   * How to sign: `"hmac-sha256"` adds `X-BFL-Signature: sha256=<hex>`; `"shared-secret"` adds
   * `X-Webhook-Secret: <secret>`.
   * @default "hmac-sha256"
   */
  readonly scheme?: WebhookScheme;
  /**
   * Delivery time to send as `X-BFL-Timestamp` (unix seconds), a `Date` or ms since the epoch. Omitted by
   * default, as no BFL source documents such a header. It is not covered by the HMAC (BFL's skill signs
   * the body only); put a `timestamp` in the body to have it signed.
   * @default undefined (no timestamp header)
   */
  readonly timestamp?: Date | number;
}

/**
 * Computes the headers that make a webhook delivery pass {@link verifyWebhook}: used by `@flux-kit/mock` to
 * sign the webhooks it sends, and by tests. Merge them into the POST's headers, with the body unchanged.
 *
 * @returns e.g. `{ "X-BFL-Signature": "sha256=5d1f…" }` or `{ "X-Webhook-Secret": "…" }`, plus
 *   `"X-BFL-Timestamp"` when `timestamp` is given.
 * @example
 * const body = JSON.stringify({ task_id: id, status: "SUCCESS", result: { sample: url } });
 * const headers = await signWebhook({ body, secret, scheme: "hmac-sha256", timestamp: Date.now() });
 * await fetch(webhookUrl, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
 */
export async function signWebhook(options: SignWebhookOptions): Promise<Record<string, string>> {
  const { body, secret, scheme = "hmac-sha256", timestamp } = options;
  if (!secret) throw new TypeError("signWebhook: `secret` must be a non-empty string.");
  const headers: Record<string, string> = {};
  if (scheme === "hmac-sha256") {
    headers[WEBHOOK_HEADERS.signature] = `sha256=${toHex(await hmacSha256(secret, body))}`;
  } else {
    headers[WEBHOOK_HEADERS.secret] = secret;
  }
  if (timestamp !== undefined) {
    const ms = timestamp instanceof Date ? timestamp.getTime() : timestamp;
    if (!Number.isFinite(ms)) throw new TypeError("signWebhook: `timestamp` must be a valid Date or number.");
    headers[WEBHOOK_HEADERS.timestamp] = String(Math.floor(ms / 1000));
  }
  return headers;
}
