import type { EngineContext } from "./context";
import { IMAGE_ROUTE_PATH, imageRouteUrl, statusOutcome } from "./coreBridge";
import { isAllowedDeliveryOrigin, isAllowedPollingOrigin, parseFetchableUrl } from "./hosts";
import { jsonText, ok, refuse, storeUnavailable, taskNotFound } from "./responses";
import { runOnResult } from "./runOnResult";
import { releasePlaces } from "./takePlaces";
import { deliveryKey, noteDelivered, noteFallback, pendingAnswer, TASK_ID } from "./deliveries";
import { passThrough, upstreamFailure } from "./upstreamAnswers";
import type { IncomingMeta, Plan, PlainResponse, UpstreamCall, UpstreamFailure, UpstreamJson } from "./types";
import { UpstreamError } from "./upstream";
import type { Heard } from "./watchTasks";
import { resolveClientId } from "./resolveClientId";

const respond = (response: PlainResponse): Plan => ({ type: "respond", response });

function missingId(input: unknown): PlainResponse {
  return jsonText(
    422,
    JSON.stringify({
      detail: [
        input === undefined
          ? { type: "missing", loc: ["query", "id"], msg: "Field required", input: null }
          : { type: "string_pattern_mismatch", loc: ["query", "id"], msg: "Invalid task id", input },
      ],
    }),
  );
}

/**
 * `GET /v1/get_result?id=…[&t=token]`: polls the host that answers for the task. The token (from the proxy's
 * `polling_url`) names that host and proves the caller submitted the task; a caller who did not gets BFL's
 * `Task not found` and frees nothing. Only an answer from the task's own host ends it: a terminal status frees
 * the submitter's slot, and `Ready` runs `onResult` once (with the submitter's client id) and rewrites
 * `result.sample` to the image route. A poll without a token goes to the configured upstream, as BFL's own
 * routes would, and ends the task only if that is its host.
 */
export async function planPoll(
  ctx: EngineContext,
  meta: IncomingMeta,
  authClientId: string | undefined,
): Promise<Plan> {
  const { config } = ctx;
  const params = new URLSearchParams(meta.query);
  const taskId = params.get("id");
  // a long poll (`&wait=20&seen=Pending`): the proxy's own parameters, which BFL's clients never send
  const waitMs = waitFor(config.longPollMaxMs, params.get("wait"));
  const seen = params.get("seen")?.slice(0, 64) ?? undefined;
  if (taskId === null) return respond(missingId(undefined));
  if (!TASK_ID.test(taskId)) return respond(missingId(taskId.slice(0, 200)));
  let caller: string;
  try {
    const pending = resolveClientId(ctx, meta, authClientId);
    caller = (typeof pending === "object" ? await pending : pending) ?? "anonymous";
  } catch (error) {
    ctx.reportError({ error, kind: "hook", route: "poll", taskId });
    return respond(refuse("hook_failed", "The proxy's clientId hook failed."));
  }

  let origin = config.upstreamOrigin;
  /** Whether this poll asks the task's own host, as its submitter: only then may its answer end the task. */
  let authoritative: boolean;
  /** Whether the caller is known to have submitted the task: by its token, or by the task's binding. */
  let submitter: boolean;
  const token = params.get("t");
  if (token !== null) {
    const check = ctx.secrets.tokens.verify(token, taskId, caller);
    const url = check.kind === "valid" ? parseFetchableUrl(check.origin) : undefined;
    if (check.kind === "foreign") {
      ctx.log("warn", "refused", { reason: "not_owner", taskId, clientId: caller });
      return respond(taskNotFound(taskId));
    }
    if (!url || !isAllowedPollingOrigin(url, config.pollingOrigins)) {
      ctx.log("warn", "refused", { reason: "polling_token", taskId });
      return respond(
        refuse("invalid_body", "Invalid polling token: use the polling_url the proxy returned on submit."),
      );
    }
    origin = url.origin;
    authoritative = submitter = true;
  } else {
    let binding;
    try {
      binding = await ctx.store.getTask(taskId);
    } catch (error) {
      // who owns the task cannot be checked: refused, never answered to whoever asks
      ctx.reportError({ error, kind: "store", route: "poll", taskId });
      return respond(storeUnavailable());
    }
    if (binding !== undefined && binding.client !== caller) {
      ctx.log("warn", "refused", { reason: "not_owner", taskId, clientId: caller });
      return respond(taskNotFound(taskId));
    }
    submitter = binding !== undefined;
    authoritative = binding?.origin === origin;
  }

  const finish = async (answer: UpstreamJson): Promise<PlainResponse> => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(answer.text) as Record<string, unknown>;
    } catch {
      return passThrough(ctx, answer);
    }
    if (!body || typeof body !== "object") return passThrough(ctx, answer);
    const status = body.status;
    // the client stops at the same statuses (core's rule: any case, trimmed), so the slot is freed at them,
    // also when a failed task answers an error status with its body (422 or 503 {"status":"Error"}: docs/bfl-api.md
    // Part II §2.4, §8.3); that answer passes through as it came
    const outcome = typeof status === "string" ? statusOutcome(status) : "pending";
    if (authoritative && outcome !== "pending") {
      await releasePlaces(ctx, "poll", taskId);
    }
    if (answer.status !== 200) return passThrough(ctx, answer);
    if (outcome === "ready" && body.result && typeof body.result === "object") {
      const result = body.result as Record<string, unknown>;
      let persisted = false;
      if (authoritative) {
        try {
          persisted = (await runOnResult(ctx, "poll", taskId, result, caller)).replaced;
        } catch (error) {
          // `onResult` cannot be claimed: it is not run twice, and the client polls again
          ctx.reportError({ error, kind: "store", route: "poll", taskId });
          return storeUnavailable();
        }
      }
      if (!persisted) rewriteSample(ctx, meta, result);
      return ok(ctx, ctx.redact(JSON.stringify(body)));
    }
    return ok(ctx, ctx.redact(answer.text));
  };

  if (config.webhooks) {
    // with the proxy's webhooks, a delivered outcome answers from the store and an awaited one is Pending:
    // BFL is asked only when neither is there (a model without webhooks, the wait over, the store down)
    let delivery;
    let read = true;
    try {
      delivery = await ctx.store.peek(deliveryKey(taskId));
    } catch (error) {
      read = false;
      ctx.reportError({ error, kind: "store", route: "poll", taskId });
    }
    if (delivery?.state === "done") {
      // Only the submitter's poll is answered from the store. A delivered outcome outlives the task's binding
      // (24 h against 3 h), so past it a bare id names no submitter: such a poll is asked of BFL, as without
      // webhooks (BFL keeps a task an hour).
      if (submitter) {
        noteDelivered(ctx, taskId);
        return respond(await finish({ status: 200, header: () => undefined, text: delivery.value }));
      }
    } else if (delivery?.state === "pending") {
      if (waitMs === undefined || !authoritative) return respond(pendingAnswer(ctx, taskId));
      // a long poll waits for the webhook itself: nothing is asked of BFL
      return {
        type: "watch",
        run: async (_poll, gone) => {
          const recheck = async () => {
            const now = await ctx.store.peek(deliveryKey(taskId));
            return now?.state === "done" ? { status: 200, text: now.value } : undefined;
          };
          const outcome = await ctx.watches.wait(taskId, {
            seen,
            waitMs,
            poll: undefined,
            signal: gone,
            recheck,
          });
          if (outcome.gone) return undefined;
          return outcome.heard ? finish(toAnswer(outcome.heard)) : pendingAnswer(ctx, taskId);
        },
      };
    } else if (read) {
      // only a store that answered "nothing" says the webhook is late; one that failed said so itself
      noteFallback(ctx, taskId);
    }
  }

  const call: UpstreamCall = {
    method: "GET",
    url: `${origin}/v1/get_result?id=${encodeURIComponent(taskId)}`,
    headers: { "x-key": ctx.secrets.apiKey, accept: "application/json" },
  };
  const fail = (failure: UpstreamFailure, error: unknown) =>
    upstreamFailure(ctx, "poll", failure, error, taskId);
  // a long poll, for the task's own submitter only: other callers' polls (another host, no binding) are
  // answered as plain polls, so that nothing they hear reaches the submitter's wait
  if (waitMs !== undefined && authoritative) {
    return {
      type: "watch",
      run: async (poll, gone) => {
        const outcome = await ctx.watches.wait(taskId, {
          seen,
          waitMs,
          poll: () => poll(call),
          signal: gone,
        });
        if (outcome.gone) return undefined;
        if (outcome.heard) return finish(toAnswer(outcome.heard));
        // BFL is slow to answer the poll in flight: the wait still ends on time (it is what keeps a request
        // under a platform's limit), with the status the client saw, and BFL is not asked twice
        if (outcome.asking) return pendingAnswer(ctx, taskId, seen);
        // nothing heard in the whole wait (every poll failed, or the instance was full): one poll of its own
        try {
          return await finish(await poll(call));
        } catch (error) {
          if (!(error instanceof UpstreamError) || error.failure === "aborted") throw error;
          return fail(error.failure, error.cause);
        }
      },
    };
  }
  return { type: "json", route: "poll", call, finish, fail };
}

