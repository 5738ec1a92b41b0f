import type { FluxWebhookEvent } from "@flux-kit/core";
import type { EngineContext } from "./context";
import { endpointTasks, KNOWN_STATUSES, statusOutcome, takesWebhooks } from "./coreBridge";
import { ok } from "./responses";
import type { PlainResponse } from "./types";

// The proxy's own webhooks (`webhooks`): what a submit adds, and how a task's delivery is kept in the store.
// A task's delivery key is claimed (pending) by its submit for the fallback window, then settled by the
// webhook with the answer a poll gives, or freed by the window's end (then the task is polled upstream).

/** A task id as the proxy takes it, in polls and deliveries alike (BFL's are UUIDs). */
export const TASK_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The store key of a task's webhook outcome. */
export const deliveryKey = (taskId: string): string => `delivery:${taskId}`;
/** The claim token a submit holds a delivery key under, and the one its webhook settles it with. */
export const DELIVERY_TOKEN = "webhook";
/**
 * How long a delivered outcome is kept: it answers polls (BFL keeps a task for an hour), and it is what makes a
 * repeat of the delivery a repeat. A field-shaped delivery carries no timestamp, so a captured one can be
 * replayed at any time: the outcome outlives the task's binding (3 h), after which a replay frees and runs
 * nothing, and only a poll with the submitter's token is answered from it (`planPoll`).
 */
export const OUTCOME_TTL_MS = 24 * 60 * 60_000;
/** The shortest default wait for a webhook: BFL retries a failed delivery after 1, 5 and 30 s (docs/bfl-api.md §7). */
const MIN_FALLBACK_MS = 30_000;

/** The `webhook_url` and `webhook_secret` a submit of `model` carries, or `undefined` to poll it as usual. */
export function proxyWebhook(
  ctx: EngineContext,
  model: string,
): { readonly url: string; readonly secret: string } | undefined {
  const hooks = ctx.config.webhooks;
  if (!hooks) return undefined;
  if (!hooks.send) {
    ctx.logOnce("error", "webhooks_unset", { message: hooks.missing ?? "Webhooks are not set up." });
    return undefined;
  }
  if (hooks.insecure) {
    ctx.logOnce("warn", "webhooks_insecure", {
      message:
        "`webhooks.publicUrl` is plain http: BFL's guide says it delivers webhooks over https only, so tasks may all be polled after the fallback wait.",
    });
  }
  return takesWebhooks(model) ? hooks.send : undefined;
}

/** How long after its submit a task waits for its webhook before it is polled upstream. */
export function fallbackAfter(ctx: EngineContext, model: string): number {
  const given = ctx.config.webhooks?.fallbackAfterMs;
  if (given !== undefined) return given;
  return Math.max(MIN_FALLBACK_MS, 3 * (endpointTasks(model)?.typicalDurationMs ?? 10_000));
}

/**
 * A poll's answer made without asking BFL (the task's webhook is awaited, or BFL is slow to answer a long poll's
 * poll): BFL's `Pending`, or the in-flight status the client saw last when it is one of BFL's (`Generating`).
 */
export function pendingAnswer(ctx: EngineContext, taskId: string, seen?: string): PlainResponse {
  const inFlight = KNOWN_STATUSES.find((status) => status === seen && statusOutcome(status) === "pending");
  return ok(
    ctx,
    JSON.stringify({
      id: taskId,
      status: inFlight ?? "Pending",
      result: null,
      progress: null,
      details: null,
      preview: null,
    }),
  );
}

/**
 * The `get_result` body a poll answers for a delivered outcome, in BFL's poll shape whichever webhook payload
 * shape brought it (`{ task_id, status: "SUCCESS" }` or `{ id, status: "Ready" }`, docs/bfl-api.md §7).
 */
export function outcomeBody(event: FluxWebhookEvent): string {
  const base = { id: event.taskId, progress: null, preview: null };
  if (event.outcome === "ready") {
    const raw = event.raw.result;
    const result =
      raw !== null && typeof raw === "object" && !Array.isArray(raw) ? raw : (event.result ?? null);
    return JSON.stringify({ ...base, status: "Ready", result, details: null });
  }
  const status =
    event.outcome === "moderated"
      ? event.moderation?.stage === "request"
        ? "Request Moderated"
        : "Content Moderated"
      : "Error";
  const details = event.details ?? (event.error === undefined ? null : { error: event.error });
  return JSON.stringify({ ...base, status, result: null, details });
}

/** Per engine, tasks this instance submitted with its webhook: a poll that finds none delivered says why once. */
const awaiting = new WeakMap<EngineContext, Set<string>>();

/** Notes that `taskId` was submitted with the proxy's webhook. Bounded: a few thousand recent tasks. */
export function noteAwaiting(ctx: EngineContext, taskId: string): void {
  let tasks = awaiting.get(ctx);
  if (!tasks) awaiting.set(ctx, (tasks = new Set()));
  if (tasks.size >= 4096) tasks.clear();
  tasks.add(taskId);
}

/** A poll found no outcome and no wait for `taskId`: if this instance sent it with a webhook, it came late. */
export function noteFallback(ctx: EngineContext, taskId: string): void {
  const tasks = awaiting.get(ctx);
  if (!tasks?.delete(taskId)) return;
  ctx.log("info", "webhook_fallback", { taskId });
  ctx.logOnce("warn", "webhook_late", {
    message:
      "A task's webhook did not arrive before its fallback wait ended, so it is polled from BFL instead. If none arrive, check that `webhooks.publicUrl` reaches this server from the internet.",
  });
}

/** The outcome of `taskId` arrived: no fallback will be reported for it. */
export function noteDelivered(ctx: EngineContext, taskId: string): void {
  awaiting.get(ctx)?.delete(taskId);
}
