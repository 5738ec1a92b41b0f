import {
  parseWebhookEvent,
  verifyWebhook,
  type FluxWebhookEvent,
  type VerifyWebhookOptions,
} from "@flux-kit/core";
import { BodyTooLargeError, readLimited } from "../engine/body";
import { TaskMemo } from "../engine/TaskMemo";

export interface WebhookHandlerOptions {
  /**
   * The `webhook_secret` you sent with the generation request (several to rotate).
   * @example { secret: process.env.BFL_WEBHOOK_SECRET! }
   */
  readonly secret: string | readonly string[];
  /**
   * Called once per task id with the verified, parsed event. Throw to answer 500, so BFL delivers again.
   * @example { onEvent: async (e) => { if (e.outcome === "ready") await persist(e.taskId, e.result!.sample) } }
   */
  readonly onEvent: (event: FluxWebhookEvent) => void | Promise<void>;
  /**
   * Replay window for timestamped deliveries, in ms (see core's `verifyWebhook`).
   * @default 300_000
   */
  readonly toleranceMs?: number;
  /** Signature schemes to accept (see core's `verifyWebhook`). @default ["hmac-sha256", "shared-secret"] */
  readonly schemes?: VerifyWebhookOptions["schemes"];
  /**
   * Largest body accepted, in bytes → 413.
   * @default 1_048_576
   */
  readonly maxBodyBytes?: number;
  /**
   * How long a task id is remembered to drop repeated deliveries, in ms.
   * @default 86_400_000 (24 hours)
   */
  readonly dedupeTtlMs?: number;
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });

/**
 * A Web handler for BFL webhook deliveries: verifies them with core's `verifyWebhook` (401 on a bad or missing
 * signature), parses them, and calls `onEvent` once per task id (repeats answer 200 without calling it).
 *
 * @example
 * // app/api/flux/webhook/route.ts
 * export const POST = createWebhookHandler({ secret: process.env.BFL_WEBHOOK_SECRET!, onEvent: save });
 */
export function createWebhookHandler(
  options: WebhookHandlerOptions,
): (request: Request) => Promise<Response> {
  const secrets = typeof options.secret === "string" ? [options.secret] : options.secret;
  if (!secrets.some((s) => s.trim() !== "")) {
    throw new TypeError(
      "createWebhookHandler() needs the `secret` you send as `webhook_secret` with each request.",
    );
  }
  const seen = new TaskMemo<Promise<void>>(100_000, options.dedupeTtlMs ?? 86_400_000);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  return async (request) => {
    if (request.method !== "POST") return json(405, { detail: "Method Not Allowed" });
    let rawBody: Uint8Array;
    try {
      rawBody = await readLimited(request.body, maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return json(413, { detail: "Webhook body too large." });
      return json(400, { detail: "The webhook body could not be read." });
    }
    const verdict = await verifyWebhook({
      rawBody,
      headers: request.headers,
      secret: options.secret,
      ...(options.toleranceMs === undefined ? {} : { toleranceMs: options.toleranceMs }),
      ...(options.schemes === undefined ? {} : { schemes: options.schemes }),
    });
    if (!verdict.ok) {
      if (verdict.reason === "missing_secret") return json(500, { detail: "Webhook secret not configured." });
      return json(401, { detail: verdict.message });
    }
    let event: FluxWebhookEvent;
    try {
      event = parseWebhookEvent(rawBody);
    } catch (error) {
      return json(400, { detail: error instanceof Error ? error.message : "Unreadable webhook payload." });
    }
    // A task may send progress before its final event: deduplicate on id + outcome.
    const key = `${event.taskId}\n${event.outcome}`;
    const previous = seen.get(key);
    if (previous) {
      await previous.catch(() => undefined);
      if (seen.get(key)) return json(200, { ok: true, duplicate: true });
    }
    const handling = Promise.resolve().then(() => options.onEvent(event));
    seen.set(key, handling);
    try {
      await handling;
    } catch {
      seen.delete(key);
      return json(500, { detail: "The webhook could not be processed; deliver it again." });
    }
    return json(200, { ok: true });
  };
}