/** A heard answer as the upstream answer `finish` takes. */
function toAnswer(heard: Heard): UpstreamJson {
  return {
    status: heard.status,
    header: (name) => (name === "retry-after" ? heard.retryAfter : undefined),
    text: heard.text,
  };
}

/** `wait` in seconds (at most the configured cap), or `undefined` for a plain poll. */
function waitFor(maxMs: number | undefined, wait: string | null): number | undefined {
  if (maxMs === undefined || wait === null || !/^\d{1,5}$/.test(wait)) return undefined;
  const ms = Number(wait) * 1000;
  return ms > 0 ? Math.min(ms, maxMs) : undefined;
}

/** Points `result.sample` at the image route when it is on an allowed delivery host (BFL sends no CORS). */
function rewriteSample(ctx: EngineContext, meta: IncomingMeta, result: Record<string, unknown>): void {
  const { config } = ctx;
  if (!config.imageProxy || typeof result.sample !== "string") return;
  const url = parseFetchableUrl(result.sample);
  if (!url) return;
  if (!isAllowedDeliveryOrigin(url, config.imageProxy.extraOrigins)) {
    // passed on as it is: said once, as the browser then loads it from a host that sends no CORS headers
    ctx.logOnce("warn", "sample_not_proxied", {
      message:
        `result.sample is on ${url.origin}, which the image route does not serve, so browsers load it from there ` +
        "(an <img> shows it; fetching it, to keep or download a copy, fails on CORS). If that is your upstream's " +
        "delivery host (a simulator's, say), add it to imageProxy.allowedOrigins.",
    });
    return;
  }
  // `exp` carries the delivery URL's expiry to clients (core's `deliveryExpiry` reads it), since `se=` is now
  // inside the encoded `u`.
  const se = Date.parse(url.searchParams.get("se") ?? "");
  const exp = Number.isFinite(se) ? `&exp=${se}` : "";
  result.sample = imageRouteUrl(
    `${ctx.publicOrigin(meta)}${config.basePath}${IMAGE_ROUTE_PATH}`,
    url.href,
    exp,
  );
}
