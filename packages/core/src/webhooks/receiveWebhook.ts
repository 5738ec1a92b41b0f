import { parseWebhookEvent, type FluxWebhookEvent } from "./parseWebhookEvent";
import { verifyWebhookOrThrow, type VerifyWebhookOptions, type WebhookVerified } from "./verifyWebhook";

/** What {@link receiveWebhook} resolves with: the verified, parsed event and how it was verified. */
export interface ReceivedWebhook {
  readonly event: FluxWebhookEvent;
  readonly verification: WebhookVerified;
}

/**
 * Verifies a webhook, then parses it: {@link verifyWebhookOrThrow} followed by {@link parseWebhookEvent}.
 * Takes the same options as `verifyWebhook` (defaults: both schemes, 5-minute window, no timestamp required).
 *
 * @throws {WebhookVerificationError} when verification fails (answer `err.httpStatus`: 401, or 500 for a
 *   missing secret).
 * @throws {WebhookPayloadError} when the verified body matches no known payload shape (answer 400).
 * @example
 * // Hono
 * app.post("/webhooks/flux", async (c) => {
 *   const { event } = await receiveWebhook({ rawBody: await c.req.text(), headers: c.req.raw.headers, secret });
 *   await jobs.update(event.taskId, event);
 *   return c.body(null, 204);
 * });
 */
export async function receiveWebhook(options: VerifyWebhookOptions): Promise<ReceivedWebhook> {
  const verification = await verifyWebhookOrThrow(options);
  return { event: parseWebhookEvent(options.rawBody), verification };
}
