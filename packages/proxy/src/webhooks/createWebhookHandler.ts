import {
  parseWebhookEvent,
  verifyWebhook,
  type FluxWebhookEvent,
  type VerifyWebhookOptions,
} from "@flux-kit/core";
import { BodyTooLargeError, readLimited } from "../engine/body";
import { FluxProxyConfigError } from "../engine/FluxProxyConfigError";
import { createMemoryStore } from "../store/createMemoryStore";
import type { ProxyStore } from "../store/ProxyStore";
import { runOnce, WorkFailedError, type OnceOutcome } from "../store/runOnce";

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
  /**
   * Where handled deliveries are remembered, so that a repeat is dropped by every instance sharing it (BFL
   * may deliver a repeat to another instance). When it fails, deliveries get 503 and BFL delivers them again.
   * @default createMemoryStore() (this process only)
   * @example { store: createRedisStore({ url: process.env.REDIS_URL }) }
   */
  readonly store?: ProxyStore;
}

/** How long a delivery being handled holds its claim: a repeat on another instance waits for it that long. */
const DELIVERY_LEASE_MS = 5 * 60_000;

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
  const store = options.store ?? createMemoryStore();
  const inflight = new Map<string, Promise<OnceOutcome>>();
  const times = { leaseMs: DELIVERY_LEASE_MS, ttlMs: options.dedupeTtlMs ?? 86_400_000 };
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
    const key = `webhook:${event.taskId}\n${event.outcome}`;
    let handled: OnceOutcome;
    try {
      handled = await runOnce(
        store,
        inflight,
        key,
        times,
        async () => {
          await options.onEvent(event);
          return "";
        },
        (error) => console.error("[@flux-kit/proxy] the webhook store failed to record a delivery:", error),
      );
    } catch (error) {
      if (error instanceof WorkFailedError) {
        return json(500, { detail: "The webhook could not be processed; deliver it again." });
      }
      return json(503, {
        detail: "The webhook store is unreachable, so repeats cannot be told apart; deliver it again.",
      });
    }
    if (!handled.ran) return json(200, { ok: true, duplicate: true });
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
