import { parseWebhookEvent, verifyWebhook, type FluxWebhookEvent } from "@flux-kit/core";
import type { EngineContext } from "./context";
import { BodyTimeoutError, BodyTooLargeError } from "./body";
import { deliveryKey, DELIVERY_TOKEN, noteDelivered, OUTCOME_TTL_MS, outcomeBody } from "./deliveries";
import { detail, jsonText, refuse, storeUnavailable } from "./responses";
import { runOnResult } from "./runOnResult";
import type { IncomingMeta, Plan, PlainResponse, ReadBody } from "./types";

/** Largest webhook body read: an outcome is a few hundred bytes. */
const MAX_WEBHOOK_BYTES = 1024 * 1024;

const respond = (response: PlainResponse): Plan => ({ type: "respond", response });
const OK = jsonText(200, JSON.stringify({ ok: true }));

/**
 * `POST /v1/webhook` (with `webhooks`): BFL's delivery of a task's outcome. Not behind `authorize` (BFL is not
 * a user): a delivery counts only when it verifies with the webhook secret (core's `verifyWebhook`, 401
 * otherwise). Its outcome is kept in the store, where every instance's polls answer it, and then, when this
 * proxy submitted the task, its places are freed and `onResult` runs once, whether or not anyone polls. A
 * repeat changes nothing. A store or hook that fails answers 503 or 500, so BFL delivers again.
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
    rawBody = await readBody(MAX_WEBHOOK_BYTES, ctx.config.bodyTimeoutMs);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return respond(detail(413, "Webhook body too large."));
    if (error instanceof BodyTimeoutError)
      return respond(detail(408, "The webhook body did not arrive in time."));
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
  ctx.log("info", "webhook", { taskId, outcome: event.outcome });
  // progress reports change nothing: polls keep answering Pending until the outcome
  if (event.outcome === "pending") return respond(OK);

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
  // a task this proxy did not submit (or whose binding is gone) is answered from the store, and frees nothing
  if (binding === undefined) return respond(OK);
  await ctx.store.releaseTask(taskId).catch((error: unknown) => {
    ctx.reportError({ error, kind: "store", route: "webhook", taskId });
  });
  if (event.outcome !== "ready") return respond(OK);
  const result = (JSON.parse(body) as { result: unknown }).result;
  if (result === null || typeof result !== "object") return respond(OK);
  try {
    const hook = await runOnResult(ctx, "webhook", taskId, result as Record<string, unknown>, binding.client);
    // BFL delivers again, and the hook runs again (its claim was given up), also with no one polling
    if (hook.failed) return respond(detail(500, "The proxy's onResult hook failed; deliver again."));
  } catch (error) {
    ctx.reportError({ error, kind: "store", route: "webhook", taskId });
    return respond(storeUnavailable());
  }
  return respond(OK);
}
