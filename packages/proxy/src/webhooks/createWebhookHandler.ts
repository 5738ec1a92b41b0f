import {
  parseWebhookEvent,
  verifyWebhook,
  type FluxWebhookEvent,
  type VerifyWebhookOptions,
} from "@flux-kit/core";
import { BodyTooLargeError, readLimited } from "../engine/body";
import { FluxProxyConfigError } from "../engine/FluxProxyConfigError";
import { TaskMemo } from "../engine/TaskMemo";

export interface WebhookHandlerOptions {
  /**
   * The `webhook_secret` you sent with the generation request (several to rotate). It may be `undefined` when
   * the handler is created (a build with no secrets in its environment): deliveries then get a 500
   * `{ detail, code: "misconfigured" }` and one log line until it is set. A secret that is empty after trimming,
   * alone or in a list, is a configuration error.
   * @example { secret: process.env.BFL_WEBHOOK_SECRET }
   */
  readonly secret: string | readonly string[] | undefined;
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
  const secret = checkSecret(options.secret);
  if (typeof options.onEvent !== "function") {
    throw new FluxProxyConfigError("createWebhookHandler() needs an `onEvent(event)` function.");
  }
  let reported = false;
  const seen = new TaskMemo<Promise<void>>(100_000, options.dedupeTtlMs ?? 86_400_000);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  return async (request) => {
    if (request.method !== "POST") return json(405, { detail: "Method Not Allowed" });
    if (secret === undefined) {
      if (!reported) {
        reported = true;
        console.error(
          "[@flux-kit/proxy] createWebhookHandler() has no `secret`: set the webhook secret in the server's environment. Deliveries get 500 until then.",
        );
      }
      return json(500, {
        detail: "Webhooks are not set up on this server yet (no webhook secret).",
        code: "misconfigured",
      });
    }
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
      secret,
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

/**
 * The secret(s) as given, checked: `undefined` stays `undefined` (reported per request), anything else must be a
 * string or a non-empty list of strings, none of them empty after trimming.
 */
function checkSecret(secret: unknown): string | readonly string[] | undefined {
  if (secret === undefined) return undefined;
  const list = typeof secret === "string" ? [secret] : secret;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    list.some((s: unknown) => typeof s !== "string" || s.trim() === "")
  ) {
    throw new FluxProxyConfigError(
      "createWebhookHandler(): `secret` must be the `webhook_secret` you send with each request (or a list of " +
        "them to rotate), and none may be empty.",
    );
  }
  return secret as string | readonly string[];
}
