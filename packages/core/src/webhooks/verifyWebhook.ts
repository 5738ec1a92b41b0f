import { DEFAULT_WEBHOOK_TOLERANCE_MS, WEBHOOK_SCHEMES, type WebhookScheme } from "./webhookConstants";
import type { WebhookBytes } from "./webhookCrypto";
import type { WebhookHeaders } from "./webhookHeaders";
import { checkWebhookSignature } from "./webhookSignature";
import { findWebhookTimestamp } from "./webhookTimestamp";
import { WebhookVerificationError } from "./WebhookVerificationError";
import type { WebhookFailure, WebhookFailureReason } from "./webhookFailure";

export type { WebhookFailure, WebhookFailureReason } from "./webhookFailure";

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /**
   * The request body exactly as received, before any JSON parsing: `await req.text()`,
   * `await req.arrayBuffer()`, or Express's `express.raw()` buffer. Re-serialised JSON will not verify.
   */
  readonly rawBody: WebhookBytes;
  /** The request headers: a Fetch `Headers` or a plain record (Node's `req.headers`). Case-insensitive. */
  readonly headers: WebhookHeaders;
  /**
   * The `webhook_secret` sent with the generation request. Pass several to rotate secrets: any one
   * verifies. A secret that is empty or only whitespace is never used: a blank string, an empty list, or a list
   * with any blank (or non-string) entry, e.g. `[process.env.NEW_SECRET ?? "", old]` with the variable unset, gives
   * reason `"missing_secret"` (a configuration error: answer 500), so a blank key can never verify a forgery.
   */
  readonly secret: string | readonly string[];
  /**
   * Which schemes to accept. BFL's docs disagree on the scheme, so both are accepted by default.
   * `"shared-secret"` sends the secret itself and signs nothing; accept only `"hmac-sha256"` once you know
   * BFL signs.
   * @default ["hmac-sha256", "shared-secret"]
   */
  readonly schemes?: readonly WebhookScheme[];
  /**
   * How far, in ms, the delivery time may lie before or after `now`. Applied only when a timestamp is
   * present (an `X-BFL-Timestamp` / `webhook-timestamp` header, else the payload's `timestamp` field).
   * `Infinity` turns the check off.
   * @default 300_000 (5 minutes)
   */
  readonly toleranceMs?: number;
  /**
   * Reject deliveries that carry no timestamp (reason `"missing_timestamp"`). Off by default because no BFL
   * source documents a timestamp header, and the field-observed payload has no `timestamp`.
   * @default false
   */
  readonly requireTimestamp?: boolean;
  /**
   * The clock, in ms since the epoch (inject it in tests).
   * @default Date.now
   */
  readonly now?: () => number;
}

/** A webhook that passed verification. */
export interface WebhookVerified {
  readonly ok: true;
  /** The scheme that matched. */
  readonly scheme: WebhookScheme;
  /** The delivery time that was checked against the replay window; absent when none was sent. */
  readonly timestamp?: Date;
  /** Where `timestamp` came from. */
  readonly timestampSource?: "header" | "payload";
}

/**
 * The outcome of {@link verifyWebhook}: branch on `ok`, then on `reason`.
 * @example
 * if (!result.ok && result.reason === "expired") log.warn("replayed webhook?", result.message);
 */
export type WebhookVerification = WebhookVerified | WebhookFailure;

