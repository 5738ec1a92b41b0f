import { FluxError, type FluxErrorOptions } from "../errors/FluxError";
import type { WebhookFailure, WebhookFailureReason } from "./webhookFailure";

/**
 * A webhook failed verification (thrown by `verifyWebhookOrThrow` and `receiveWebhook`). Its `code` is
 * `"auth"`; branch on `reason`. Answer `401` for every reason except `"missing_secret"`, which is a server
 * misconfiguration (answer `500`). The message never contains the secret or the signature.
 *
 * @example
 * try { await verifyWebhookOrThrow({ rawBody, headers, secret }) }
 * catch (e) {
 *   if (e instanceof WebhookVerificationError) return new Response(null, { status: e.httpStatus })
 *   throw e
 * }
 */
export class WebhookVerificationError extends FluxError {
  override readonly name: string = "WebhookVerificationError";
  /** Why verification failed. */
  readonly reason: WebhookFailureReason;

  constructor(failure: WebhookFailure, options: FluxErrorOptions = {}) {
    super("auth", failure.message, options);
    this.reason = failure.reason;
  }

  /** The status a receiver should answer with: `500` for `"missing_secret"`, otherwise `401`. */
  get httpStatus(): 401 | 500 {
    return this.reason === "missing_secret" ? 500 : 401;
  }
}
