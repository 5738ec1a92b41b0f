import { parseWebhookEvent, verifyWebhook, type FluxWebhookEvent } from "@flux-kit/core";
import type { EngineContext } from "./context";
import { BodyTimeoutError, BodyTooLargeError, isReencoded } from "./body";
import {
  deliveryKey,
  DELIVERY_TOKEN,
  noteDelivered,
  OUTCOME_TTL_MS,
  outcomeBody,
  TASK_ID,
} from "./deliveries";
import { isAllowedDeliveryOrigin, parseFetchableUrl } from "./hosts";
import { detail, jsonText, refuse, storeUnavailable } from "./responses";
import { runOnResult } from "./runOnResult";
import { releasePlaces } from "./takePlaces";
import type { IncomingMeta, Plan, PlainResponse, ReadBody } from "./types";

/** Largest webhook body read: an outcome is a few hundred bytes. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;
/** How long a delivery's body may take to arrive: BFL sends a few hundred bytes at once. */
const WEBHOOK_BODY_TIMEOUT_MS = 10_000;

const respond = (response: PlainResponse): Plan => ({ type: "respond", response });
const OK = jsonText(200, JSON.stringify({ ok: true }));

/**
 * `POST /v1/webhook` (with `webhooks`): BFL's delivery of a task's outcome. Not behind `authorize` (BFL is not
 * a user): a delivery counts only when it verifies with the webhook secret (core's `verifyWebhook`, 401
 * otherwise). Its outcome is kept in the store, where every instance's polls answer it, and then, when this
 * proxy submitted the task, its places are freed and `onResult` runs once, whether or not anyone polls. A
 * repeat changes nothing. A store or hook that fails answers 503 or 500, so BFL delivers again.
 *
 * What a delivery says is checked as a poll's answer would be: a status it does not know, or a `Ready` without
 * a sample, is not taken as the task's end (its polls then go to BFL once the wait is over), and a sample on a
 * host that is not a delivery host is refused, so neither `onResult` nor a browser is ever pointed elsewhere.
 */