/**
 * Checks that a webhook came from BFL, without throwing. Accepts `X-BFL-Signature: sha256=<hex HMAC-SHA256
 * of the raw body>` (prefix optional, hex in either case, several comma-separated signatures allowed) and
 * `X-Webhook-Secret: <secret>`, as `schemes` allows. Every comparison is constant-time.
 *
 * Then applies the replay window: the `X-BFL-Timestamp` or `webhook-timestamp` header (unix seconds, unix
 * ms or ISO 8601), else the payload's `timestamp` field, must lie within `toleranceMs` of `now`.
 * **A delivery with no timestamp is accepted** unless `requireTimestamp` is set: BFL documents none for
 * sure, so to stop replays also deduplicate on the task id. Note that under `"hmac-sha256"` only the body is
 * signed, so a header timestamp is not authenticated; the payload's is.
 *
 * Uses WebCrypto only: runs in Node ≥ 20, browsers and edge runtimes.
 *
 * @returns `{ ok: true, scheme, timestamp? }` or `{ ok: false, reason, message }`.
 * @example
 * // app/api/flux/webhook/route.ts (Next.js App Router)
 * import { verifyWebhook, parseWebhookEvent } from "@flux-kit/core";
 *
 * export async function POST(req: Request) {
 *   const rawBody = await req.text(); // the exact bytes: never JSON.stringify(await req.json())
 *   const check = await verifyWebhook({ rawBody, headers: req.headers, secret: process.env.BFL_WEBHOOK_SECRET! });
 *   if (!check.ok) return new Response(check.message, { status: check.reason === "missing_secret" ? 500 : 401 });
 *   const event = parseWebhookEvent(rawBody);
 *   if (event.outcome === "ready") await saveImage(event.taskId, event.result?.sample);
 *   return new Response(null, { status: 204 });
 * }
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookVerification> {
  const { rawBody, headers } = options;
  const list = Array.isArray(options.secret);
  const given = (list ? options.secret : [options.secret]) as readonly unknown[];
  const blank = given.findIndex((s) => typeof s !== "string" || s.trim() === "");
  const schemes = options.schemes ?? WEBHOOK_SCHEMES;
  const toleranceMs = options.toleranceMs ?? DEFAULT_WEBHOOK_TOLERANCE_MS;
  if (schemes.length === 0) throw new TypeError("verifyWebhook: `schemes` must name at least one scheme.");
  if (!(toleranceMs >= 0))
    throw new TypeError("verifyWebhook: `toleranceMs` must be a number >= 0 (or Infinity).");
  if (given.length === 0 || (!list && blank === 0)) {
    return fail("missing_secret", "No webhook secret is configured, so no webhook can be verified.");
  }
  if (blank !== -1) {
    return fail(
      "missing_secret",
      `Webhook secret ${blank + 1} of ${given.length} is blank: set it or remove it from the list (a blank ` +
        "secret would let anyone sign a webhook).",
    );
  }
  const secrets = given as readonly string[];

  const signature = await checkWebhookSignature(rawBody, headers, secrets, schemes);
  if (!signature.ok) return signature;

  const found = findWebhookTimestamp(rawBody, headers);
  if ("failure" in found) return found.failure;
  if (!found.timestamp) {
    return options.requireTimestamp
      ? fail("missing_timestamp", "The webhook carries no timestamp, and one is required.")
      : { ok: true, scheme: signature.scheme };
  }
  const { timestamp, source } = found;
  const nowMs = (options.now ?? Date.now)();
  const skew = nowMs - timestamp.getTime();
  if (Math.abs(skew) > toleranceMs) {
    const when =
      skew > 0 ? `${Math.round(skew / 1000)} s old` : `${Math.round(-skew / 1000)} s in the future`;
    return fail(
      "expired",
      `The webhook timestamp (${timestamp.toISOString()}) is ${when}, outside the ` +
        `${Math.round(toleranceMs / 1000)} s window: a replay, or a wrong clock.`,
    );
  }
  return { ok: true, scheme: signature.scheme, timestamp, timestampSource: source };
}

/**
 * Like {@link verifyWebhook}, but resolves with the success and throws a {@link WebhookVerificationError}
 * (code `"auth"`, with `reason` and `httpStatus`) on failure.
 *
 * @example
 * const { scheme } = await verifyWebhookOrThrow({ rawBody: await req.text(), headers: req.headers, secret });
 */
export async function verifyWebhookOrThrow(options: VerifyWebhookOptions): Promise<WebhookVerified> {
  const result = await verifyWebhook(options);
  if (!result.ok) throw new WebhookVerificationError(result);
  return result;
}

function fail(reason: WebhookFailureReason, message: string): WebhookFailure {
  return { ok: false, reason, message };
}