export async function planWebhook(ctx: EngineContext, meta: IncomingMeta, readBody: ReadBody): Promise<Plan> {
  const hooks = ctx.config.webhooks;
  if (!hooks?.secrets) {
    ctx.logOnce("error", "webhooks_unset", { message: hooks?.missing ?? "Webhooks are not set up." });
    return respond(
      refuse("misconfigured", "Webhooks are not set up on this server yet (it has no webhook secret)."),
    );
  }
  let rawBody: Uint8Array;
  try {
    rawBody = await readBody(MAX_WEBHOOK_BYTES, Math.min(ctx.config.bodyTimeoutMs, WEBHOOK_BODY_TIMEOUT_MS));
  } catch (error) {
    if (error instanceof BodyTooLargeError) return respond(detail(413, "Webhook body too large."));
    if (error instanceof BodyTimeoutError) {
      return respond(detail(408, "The webhook body did not arrive in time."));
    }
    return respond(detail(400, "The webhook body could not be read."));
  }
  const verdict = await verifyWebhook({
    rawBody,
    headers: meta.toRequest().headers,
    secret: hooks.secrets,
    ...(hooks.schemes === undefined ? {} : { schemes: hooks.schemes }),
    ...(hooks.toleranceMs === undefined ? {} : { toleranceMs: hooks.toleranceMs }),
  });
  if (!verdict.ok) {
    if (isReencoded(rawBody)) {
      // a body parser in front (express.json(), the Pages Router's) gave the proxy a parse, not BFL's bytes
      ctx.logOnce("error", "webhook_body_parsed", { message: PARSED_BODY });
      return respond(refuse("misconfigured", PARSED_BODY));
    }
    ctx.log("warn", "refused", { reason: "webhook_signature", detail: verdict.reason });
    return respond(detail(401, verdict.message));
  }
  let event: FluxWebhookEvent;
  try {
    event = parseWebhookEvent(rawBody);
  } catch (error) {
    return respond(detail(400, error instanceof Error ? error.message : "Unreadable webhook payload."));
  }
  const { taskId } = event;
  if (!TASK_ID.test(taskId)) return respond(detail(400, "The webhook names no valid task id."));
  ctx.log("info", "webhook", { taskId, outcome: event.outcome });
  // progress reports, and statuses not known to end a task, change nothing: polls keep answering Pending
  if (event.outcome === "pending" || event.outcome === "unknown") return respond(OK);
  if (event.outcome === "ready") {
    const sample = event.result?.sample;
    if (sample === undefined) {
      // a Ready that names no image is no result: the task's polls go to BFL from now on
      ctx.logOnce("warn", "webhook_without_sample", { message: NO_SAMPLE });
      await ctx.store.abandon(deliveryKey(taskId), DELIVERY_TOKEN).catch(() => undefined);
      return respond(OK);
    }
    if (!allowedSample(ctx, sample)) {
      ctx.log("warn", "refused", { reason: "webhook_sample_host", taskId });
      return respond(detail(422, "The webhook's result.sample is not on a delivery host this proxy allows."));
    }
  }

  const body = outcomeBody(event);
  let binding;
  try {
    // the outcome first: from here every instance's polls answer it (a settled outcome is never replaced)
    await ctx.store.settle(deliveryKey(taskId), DELIVERY_TOKEN, body, OUTCOME_TTL_MS);
    binding = await ctx.store.getTask(taskId);
  } catch (error) {
    ctx.reportError({ error, kind: "store", route: "webhook", taskId });
    return respond(storeUnavailable());
  }
  noteDelivered(ctx, taskId);
  // long polls waiting on it, on every instance, answer now
  await ctx.watches.announce(taskId, { status: 200, text: body }).catch((error: unknown) => {
    ctx.reportError({ error, kind: "store", route: "webhook", taskId });
  });
  // a task this proxy did not submit, or whose submit is still being answered (which then applies it)
  if (binding === undefined) return respond(OK);
  return respond(await applyOutcome(ctx, "webhook", taskId, body, binding.client));
}

/**
 * What a delivered outcome does for the task's submitter: frees its places and, for `Ready`, runs `onResult`
 * once. Run by the delivery, or by the submit when the delivery came before the submit's answer was done.
 * Answers the delivery: 500 when the hook failed (BFL delivers again, and the hook runs again), 503 when the
 * store failed.
 */
export async function applyOutcome(
  ctx: EngineContext,
  route: "webhook" | "submit",
  taskId: string,
  body: string,
  clientId: string,
): Promise<PlainResponse> {
  await releasePlaces(ctx, route, taskId);
  const parsed = JSON.parse(body) as { status: unknown; result: unknown };
  if (parsed.status !== "Ready" || parsed.result === null || typeof parsed.result !== "object") return OK;
  try {
    const hook = await runOnResult(ctx, route, taskId, parsed.result as Record<string, unknown>, clientId);
    if (hook.failed) return detail(500, "The proxy's onResult hook failed; deliver again.");
  } catch (error) {
    ctx.reportError({ error, kind: "store", route, taskId });
    return storeUnavailable();
  }
  return OK;
}

/** Whether a delivered sample is on a delivery host a poll's answer may point at (BFL's, `imageProxy`'s). */
function allowedSample(ctx: EngineContext, sample: string): boolean {
  const url = parseFetchableUrl(sample);
  return url !== undefined && isAllowedDeliveryOrigin(url, ctx.config.imageProxy?.extraOrigins ?? new Set());
}

const PARSED_BODY =
  "A webhook's signature cannot be checked: a body parser in front of the proxy (express.json(), the Next.js " +
  "Pages Router's bodyParser) read the body first. Mount the proxy before it, or set `export const config = " +
  "{ api: { bodyParser: false } }` on the Pages route.";

const NO_SAMPLE =
  "A webhook said a task is Ready but named no result.sample, so it was not taken as the result: the task is " +
  "polled from BFL instead.";
